/**
 * The duplicate guard (posts/duplicate-check.ts) over a whole import at once: the same words to
 * two accounts of one platform, within one row or against a post already planned inside the
 * guard's window, is a row error. The rules are the guard's; what differs is the reading: one
 * query for every row's window together, through the guard's index and its stored fingerprints
 * (posts/guard-prints.ts), instead of a query per row.
 */
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import type { Logger } from '../../deps';
import { COUNTED_STATES, accountsByPlatform } from '../../posts/duplicate-check';
import { fingerprintOf, printsOf, type PrintedRow } from '../../posts/guard-prints';
import { settingsStoreOf } from '../../settings/settings-store';
import type { Db } from '../../store/open';
import type { CheckedRow } from './check-cache';
import type { RowPlan } from './validate';

const DAY_MS = 86_400_000;
/** The guard's counted states (copies going out or gone out), written out for the partial index. */
const COUNTED = COUNTED_STATES.map((x) => `'${x}'`).join(', ');

/**
 * The planned copies that could collide with the import's rows: on the rows' platforms, inside
 * the window around every row, and with one of the rows' fingerprints or none stored yet ('').
 * Through targets_guard_window (platform, guard_print, instant), named as the guard's own query
 * names it: read by state and time, a 10,000-row import at 100,000 posts read and fingerprinted
 * every copy in its months on each commit. Copies without a stored fingerprint are worked out
 * once and stored (printsOf), and imported copies are saved with theirs (RowPlan.print), so the
 * next import reads only real matches. Exported for the plan test. Parameters: platforms (JSON),
 * fingerprints (JSON, with ''), from, to.
 */
export const IMPORT_GUARD_SQL = `
  SELECT t.id, t.post_id, t.platform, t.account_id, t.guard_print,
         coalesce(t.text_override, (SELECT v.text FROM post_versions v WHERE v.post_id = t.post_id ORDER BY v.number DESC LIMIT 1)) AS text,
         coalesce(t.published_at, t.scheduled_at) AS at,
         (SELECT group_concat(pm.media_hash, ',') FROM post_media pm WHERE pm.post_id = t.post_id) AS media
    FROM targets t INDEXED BY targets_guard_window
   WHERE t.state IN (${COUNTED})
     AND t.platform IN (SELECT value FROM json_each(?))
     AND t.guard_print IN (SELECT value FROM json_each(?))
     AND coalesce(t.published_at, t.scheduled_at) BETWEEN ? AND ?`;

interface Candidate extends PrintedRow {
  post_id: string;
  platform: Platform;
  account_id: string | null;
  at: number;
}

export function createImportGuard({ db, log }: { db: Db; log: Logger }) {
  const stmts = {
    candidates: db.prepare(IMPORT_GUARD_SQL),
    // An empty history has nothing to collide with: the rows' words need no fingerprint then.
    anyCounted: db.prepare(`SELECT 1 FROM targets WHERE state IN (${COUNTED}) LIMIT 1`).pluck(),
  };

  /** Planned copies with the rows' words, by fingerprint (`prints`: the rows' fingerprints). */
  function planned(active: readonly RowPlan[], windowDays: number, prints: ReadonlySet<string>): Map<string, Candidate[]> {
    const byPrint = new Map<string, Candidate[]>();
    const platforms = [...new Set(active.flatMap((p) => p.targets.map((t) => t.platform)))];
    let from = Infinity;
    let to = -Infinity;
    for (const p of active) {
      from = Math.min(from, p.epochMs);
      to = Math.max(to, p.epochMs);
    }
    const found = stmts.candidates.all(JSON.stringify(platforms), JSON.stringify(['', ...prints]), from - windowDays * DAY_MS, to + windowDays * DAY_MS) as Candidate[];
    // Blocks need two different accounts: a copy with none cannot be one of them.
    // Every one worked out is stored: an import is a write anyway, and the next one reads it.
    for (const [c, print] of printsOf(db, found.filter((c) => c.account_id), 1)) {
      if (prints.has(print)) byPrint.set(print, [...(byPrint.get(print) ?? []), c]);
    }
    return byPrint;
  }

  /** Each row with the guard's blocks added as a text error (and its plan dropped). */
  return function guardRows(rows: readonly CheckedRow[]): CheckedRow[] {
    const windowDays = settingsStoreOf(db, log).get('guard.windowDays');
    const active = rows.flatMap((r) => (r.plan && !r.result.skip ? [r.plan] : []));
    // Each row's words fingerprinted once (a row with media is compared on its words alone);
    // not at all when there is nothing planned to compare them with.
    const printOf = new Map<string, string>();
    const history = windowDays > 0 && active.length > 0 && stmts.anyCounted.get() !== undefined;
    if (history) for (const p of active) if (!printOf.has(p.text)) printOf.set(p.text, fingerprintOf(p.text));
    const byPrint = history ? planned(active, windowDays, new Set(printOf.values())) : new Map<string, Candidate[]>();
    const window = windowDays * DAY_MS;
    return rows.map((c) => {
      if (!c.plan || c.result.skip) return c;
      const print = printOf.get(c.plan.text);
      // Saved with the post, so no later check has to work it out (its media would change it).
      const plan = print !== undefined && c.plan.media.length === 0 ? { ...c.plan, print } : c.plan;
      const blocks = new Map<Platform, boolean>();
      const bound = accountsByPlatform(plan.targets);
      for (const [platform, accounts] of bound) if (accounts.size > 1) blocks.set(platform, blocks.get(platform) ?? false);
      if (print !== undefined && bound.size > 0) {
        for (const p of byPrint.get(print) ?? []) {
          const mine = bound.get(p.platform);
          if (!mine || Math.abs(p.at - plan.epochMs) > window) continue;
          if ([...mine].some((a) => a !== p.account_id)) blocks.set(p.platform, true);
        }
      }
      if (blocks.size === 0) return plan === c.plan ? c : { ...c, plan };
      const names = [...blocks.keys()].map((p) => PLATFORM_NAMES[p]).join(', ');
      const message = `The same words would go to two ${names} accounts${[...blocks.values()].some(Boolean) ? ' (one of them is already planned)' : ''}. Change the words for one of them, or leave one account out of this row.`;
      return { result: { ...c.result, errors: [...c.result.errors, { field: 'text', message }] }, plan: null };
    });
  };
}
