import type { PostDto } from '../../../../shared/contract';
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
 * The calendar's read path: a month of posts in a handful of statements, however many there are.
 *
 * The hits come from the targets_due index (state, scheduled_at): the state list (every state
 * unless filtered) turns it into one index range per state, so no extra index on
 * targets(scheduled_at) is needed. Campaign and pillar filters join posts by primary key in
 * the same statement (INDEXED BY keeps the planner on targets_due). Posts are then read whole, in batches, by the posts service.
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
          campaigns: q.campaignIds ? JSON.stringify(q.campaignIds) : null,
          pillars: q.pillarIds ? JSON.stringify(q.pillarIds) : null,
        }) as { post_id: string }[];
        const ids = hits.map((h) => h.post_id);
        const out: PostDto[] = [];
        for (let i = 0; i < ids.length; i += BATCH) out.push(...getMany(ids.slice(i, i + BATCH)));
        return out;
      });
      // One read transaction: a post changed between the statements can't come back half old.
      return read();
    },
  };
}
