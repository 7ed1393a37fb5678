/**
 * The duplicate guard (posts/duplicate-check.ts) over a whole import at once: the same words to
 * two accounts of one platform, within one row or against a post already planned inside the
 * guard's window, is a row error. The rules are the guard's; what differs is the reading: one
 * query for every row's window together, each planned text fingerprinted once, instead of a
 * query and a fingerprint of every candidate per row.
 */
import { fingerprint } from '../../../../shared/domain/fingerprint';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import type { Logger } from '../../deps';
import { settingsStoreOf } from '../../settings/settings-store';
import type { Db } from '../../store/open';
import type { CheckedRow } from './check-cache';

const DAY_MS = 86_400_000;
/** The guard's counted states: copies going out or gone out. */
const COUNTED_STATES = ['in_review', 'approved', 'scheduled', 'publishing', 'published'];

interface Candidate {
  post_id: string;
  platform: Platform;
  account_id: string | null;
  /** The stored fingerprint (migration 0015), '' when not worked out yet. */
  guard_print: string;
  text: string;
  at: number;
}

export function createImportGuard({ db, log }: { db: Db; log: Logger }) {
  const stmts = {
    candidates: db.prepare(
      `SELECT t.post_id, t.platform, t.account_id, t.guard_print,
              coalesce(t.text_override, (SELECT v.text FROM post_versions v WHERE v.post_id = t.post_id ORDER BY v.number DESC LIMIT 1)) AS text,
              coalesce(t.published_at, t.scheduled_at) AS at
         FROM targets t
        WHERE t.state IN (SELECT value FROM json_each(?))
          AND t.platform IN (SELECT value FROM json_each(?))
          AND coalesce(t.published_at, t.scheduled_at) BETWEEN ? AND ?`,
    ),
    media: db.prepare('SELECT media_hash FROM post_media WHERE post_id = ?'),
  };

  /** Planned copies with these words (fingerprint), by fingerprint; empty when none could match. */
  function planned(rows: readonly CheckedRow[], windowDays: number): Map<string, Candidate[]> {
    const byPrint = new Map<string, Candidate[]>();
    const active = rows.flatMap((r) => (r.plan && !r.result.skip ? [r.plan] : []));
    if (windowDays <= 0 || active.length === 0) return byPrint;
    const platforms = [...new Set(active.flatMap((p) => p.targets.map((t) => t.platform)))];
    let from = Infinity;
    let to = -Infinity;
    for (const p of active) {
      from = Math.min(from, p.epochMs);
      to = Math.max(to, p.epochMs);
    }
    const found = stmts.candidates.all(JSON.stringify(COUNTED_STATES), JSON.stringify(platforms), from - windowDays * DAY_MS, to + windowDays * DAY_MS) as Candidate[];
    const prints = new Map<string, string>();
    for (const c of found) {
      // Blocks need two different accounts: a copy with none cannot be one of them.
      if (!c.account_id) continue;
      const key = `${c.post_id}\u0000${c.text}`;
      // The stored fingerprint when there is one; the import's window is wide (every row's), so
      // it is read by state and time as before, not through targets_guard_window's fingerprints.
      let print = c.guard_print || prints.get(key);
      if (print === undefined) {
        print = fingerprint(c.text, (stmts.media.all(c.post_id) as { media_hash: string }[]).map((m) => m.media_hash));
        prints.set(key, print);
      }
      byPrint.set(print, [...(byPrint.get(print) ?? []), c]);
    }
    return byPrint;
  }

  /** Each row with the guard's blocks added as a text error (and its plan dropped). */
  return function guardRows(rows: readonly CheckedRow[]): CheckedRow[] {
    const windowDays = settingsStoreOf(db, log).get('guard.windowDays');
    const byPrint = planned(rows, windowDays);
    const window = windowDays * DAY_MS;
    return rows.map((c) => {
      if (!c.plan || c.result.skip) return c;
      const { plan } = c;
      const blocks = new Map<Platform, boolean>();
      const bound = new Map<Platform, Set<string>>();
      for (const t of plan.targets) if (t.accountId) bound.set(t.platform, (bound.get(t.platform) ?? new Set()).add(t.accountId));
      // The same post to two accounts of one platform.
      for (const [platform, accounts] of bound) if (accounts.size > 1) blocks.set(platform, blocks.get(platform) ?? false);
      if (byPrint.size > 0 && bound.size > 0) {
        for (const p of byPrint.get(fingerprint(plan.text, [])) ?? []) {
          const mine = bound.get(p.platform);
          if (!mine || Math.abs(p.at - plan.epochMs) > window) continue;
          if ([...mine].some((a) => a !== p.account_id)) blocks.set(p.platform, true);
        }
      }
      if (blocks.size === 0) return c;
      const names = [...blocks.keys()].map((p) => PLATFORM_NAMES[p]).join(', ');
      const message = `The same words would go to two ${names} accounts${[...blocks.values()].some(Boolean) ? ' (one of them is already planned)' : ''}. Change the words for one of them, or leave one account out of this row.`;
      return { result: { ...c.result, errors: [...c.result.errors, { field: 'text', message }] }, plan: null };
    });
  };
}
