import type { PostDto, TargetDto } from '../../../../shared/contract';
import type { Platform } from '../../../../shared/domain/platforms';
import { TARGET_STATES, type TargetState } from '../../../../shared/domain/states';
import type { Db } from '../../store/open';

export interface RangeQuery {
  fromMs: number;
  toMs: number;
  accountIds?: readonly string[];
  states?: readonly TargetState[];
}

interface PostRow {
  id: string;
  created_at: number;
  updated_at: number;
  version: number;
  text: string;
}

interface TargetRow {
  id: string;
  post_id: string;
  platform: Platform;
  account_id: string | null;
  scheduled_at: number | null;
  zone: string | null;
  state: TargetState;
  last_error: string | null;
  last_error_details: string | null;
  platform_url: string | null;
}

interface PartRow {
  post_id: string;
  position: number;
  kind: 'thread' | 'comment';
  text: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The calendar's read path: a month of posts in four statements, however many posts there are.
 *
 * The hits come from the targets_due index (state, scheduled_at): the state list (every state
 * unless filtered) turns it into one index range per state, so no extra index on
 * targets(scheduled_at) is needed. Posts are then read whole, in batches, by id.
 *
 * The DTO is built as posts-repo.ts builds it (typed as PostDto, so a new field there fails to
 * compile here rather than going missing); posts-repo has no "many by id" read to reuse.
 */
export function createRangeQuery(db: Db) {
  const stmts = {
    hits: db.prepare(`
      SELECT post_id, min(scheduled_at) AS first_at FROM targets
      WHERE state IN (SELECT value FROM json_each(:states))
        AND scheduled_at >= :from AND scheduled_at < :to
        AND (:accounts IS NULL OR account_id IN (SELECT value FROM json_each(:accounts)))
      GROUP BY post_id
      ORDER BY first_at, post_id`),
    posts: db.prepare(`
      SELECT p.id, p.created_at, p.updated_at, v.number AS version, v.text
      FROM posts p
      JOIN post_versions v ON v.post_id = p.id
       AND v.number = (SELECT max(number) FROM post_versions WHERE post_id = p.id)
      WHERE p.id IN (SELECT value FROM json_each(?))`),
    targets: db.prepare(`
      SELECT id, post_id, platform, account_id, scheduled_at, zone, state, last_error, last_error_details, platform_url
      FROM targets WHERE post_id IN (SELECT value FROM json_each(?)) ORDER BY rowid`),
    parts: db.prepare(`
      SELECT t.post_id, p.position, p.kind, p.text FROM target_parts p JOIN targets t ON t.id = p.target_id
      WHERE t.post_id IN (SELECT value FROM json_each(?)) ORDER BY t.post_id, t.rowid, p.position`),
  };

  const toTarget = (t: TargetRow): TargetDto => ({
    id: t.id,
    platform: t.platform,
    accountId: t.account_id,
    state: t.state,
    scheduledAt: t.scheduled_at === null ? null : iso(t.scheduled_at),
    zone: t.zone,
    lastError: t.last_error,
    lastErrorDetails: t.last_error_details,
    platformUrl: t.platform_url,
  });

  /** Every copy of a post carries the same thread parts and comment (where its platform takes them). */
  const partsByPost = (idsJson: string) => {
    const out = new Map<string, { thread: string[]; firstComment: string | null; seen: Set<number> }>();
    for (const p of stmts.parts.all(idsJson) as PartRow[]) {
      let entry = out.get(p.post_id);
      if (!entry) out.set(p.post_id, (entry = { thread: [], firstComment: null, seen: new Set() }));
      if (p.kind === 'comment') entry.firstComment ??= p.text;
      else if (!entry.seen.has(p.position)) {
        entry.seen.add(p.position);
        entry.thread.push(p.text);
      }
    }
    return out;
  };

  /** Posts by id, whole, in the order of `ids`. */
  const postsById = (ids: string[]): PostDto[] => {
    if (ids.length === 0) return [];
    const idsJson = JSON.stringify(ids);
    const rows = new Map((stmts.posts.all(idsJson) as PostRow[]).map((r) => [r.id, r]));
    const targets = new Map<string, TargetRow[]>();
    for (const t of stmts.targets.all(idsJson) as TargetRow[]) {
      const list = targets.get(t.post_id);
      if (list) list.push(t);
      else targets.set(t.post_id, [t]);
    }
    const parts = partsByPost(idsJson);
    const out: PostDto[] = [];
    for (const id of ids) {
      const row = rows.get(id);
      if (!row) continue;
      const list = targets.get(id) ?? [];
      let first: TargetRow | undefined;
      for (const t of list) if (t.scheduled_at !== null && (!first || t.scheduled_at < first.scheduled_at!)) first = t;
      const p = parts.get(id);
      out.push({
        id: row.id,
        text: row.text,
        version: row.version,
        createdAt: iso(row.created_at),
        updatedAt: iso(row.updated_at),
        scheduledAt: first ? iso(first.scheduled_at!) : null,
        zone: first?.zone ?? null,
        targets: list.map(toTarget),
        thread: p?.thread ?? [],
        firstComment: p?.firstComment ?? null,
      });
    }
    return out;
  };

  /** Ids are read in one statement; the posts in batches that keep each JSON list small. */
  const BATCH = 1000;

  return {
    /** Posts with at least one copy in [fromMs, toMs) that passes the filters, soonest first. */
    run(q: RangeQuery): PostDto[] {
      const read = db.transaction(() => {
        const hits = stmts.hits.all({
          states: JSON.stringify(q.states ?? TARGET_STATES),
          from: q.fromMs,
          to: q.toMs,
          accounts: q.accountIds ? JSON.stringify(q.accountIds) : null,
        }) as { post_id: string }[];
        const ids = hits.map((h) => h.post_id);
        const out: PostDto[] = [];
        for (let i = 0; i < ids.length; i += BATCH) out.push(...postsById(ids.slice(i, i + BATCH)));
        return out;
      });
      // One read transaction: a post changed between the statements can't come back half old.
      return read();
    },
  };
}
