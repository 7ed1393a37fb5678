import { AppError } from '../../../shared/contract';
import type { GuardBlockDto, GuardCheckDto, GuardWarningDto } from '../../../shared/contract/features/guard';
import { PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';
import type { Clock, Logger } from '../deps';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/open';
import { fingerprintOf, printsOf, type PrintedRow } from './guard-prints';
import { settingsStoreOf } from '../settings/settings-store';

const DAY_MS = 86_400_000;
/** Copies that are going out or went out; drafts, failures and cancellations don't count. */
export const COUNTED_STATES = ['in_review', 'approved', 'scheduled', 'publishing', 'published'] as const;

export interface GuardDeps {
  db: Db;
  clock: Clock;
  log: Logger;
}

/** What the guard is asked about: the words and media, where they go, and when. */
export interface DuplicateQuery {
  text: string;
  mediaHashes?: readonly string[];
  /** Connected accounts the copy goes to… */
  accountIds?: readonly string[];
  /** …or platforms, for copies not tied to an account yet. */
  platforms?: readonly Platform[];
  /** Epoch ms or ISO instant; leave it out for now. */
  scheduledAt?: number | string | null;
  /** The post being edited, never compared with itself. */
  excludePostId?: string;
}

interface Destination {
  platform: Platform;
  accountId: string | null;
}

interface CandidateRow extends PrintedRow {
  post_id: string;
  platform: Platform;
  account_id: string | null;
  state: string;
  at: number;
}

/**
 * The candidates: copies going out or gone out on the given platforms whose instant falls in the
 * window and whose stored fingerprint is the one asked about, or not stored yet (guard-prints.ts).
 * The state list is written out (not bound) so that the partial index targets_guard_window
 * (platform, guard_print, coalesce(published_at, scheduled_at)) can serve it, and the index is
 * named: without planner statistics (a creator's database has none, migration 0016) SQLite
 * preferred targets_state_post and read every copy in those states on each create. The window
 * is then two index ranges per platform, and only the copies that say the same thing (and the
 * few not worked out yet) are read with their words, not the ~550 a week around a date holds at
 * 100,000 posts. Unordered: the few that match are sorted in JavaScript. Exported for the plan
 * test. Parameters: platforms (JSON), fingerprint, from, to, post to leave out.
 */
export const GUARD_WINDOW_SQL = `
  SELECT t.id, t.post_id, t.platform, t.account_id, t.state, t.guard_print,
         coalesce(t.text_override, (SELECT v.text FROM post_versions v WHERE v.post_id = t.post_id ORDER BY v.number DESC LIMIT 1)) AS text,
         coalesce(t.published_at, t.scheduled_at) AS at,
         (SELECT group_concat(pm.media_hash, ',') FROM post_media pm WHERE pm.post_id = t.post_id) AS media
    FROM targets t INDEXED BY targets_guard_window
   WHERE t.state IN (${COUNTED_STATES.map((s) => `'${s}'`).join(', ')})
     AND t.platform IN (SELECT value FROM json_each(?))
     AND t.guard_print IN (?, '')
     AND coalesce(t.published_at, t.scheduled_at) BETWEEN ? AND ?
     AND t.post_id <> ?`;

/** Prepared once per connection: the guard runs on every create and edit. */
const prepared = new WeakMap<Db, { window: Statement; platformOf: Statement; handleOf: Statement }>();
function statementsOf(db: Db) {
  let s = prepared.get(db);
  if (!s) {
    s = {
      window: db.prepare(GUARD_WINDOW_SQL),
      platformOf: db.prepare('SELECT platform FROM accounts WHERE id = ?'),
      handleOf: db.prepare('SELECT handle FROM accounts WHERE id = ?').pluck(),
    };
    prepared.set(db, s);
  }
  return s;
}

function destinations({ db }: GuardDeps, q: DuplicateQuery): Destination[] {
  const find = statementsOf(db).platformOf;
  const bound = [...new Set(q.accountIds ?? [])].map((id) => {
    const row = find.get(id) as { platform: Platform } | undefined;
    if (!row) throw new AppError('invalid_input', 'One of the accounts is no longer connected. Pick the accounts again.', { issues: [{ path: ['accountIds'], message: `Unknown account ${id}` }] });
    return { platform: row.platform, accountId: id };
  });
  // Copies not tied to an account yet are compared by platform.
  const unbound = [...new Set(q.platforms ?? [])].map((platform) => ({ platform, accountId: null }));
  return [...bound, ...unbound];
}

/**
 * The accounts a post would go out on, by platform (copies without an account left out). A
 * platform with two or more is the guard's first block: the same post to two accounts of one
 * platform. The import's guard (features/io/import-guard.ts) asks the same of each row.
 */
export function accountsByPlatform(dests: readonly { platform: Platform; accountId: string | null | undefined }[]): Map<Platform, Set<string>> {
  const out = new Map<Platform, Set<string>>();
  for (const d of dests) if (d.accountId) out.set(d.platform, (out.get(d.platform) ?? new Set()).add(d.accountId));
  return out;
}

/** What the guard found: the check it answers, and the copies that would be twins of the new one. */
interface Inspection {
  check: GuardCheckDto;
  /**
   * Copies with the same words and media on the same account (or, without one, the same
   * platform) at the very instant asked about: together they would go out as one post twice.
   */
  twins: CandidateRow[];
}

const sameDestination = (d: Destination, row: CandidateRow) => d.platform === row.platform && d.accountId === row.account_id;

/** The guard's reading, shared by the check (guard:check) and the enforcement below. */
function inspect(deps: GuardDeps, q: DuplicateQuery): Inspection {
  const { db, clock } = deps;
  // The guard's window, read from the settings store itself: posts depend on no feature.
  const windowDays = settingsStoreOf(deps.db, deps.log).get('guard.windowDays');
  // Twins are looked for at a time given, not at "now": a draft without a time is no twin.
  const timed = q.scheduledAt !== undefined && q.scheduledAt !== null;
  const at = !timed ? clock.now() : typeof q.scheduledAt === 'number' ? q.scheduledAt : Date.parse(q.scheduledAt as string);
  const print = fingerprintOf(q.text, q.mediaHashes ?? []);
  const dests = destinations(deps, q);
  const warnings: GuardWarningDto[] = [];
  const blocks = new Map<Platform, { accounts: Set<string>; posts: Set<string> }>();
  const block = (platform: Platform, accounts: string[], postId?: string) => {
    const b = blocks.get(platform) ?? { accounts: new Set<string>(), posts: new Set<string>() };
    for (const a of accounts) b.accounts.add(a);
    if (postId) b.posts.add(postId);
    blocks.set(platform, b);
  };

  for (const [platform, accounts] of accountsByPlatform(dests)) if (accounts.size > 1) block(platform, [...accounts]);

  // A window of 0 days switches the warnings off, never the twins: the window is read at the instant alone then.
  const span = Math.max(windowDays, 0) * DAY_MS;
  const repeats = dests.length > 0 && (windowDays > 0 || timed) ? repeatsOf(db, dests, print, at, span, q.excludePostId) : [];
  const twins = timed ? repeats.filter((row) => row.at === at && dests.some((d) => sameDestination(d, row))) : [];
  if (windowDays > 0) {
    for (const row of repeats) {
      for (const d of dests) {
        if (d.platform !== row.platform) continue;
        if (d.accountId === row.account_id) {
          warnings.push({ kind: 'same_account_window', postId: row.post_id, accountId: row.account_id, platform: row.platform, scheduledAt: new Date(row.at).toISOString(), state: row.state });
        } else if (d.accountId && row.account_id) {
          block(row.platform, [row.account_id, d.accountId], row.post_id);
        }
      }
    }
  }

  const blockList: GuardBlockDto[] = [...blocks].map(([platform, b]) => ({ kind: 'same_platform_two_accounts', platform, accountIds: [...b.accounts].sort(), postIds: [...b.posts].sort() }));
  return { check: { fingerprint: print, windowDays, warnings, blocks: blockList }, twins };
}

/**
 * The copies with this fingerprint going out on the destinations' platforms within `span` of
 * `at`, earliest first (so the warnings read earliest first). Only the copies inside the window
 * with this fingerprint (or none stored yet) are read, through targets_guard_window (migration 0015).
 */
function repeatsOf(db: Db, dests: readonly Destination[], print: string, at: number, span: number, excludePostId = ''): CandidateRow[] {
  const platforms = [...new Set(dests.map((d) => d.platform))];
  const rows = statementsOf(db).window.all(JSON.stringify(platforms), print, at - span, at + span, excludePostId) as CandidateRow[];
  const printed = printsOf(db, rows);
  return rows.filter((row) => printed.get(row) === print).sort((a, b) => a.at - b.at);
}

/** Finds repeats of the same words and media: warnings for the same account nearby, blocks for two accounts of one platform. */
export function checkDuplicates(deps: GuardDeps, q: DuplicateQuery): GuardCheckDto {
  return inspect(deps, q).check;
}

/** The posts that already carry these words and media to one of these destinations at this very instant. */
export function twinsOf(deps: GuardDeps, q: DuplicateQuery & { scheduledAt: number | string }): string[] {
  return [...new Set(inspect(deps, q).twins.map((row) => row.post_id))];
}

/** "@me@example.social on Mastodon", or the platform alone for a copy without an account. */
function whereTwins(db: Db, twins: readonly CandidateRow[]): string {
  const { handleOf } = statementsOf(db);
  const places = twins.map((row) => {
    const handle = row.account_id ? (handleOf.get(row.account_id) as string | undefined) : undefined;
    return handle ? `${handle} on ${PLATFORM_NAMES[row.platform]}` : PLATFORM_NAMES[row.platform];
  });
  return [...new Set(places)].join(' and ');
}

/**
 * The core's enforcement, for posts-service create/update and any other writer: refuses
 * (conflict) an identical post to two accounts of one platform unless `override` is set, and an
 * identical post on the same account at the very same instant always (moving, scheduling or
 * rescheduling a post onto its twin, a repeat's next copy included), and returns the check
 * (warnings included) otherwise. Synchronous, so it can run in a transaction.
 */
export function assertNotDuplicate(deps: GuardDeps, input: DuplicateQuery & { override?: boolean }): GuardCheckDto {
  const { check: result, twins } = inspect(deps, input);
  // Never overridable: the same post twice at one moment on one account is always a mistake
  // (a repeat moved onto the next one of its series, a post scheduled twice).
  if (twins.length > 0) {
    throw new AppError('conflict', `The same post is already planned for ${whereTwins(deps.db, twins)} at that exact time, so it would go out twice at once. Pick another time, or change the words.`, {
      details: JSON.stringify({ samePostAt: new Date(twins[0]!.at).toISOString(), postIds: [...new Set(twins.map((row) => row.post_id))].sort() }),
    });
  }
  if (result.blocks.length > 0 && !input.override) {
    const names = result.blocks.map((b) => PLATFORM_NAMES[b.platform]).join(', ');
    throw new AppError('conflict', `The same post would go to two ${names} accounts. Change the words for one of them, or choose "Post anyway".`, {
      details: JSON.stringify(result.blocks),
    });
  }
  return result;
}
