/**
 * The duplicate guard (posts/duplicate-check.ts) over a whole import at once: the same words and
 * media to two accounts of one platform, within one row, against a post already planned or
 * against an earlier row of the same file inside the guard's window, is a row error. The rules
 * are the guard's; what differs is the reading: one query for every row's window together,
 * through the guard's index and its stored fingerprints (posts/guard-prints.ts), instead of a
 * query per row.
 */
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import type { Logger } from '../../deps';
import { COUNTED_STATES, accountsByPlatform } from '../../posts/duplicate-check';
import { fingerprintOf, printsOf, type PrintedRow } from '../../posts/guard-prints';
import { roughText } from '../../../../shared/domain/fingerprint';
import { settingsStoreOf } from '../../settings/settings-store';
import type { Db } from '../../store/open';
import type { CheckedRow } from './check-cache';
import { createMediaHasher } from './media-files';
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

/** An earlier row's copies on one account, in one slice of the window: their first and last instant. */
interface Span {
  min: number;
  max: number;
  minLine: number;
  maxLine: number;
}

/**
 * The copies of the rows let through so far, to find a later row that says the same thing to
 * another account of the platform within the window, without comparing every pair of rows (an
 * import can have 10,000). Instants are sliced into buckets one window wide: a copy within the
 * window of `at` lies in its bucket or the one either side, and per account the earliest and
 * latest instant of a bucket tell whether one does (a platform has a handful of accounts).
 */
function createRowIndex(windowMs: number) {
  const groups = new Map<string, Map<number, Map<string, Span>>>();
  const bucketOf = (at: number) => Math.floor(at / windowMs);
  return {
    add(print: string, platform: Platform, accountId: string, at: number, line: number) {
      const key = `${platform}\u0000${print}`;
      const buckets = groups.get(key) ?? new Map<number, Map<string, Span>>();
      groups.set(key, buckets);
      const accounts = buckets.get(bucketOf(at)) ?? new Map<string, Span>();
      buckets.set(bucketOf(at), accounts);
      const span = accounts.get(accountId);
      if (!span) accounts.set(accountId, { min: at, max: at, minLine: line, maxLine: line });
      else {
        if (at < span.min) Object.assign(span, { min: at, minLine: line });
        if (at > span.max) Object.assign(span, { max: at, maxLine: line });
      }
    },
    /** The line of an earlier row with these words to another account of the platform within the window, or null. */
    clash(print: string, platform: Platform, accountId: string, at: number): number | null {
      const buckets = groups.get(`${platform}\u0000${print}`);
      if (!buckets) return null;
      const k = bucketOf(at);
      for (const [b, near] of [
        [k, (s: Span) => s.minLine],
        [k - 1, (s: Span) => (s.max >= at - windowMs ? s.maxLine : null)],
        [k + 1, (s: Span) => (s.min <= at + windowMs ? s.minLine : null)],
      ] as const) {
        for (const [other, span] of buckets.get(b) ?? []) {
          const line = other === accountId ? null : near(span);
          if (line !== null) return line;
        }
      }
      return null;
    },
  };
}

