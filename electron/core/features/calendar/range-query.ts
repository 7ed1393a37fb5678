import type { CalendarChipDto, CalendarPostDto } from '../../../../shared/contract/features/calendar';
import type { Platform } from '../../../../shared/domain/platforms';
import { TARGET_STATES, type TargetState } from '../../../../shared/domain/states';
import type { Db } from '../../store/open';
import { CURRENT_VERSION_JOIN, POST_COLUMNS, postFromRow, type PostJsonRow } from '../../posts/post-rows';
import { isoInstant as iso } from '../../posts/iso-instant';

export interface RangeQuery {
  fromMs: number;
  toMs: number;
  accountIds?: readonly string[];
  states?: readonly TargetState[];
  campaignIds?: readonly string[];
  pillarIds?: readonly string[];
}

/**
 * The posts with a copy in the range that passes the filters, each once with its first instant
 * there. The hits come from targets_time (scheduled_at, state, account_id, post_id; migration
 * 0013): one index range over the days asked for, the state and account filters read from the
 * index itself.
 */
const HITS = `
  WITH hit AS (
    SELECT t.post_id, min(t.scheduled_at) AS first_at
    FROM targets t INDEXED BY targets_time
    WHERE t.scheduled_at >= :from AND t.scheduled_at < :to
      AND t.state IN (SELECT value FROM json_each(:states))
      AND (:accounts IS NULL OR t.account_id IN (SELECT value FROM json_each(:accounts)))
    GROUP BY t.post_id)`;

/** Each hit post, its current version, pillar and first media item (by primary key), under the post filters. */
const POST_JOINS = `
  FROM hit
  JOIN posts p ON p.id = hit.post_id
  ${CURRENT_VERSION_JOIN}
  LEFT JOIN pillars pl ON pl.id = p.pillar_id
  WHERE (:campaigns IS NULL OR p.campaign_id IN (SELECT value FROM json_each(:campaigns)))
    AND (:pillars IS NULL OR p.pillar_id IN (SELECT value FROM json_each(:pillars)))`;

const PILLAR_AND_MEDIA = `
    pl.id AS pillar_id, pl.name AS pillar_name, pl.color AS pillar_color,
    (SELECT json_array(pm.media_hash, m.mime) FROM post_media pm JOIN media m ON m.hash = pm.media_hash
      WHERE pm.post_id = p.id ORDER BY pm.position LIMIT 1) AS media_json`;

/**
 * The calendar's read path for scripts and agents (posts:range): a month of posts in one
 * statement, however many there are, each hit post read whole (its text, copies and parts as
 * JSON, see posts/post-rows.ts). Exported so the plan test can check that nothing in it scans
 * posts or targets.
 */
export const RANGE_SQL = `${HITS}
  SELECT ${POST_COLUMNS},${PILLAR_AND_MEDIA}
  ${POST_JOINS}
  ORDER BY hit.first_at, hit.post_id`;

/**
 * The grid's read path (posts:calendar): the same posts with only what a chip shows. Each copy's
 * place, state and time, and how long its thread is (counted on the copy's own parts, by
 * primary key; every copy that takes a thread carries the same one), nothing else of it. Ordered
 * as made within an instant, so chips at the same time keep the order the posts were made in.
 */
export const CHIPS_SQL = `${HITS}
  SELECT p.id, v.text,
    (SELECT json_group_array(json_array(t.id, t.platform, t.account_id, t.state, t.scheduled_at, t.rowid,
        (SELECT count(*) FROM target_parts tp WHERE tp.target_id = t.id AND tp.kind = 'thread')))
      FROM targets t WHERE t.post_id = p.id) AS targets_json,${PILLAR_AND_MEDIA}
  ${POST_JOINS}
  ORDER BY hit.first_at, p.created_at, hit.post_id`;

interface PillarAndMedia {
  pillar_id: string | null;
  pillar_name: string | null;
  pillar_color: string | null;
  media_json: string | null;
}

type RangeRow = PostJsonRow & PillarAndMedia;
/** A chip's row as an array (the statement is raw: no object with named keys per row, ~1.5 ms a month). */
type ChipRow = [id: string, text: string, targetsJson: string, pillarId: string | null, pillarName: string | null, pillarColor: string | null, mediaJson: string | null];
/** id, platform, account, state, time, rowid, thread parts. */
type ChipTargetTuple = [string, Platform, string | null, TargetState, number | null, number, number];

const pillarOf = (id: string | null, name: string | null, color: string | null) => (id ? { id, name: name!, color: color! } : null);
const firstMediaOf = (json: string | null) => {
  const media = json ? (JSON.parse(json) as [string, string]) : null;
  return media ? { hash: media[0], mime: media[1] } : null;
};
const byRowid = (a: ChipTargetTuple, b: ChipTargetTuple) => a[5] - b[5];

/** The range queries on `db`: one statement each, whatever the number of posts. */
export function createRangeQuery(db: Db) {
  const whole = db.prepare(RANGE_SQL);
  const chips = db.prepare(CHIPS_SQL).raw(true);
  const params = (q: RangeQuery) => ({
    states: JSON.stringify(q.states ?? TARGET_STATES),
    from: q.fromMs,
    to: q.toMs,
    accounts: q.accountIds ? JSON.stringify(q.accountIds) : null,
    campaigns: q.campaignIds ? JSON.stringify(q.campaignIds) : null,
    pillars: q.pillarIds ? JSON.stringify(q.pillarIds) : null,
  });
  return {
    /** Posts with at least one copy in [fromMs, toMs) that passes the filters, soonest first, each whole. */
    run(q: RangeQuery): CalendarPostDto[] {
      const rows = whole.all(params(q)) as RangeRow[];
      // One statement reads one snapshot: a post changed meanwhile can't come back half old.
      // Added to the post as built rather than spread into a copy (a month is ~2,000 posts).
      return rows.map((r) => Object.assign(postFromRow(r), { pillar: pillarOf(r.pillar_id, r.pillar_name, r.pillar_color), firstMedia: firstMediaOf(r.media_json) }));
    },
    /** The same posts as the grid draws them. */
    chips(q: RangeQuery): CalendarChipDto[] {
      const rows = chips.all(params(q)) as ChipRow[];
      // Columns by index, not destructured: destructuring an array goes through its iterator,
      // ~0.8 MB of short-lived objects a month read (see iso-instant.ts for why that counts).
      return rows.map((row) => {
        const tuples = JSON.parse(row[2]) as ChipTargetTuple[];
        // In the order the copies were added; nearly always so already.
        for (let i = 1; i < tuples.length; i++) if (tuples[i - 1]![5] > tuples[i]![5]) tuples.sort(byRowid);
        let threadLength = 0;
        const targets = tuples.map((t) => {
          if (t[6] > threadLength) threadLength = t[6];
          return { id: t[0], platform: t[1], accountId: t[2], state: t[3], scheduledAt: t[4] === null ? null : iso(t[4]) };
        });
        return { id: row[0], text: row[1], threadLength, targets, pillar: pillarOf(row[3], row[4], row[5]), firstMedia: firstMediaOf(row[6]) };
      });
    },
  };
}
