/** The dated copies (targets) an export lists, with everything a row or an event shows. */
import type { Platform } from '../../../../shared/domain/platforms';
import type { TargetState } from '../../../../shared/domain/states';
import type { Db } from '../../store/open';

/** Copies written between two turns of the event loop by an export (iCal or CSV): a few tens of milliseconds of work. */
export const EXPORT_CHUNK = 1_000;

export interface ExportTarget {
  targetId: string;
  postId: string;
  platform: Platform;
  state: TargetState;
  /** When it goes (or went) out: the publish time once published, the planned time before. */
  at: number;
  zone: string | null;
  text: string;
  platformUrl: string | null;
  updatedAt: number;
  account: { platform: Platform; handle: string; serverUrl: string | null } | null;
  campaign: string | null;
  firstComment: string | null;
  media: { hash: string; altText: string | null }[];
}

interface Row {
  target_id: string;
  post_id: string;
  platform: Platform;
  state: TargetState;
  at: number;
  zone: string | null;
  text: string;
  platform_url: string | null;
  updated_at: number;
  handle: string | null;
  server_url: string | null;
  campaign: string | null;
  first_comment: string | null;
}

/** What each exported copy shows; `where` picks its copies. A copy's own words when it has an override, the post's current version otherwise. */
const exportSql = (targets: string, where: string) => `
    SELECT t.id AS target_id, t.post_id, t.platform, t.state, coalesce(t.published_at, t.scheduled_at) AS at, t.zone,
           coalesce(t.text_override, v.text) AS text, t.platform_url, max(t.updated_at, p.updated_at) AS updated_at,
           a.handle, a.server_url, c.name AS campaign,
           (SELECT text FROM target_parts tp WHERE tp.target_id = t.id AND tp.kind = 'comment' ORDER BY tp.position LIMIT 1) AS first_comment
    FROM ${targets}
    JOIN posts p ON p.id = t.post_id
    JOIN post_versions v ON v.post_id = p.id AND v.number = (SELECT max(number) FROM post_versions WHERE post_id = p.id)
    LEFT JOIN accounts a ON a.id = t.account_id
    LEFT JOIN campaigns c ON c.id = p.campaign_id
    WHERE t.scheduled_at IS NOT NULL
      AND (json_array_length(@states) = 0 OR t.state IN (SELECT value FROM json_each(@states)))
      AND ${where}
    ORDER BY at, t.post_id, t.rowid`;

/**
 * The two ways an export finds its copies (exported for the plan tests). A range closed at both
 * ends (a few days, a month) seeks targets_export_at (schema 35): walking every copy for it took
 * ~860 ms at 100,000 posts. One open at an end (everything, from today on, the subscription's 90
 * days back onwards) holds a large share of the history, which reading every copy in the file's
 * order does faster than an index range (484 ms against 266 measured for the subscription).
 */
export const EXPORT_SQL = {
  between: exportSql('targets t INDEXED BY targets_export_at', 'coalesce(t.published_at, t.scheduled_at) >= @from AND coalesce(t.published_at, t.scheduled_at) < @to'),
  // NOT INDEXED: else the planner walks targets_export_at to skip the sort, a lookup per copy.
  open: exportSql('targets t NOT INDEXED', '(@from IS NULL OR coalesce(t.published_at, t.scheduled_at) >= @from) AND (@to IS NULL OR coalesce(t.published_at, t.scheduled_at) < @to)'),
} as const;

export function createExportQuery(db: Db) {
  const targets = { between: db.prepare(EXPORT_SQL.between), open: db.prepare(EXPORT_SQL.open) };
  const media = db.prepare(`SELECT post_id, media_hash, alt_text FROM post_media WHERE post_id IN (SELECT value FROM json_each(?)) ORDER BY post_id, position`);

  return {
    /** Copies due in [from, to) (either end open), soonest first; only the given states when some are given. */
    list({ from, to, states = [] }: { from?: number; to?: number; states?: readonly TargetState[] }): ExportTarget[] {
      const params = { states: JSON.stringify(states), from: from ?? null, to: to ?? null };
      const rows = (from !== undefined && to !== undefined ? targets.between : targets.open).all(params) as Row[];
      const byPost = new Map<string, { hash: string; altText: string | null }[]>();
      const postIds = [...new Set(rows.map((r) => r.post_id))];
      for (const m of media.all(JSON.stringify(postIds)) as { post_id: string; media_hash: string; alt_text: string | null }[]) {
        byPost.set(m.post_id, [...(byPost.get(m.post_id) ?? []), { hash: m.media_hash, altText: m.alt_text }]);
      }
      return rows.map((r) => ({
        targetId: r.target_id,
        postId: r.post_id,
        platform: r.platform,
        state: r.state,
        at: r.at,
        zone: r.zone,
        text: r.text,
        platformUrl: r.platform_url,
        updatedAt: r.updated_at,
        account: r.handle === null ? null : { platform: r.platform, handle: r.handle, serverUrl: r.server_url },
        campaign: r.campaign,
        firstComment: r.first_comment,
        media: byPost.get(r.post_id) ?? [],
      }));
    },
  };
}