export function createImportGuard({ db, log }: { db: Db; log: Logger }) {
  const stmts = {
    candidates: db.prepare(IMPORT_GUARD_SQL),
    // An empty history has nothing to collide with: the rows' words need no fingerprint then.
    anyCounted: db.prepare(`SELECT 1 FROM targets WHERE state IN (${COUNTED}) LIMIT 1`).pluck(),
  };
  // Kept across checks: a preview and its commit read each media file once.
  const hashOf = createMediaHasher();

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

  /**
   * Each row's fingerprint as the core takes a post's: its words and its media's content hashes
   * (a photo makes it another post; the same photo on two accounts is the same one). Only for
   * rows that have something to be compared with: planned posts (`history`) or another row with
   * the same words, so a file whose rows all say something different reads no media file here.
   * A row whose file can't be read (the commit says why) or is too large to read here (a long
   * video: media-files.ts) has none, and is not compared.
   */
  function rowPrints(active: readonly RowPlan[], history: boolean): Map<RowPlan, string> {
    const out = new Map<RowPlan, string>();
    if (!history && active.length < 2) return out;
    const words = new Map<string, string>();
    const wordsOf = (text: string) => {
      let w = words.get(text);
      if (w === undefined) words.set(text, (w = fingerprintOf(text)));
      return w;
    };
    // Without planned posts a row is compared only with rows that may say the same: those sharing
    // its rough words (roughText: no link parsed), so a file of different posts fingerprints none.
    const rough = new Map<RowPlan, string>();
    const rowsWith = new Map<string, number>();
    if (!history) {
      for (const p of active) {
        const r = roughText(p.text);
        rough.set(p, r);
        rowsWith.set(r, (rowsWith.get(r) ?? 0) + 1);
      }
    }
    for (const p of active) {
      if (!history && rowsWith.get(rough.get(p)!)! < 2) continue;
      const w = wordsOf(p.text);
      if (p.media.length === 0) {
        out.set(p, w);
        continue;
      }
      const hashes = p.media.map((m) => hashOf(m.file.path));
      if (hashes.every((h): h is string => h !== null)) out.set(p, fingerprintOf(p.text, hashes));
    }
    return out;
  }

  /**
   * Each row with the guard's blocks added as a text error (and its plan dropped). Rows are taken
   * in the file's order, as the composer takes posts as they are saved: of two rows that clash,
   * the later one is refused, and a refused row clashes with none after it.
   */
  return function guardRows(rows: readonly CheckedRow[]): CheckedRow[] {
    const windowDays = settingsStoreOf(db, log).get('guard.windowDays');
    const active = rows.flatMap((r) => (r.plan && !r.result.skip ? [r.plan] : []));
    const history = windowDays > 0 && active.length > 0 && stmts.anyCounted.get() !== undefined;
    const printOf = windowDays > 0 ? rowPrints(active, history) : new Map<RowPlan, string>();
    const byPrint = history ? planned(active, windowDays, new Set(printOf.values())) : new Map<string, Candidate[]>();
    const window = windowDays * DAY_MS;
    const earlier = windowDays > 0 ? createRowIndex(window) : null;
    // The same post on the same account at the very same minute, as the core refuses whatever
    // the window (posts/duplicate-check.ts): the line that has it first, by print, account and instant.
    const sameMinute = new Map<string, number>();
    const twinKey = (print: string, accountId: string, at: number) => `${print}\u0000${accountId}\u0000${at}`;
    return rows.map((c) => {
      if (!c.plan || c.result.skip) return c;
      const print = printOf.get(c.plan);
      // Saved with the post, so no later check has to work it out (a row with media is left to
      // the triggers: its file is read again as it is copied).
      const plan = print !== undefined && c.plan.media.length === 0 ? { ...c.plan, print } : c.plan;
      const blocks = new Set<Platform>();
      let withPlanned = false;
      let line: number | null = null;
      const bound = accountsByPlatform(plan.targets);
      for (const [platform, accounts] of bound) if (accounts.size > 1) blocks.add(platform);
      let twin: number | 'planned' | null = null;
      if (print !== undefined && bound.size > 0) {
        for (const p of byPrint.get(print) ?? []) {
          const mine = bound.get(p.platform);
          if (!mine || Math.abs(p.at - plan.epochMs) > window) continue;
          if (p.at === plan.epochMs && p.account_id !== null && mine.has(p.account_id)) twin ??= 'planned';
          if (![...mine].some((a) => a !== p.account_id)) continue;
          blocks.add(p.platform);
          withPlanned = true;
        }
        for (const [platform, accounts] of bound) {
          for (const a of accounts) {
            twin ??= sameMinute.get(twinKey(print, a, plan.epochMs)) ?? null;
            const clash = earlier?.clash(print, platform, a, plan.epochMs) ?? null;
            if (clash === null) continue;
            blocks.add(platform);
            line ??= clash;
          }
        }
      }
      if (twin !== null) {
        const where = twin === 'planned' ? 'is already planned' : `is on line ${twin} of this file`;
        const message = `The same post ${where} for the same account at that exact time, so it would go out twice at once. Skip this line, or change its time or words.`;
        return { result: { ...c.result, errors: [...c.result.errors, { field: 'text', message }] }, plan: null };
      }
      if (blocks.size === 0) {
        if (print !== undefined) {
          for (const [platform, accounts] of bound) {
            for (const a of accounts) {
              earlier?.add(print, platform, a, plan.epochMs, c.result.line);
              if (!sameMinute.has(twinKey(print, a, plan.epochMs))) sameMinute.set(twinKey(print, a, plan.epochMs), c.result.line);
            }
          }
        }
        return plan === c.plan ? c : { ...c, plan };
      }
      return { result: { ...c.result, errors: [...c.result.errors, { field: 'text', message: blockMessage([...blocks], withPlanned, line) }] }, plan: null };
    });
  };
}

/** The row error: what would happen, why it is refused, and what to do. */
function blockMessage(platforms: readonly Platform[], withPlanned: boolean, line: number | null): string {
  const names = platforms.map((p) => PLATFORM_NAMES[p]).join(', ');
  const why = [...(withPlanned ? ['one of them is already planned'] : []), ...(line !== null ? [`line ${line} of this file has the same words for the other`] : [])];
  const fix = line !== null ? `Change the words on one of the two lines, or skip one of them.` : 'Change the words for one of them, or leave one account out of this row.';
  return `The same words would go to two ${names} accounts${why.length ? ` (${why.join('; ')})` : ''}. ${fix}`;
}
