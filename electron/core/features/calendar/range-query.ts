import type { PostDto } from '../../../../shared/contract';
import type { CalendarPostDto } from '../../../../shared/contract/features/calendar';
import { TARGET_STATES, type TargetState } from '../../../../shared/domain/states';
import type { Db } from '../../store/open';

export interface RangeQuery {
  fromMs: number;
  toMs: number;
  accountIds?: readonly string[];
  states?: readonly TargetState[];
  campaignIds?: readonly string[];
  pillarIds?: readonly string[];
}

/**
 * Each post's first media item (lowest position), for the chip's thumbnail: one statement per
 * batch, on post_media's primary key (post_id, position). SQLite takes the bare columns of a
 * min() aggregate from the row that holds the minimum. Exported so a test can check its plan.
 */
export const FIRST_MEDIA_SQL = `
  SELECT pm.post_id, pm.media_hash AS hash, m.mime, min(pm.position) AS position
  FROM post_media pm JOIN media m ON m.hash = pm.media_hash
  WHERE pm.post_id IN (SELECT value FROM json_each(:ids))
  GROUP BY pm.post_id`;

/**
 * The calendar's read path: a month of posts in a handful of statements, however many there are.
 *
 * The hits come from the targets_due index (state, scheduled_at): the state list (every state
 * unless filtered) turns it into one index range per state, so no extra index on
 * targets(scheduled_at) is needed. Campaign and pillar filters join posts by primary key in
 * the same statement (INDEXED BY keeps the planner on targets_due). Posts are then read whole, in batches, by the posts service,
 * with their pillar and first media item in one statement each per batch, never one per post.
 */
export function createRangeQuery(db: Db, getMany: (ids: string[]) => PostDto[]) {
  const stmts = {
    hits: db.prepare(`
      SELECT t.post_id, min(t.scheduled_at) AS first_at
      FROM targets t INDEXED BY targets_due
      JOIN posts p ON p.id = t.post_id
      WHERE t.state IN (SELECT value FROM json_each(:states))
        AND t.scheduled_at >= :from AND t.scheduled_at < :to
        AND (:accounts IS NULL OR t.account_id IN (SELECT value FROM json_each(:accounts)))
        AND (:campaigns IS NULL OR p.campaign_id IN (SELECT value FROM json_each(:campaigns)))
        AND (:pillars IS NULL OR p.pillar_id IN (SELECT value FROM json_each(:pillars)))
      GROUP BY t.post_id
      ORDER BY first_at, t.post_id`),
    /** The pillar (name and colour) of each post that has one, for the chip's colour. */
    pillars: db.prepare(`
      SELECT p.id AS post_id, pl.id, pl.name, pl.color
      FROM posts p JOIN pillars pl ON pl.id = p.pillar_id
      WHERE p.id IN (SELECT value FROM json_each(:ids))`),
    firstMedia: db.prepare(FIRST_MEDIA_SQL),
  };

  /** Ids are read in one statement; the posts in batches that keep each JSON list small. */
  const BATCH = 1000;

  return {
    /** Posts with at least one copy in [fromMs, toMs) that passes the filters, soonest first. */
    run(q: RangeQuery): CalendarPostDto[] {
      const read = db.transaction(() => {
        const hits = stmts.hits.all({
          states: JSON.stringify(q.states ?? TARGET_STATES),
          from: q.fromMs,
          to: q.toMs,
          accounts: q.accountIds ? JSON.stringify(q.accountIds) : null,
          campaigns: q.campaignIds ? JSON.stringify(q.campaignIds) : null,
          pillars: q.pillarIds ? JSON.stringify(q.pillarIds) : null,
        }) as { post_id: string }[];
        const ids = hits.map((h) => h.post_id);
        const out: CalendarPostDto[] = [];
        for (let i = 0; i < ids.length; i += BATCH) {
          const batch = ids.slice(i, i + BATCH);
          const rows = stmts.pillars.all({ ids: JSON.stringify(batch) }) as { post_id: string; id: string; name: string; color: string }[];
          const pillarOf = new Map(rows.map((r) => [r.post_id, { id: r.id, name: r.name, color: r.color }]));
          const media = stmts.firstMedia.all({ ids: JSON.stringify(batch) }) as { post_id: string; hash: string; mime: string }[];
          const mediaOf = new Map(media.map((r) => [r.post_id, { hash: r.hash, mime: r.mime }]));
          for (const post of getMany(batch)) out.push({ ...post, pillar: pillarOf.get(post.id) ?? null, firstMedia: mediaOf.get(post.id) ?? null });
        }
        return out;
      });
      // One read transaction: a post changed between the statements can't come back half old.
      return read();
    },
  };
}
