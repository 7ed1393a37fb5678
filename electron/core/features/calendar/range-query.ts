import type { CalendarPostDto } from '../../../../shared/contract/features/calendar';
import { TARGET_STATES, type TargetState } from '../../../../shared/domain/states';
import type { Db } from '../../store/open';
import { CURRENT_VERSION_JOIN, POST_COLUMNS, postFromRow, type PostJsonRow } from '../../posts/post-rows';

export interface RangeQuery {
  fromMs: number;
  toMs: number;
  accountIds?: readonly string[];
  states?: readonly TargetState[];
  campaignIds?: readonly string[];
  pillarIds?: readonly string[];
}

/**
 * The calendar's read path: a month of posts in one statement, however many there are.
 *
 * The hits come from targets_time (scheduled_at, state, account_id, post_id; migration 0013):
 * one index range over the days asked for, the state and account filters read from the index
 * itself. Each hit post is then read whole in the same statement (its text, copies and parts as
 * JSON, see posts/post-rows.ts), with its pillar and first media item, all by primary key.
 * Exported so the plan test can check that nothing in it scans posts or targets.
 */
export const RANGE_SQL = `
  WITH hit AS (
    SELECT t.post_id, min(t.scheduled_at) AS first_at
    FROM targets t INDEXED BY targets_time
    WHERE t.scheduled_at >= :from AND t.scheduled_at < :to
      AND t.state IN (SELECT value FROM json_each(:states))
      AND (:accounts IS NULL OR t.account_id IN (SELECT value FROM json_each(:accounts)))
    GROUP BY t.post_id)
  SELECT ${POST_COLUMNS},
    pl.id AS pillar_id, pl.name AS pillar_name, pl.color AS pillar_color,
    (SELECT json_array(pm.media_hash, m.mime) FROM post_media pm JOIN media m ON m.hash = pm.media_hash
      WHERE pm.post_id = p.id ORDER BY pm.position LIMIT 1) AS media_json
  FROM hit
  JOIN posts p ON p.id = hit.post_id
  ${CURRENT_VERSION_JOIN}
  LEFT JOIN pillars pl ON pl.id = p.pillar_id
  WHERE (:campaigns IS NULL OR p.campaign_id IN (SELECT value FROM json_each(:campaigns)))
    AND (:pillars IS NULL OR p.pillar_id IN (SELECT value FROM json_each(:pillars)))
  ORDER BY hit.first_at, hit.post_id`;

interface RangeRow extends PostJsonRow {
  pillar_id: string | null;
  pillar_name: string | null;
  pillar_color: string | null;
  media_json: string | null;
}

/** The range query on `db`: the posts are read whole in the same statement as their hits. */
export function createRangeQuery(db: Db) {
  const stmt = db.prepare(RANGE_SQL);
  return {
    /** Posts with at least one copy in [fromMs, toMs) that passes the filters, soonest first. */
    run(q: RangeQuery): CalendarPostDto[] {
      const rows = stmt.all({
        states: JSON.stringify(q.states ?? TARGET_STATES),
        from: q.fromMs,
        to: q.toMs,
        accounts: q.accountIds ? JSON.stringify(q.accountIds) : null,
        campaigns: q.campaignIds ? JSON.stringify(q.campaignIds) : null,
        pillars: q.pillarIds ? JSON.stringify(q.pillarIds) : null,
      }) as RangeRow[];
      // One statement reads one snapshot: a post changed meanwhile can't come back half old.
      return rows.map((r) => {
        const media = r.media_json ? (JSON.parse(r.media_json) as [string, string]) : null;
        // Added to the post as built rather than spread into a copy (a month is ~2,000 posts).
        return Object.assign(postFromRow(r), {
          pillar: r.pillar_id ? { id: r.pillar_id, name: r.pillar_name!, color: r.pillar_color! } : null,
          firstMedia: media ? { hash: media[0], mime: media[1] } : null,
        });
      });
    },
  };
}
