import type { PostDto } from '../../../shared/contract';
import type { Db } from '../store/open';
import { CURRENT_VERSION_JOIN, POST_COLUMNS, postFromRow, type PostJsonRow } from './post-rows';
import { hasCopyNotDraft, hasTimedDraft } from './state-sql';

export type ListScope = 'upcoming' | 'drafts' | 'all' | 'attention' | 'published';

export interface ListQuery {
  scope: ListScope;
  /** At most this many posts, the first ones in the scope's order (LIST_PAGE_DEFAULT when left out). */
  limit?: number;
  /** Skip this many of the scope's posts first: the next page. */
  offset?: number;
  /** Only posts in this campaign. */
  campaignId?: string;
}

/**
 * A list is a page, never the whole history: 200 posts unless the caller asks for another number
 * (at most 1,000, the contract's bound). At 100,000 posts, 'all' without a bound was 3.4 s and
 * 75 MB of JSON (+420 MB in the process) for one innocent call of a script.
 */
export const LIST_PAGE_DEFAULT = 200;

const GOING_OUT = `'in_review', 'approved', 'scheduled', 'publishing'`;
const ATTENTION = `'failed', 'unconfirmed', 'missed'`;

/** Sorts before every instant, count and id (ascending scopes) or after them (descending ones). */
const LOW = -1e19;
const HIGH = 1e19;

/** Whether a copy `w` of the same post comes before the copy `t` in a walk newest first by (at, rowid). */
const newerCopy = (states: string, at: 'updated_at' | 'published_at') =>
  `EXISTS (SELECT 1 FROM targets w INDEXED BY targets_state_post WHERE w.state IN (${states}) AND w.post_id = t.post_id AND (w.${at}, w.rowid) > (t.${at}, t.rowid))`;

/**
 * Each scope's posts in its order, each from an index, as rows of [id, ...its sort key]. Each
 * starts strictly after a key (`:k1, :k2`, and `:k3` for upcoming): the scope's `LIST_KEYS.first`
 * for the top of the list (posts:list then skips `:offset` rows), or the last post a page answered
 * (posts:page's cursor, post-pages.ts), so a page deep in the history is a seek, not a walk.
 * The plan test checks none scans posts or targets.
 */
export const LIST_SQL: Record<ListScope, string> = {
  /** Posts with a copy on its way out: the soonest copy first (one with no time yet first of all), then made first. */
  upcoming: `SELECT t.post_id AS id, coalesce(min(t.scheduled_at), ${-9e18}) AS k1, p.created_at AS k2, p.id AS k3
    FROM targets t INDEXED BY targets_state_post JOIN posts p ON p.id = t.post_id
    WHERE t.state IN (${GOING_OUT})
    GROUP BY t.post_id HAVING (k1, k2, k3) > (:k1, :k2, :k3)
    ORDER BY k1, k2, k3 LIMIT :limit OFFSET :offset`,
  /** Posts whose every copy is a draft, the last edited first. */
  drafts: `SELECT d.post_id AS id, p.updated_at AS k1, p.id AS k2
    FROM (SELECT DISTINCT post_id FROM targets WHERE state = 'draft') d JOIN posts p ON p.id = d.post_id
    WHERE NOT ${hasCopyNotDraft('d.post_id')} AND (p.updated_at, p.id) < (:k1, :k2)
    ORDER BY p.updated_at DESC, p.id DESC LIMIT :limit OFFSET :offset`,
  /** Every post, the newest first (posts_created). */
  all: `SELECT p.id, p.created_at AS k1, p.id AS k2 FROM posts p INDEXED BY posts_created
    WHERE (p.created_at, p.id) < (:k1, :k2)
    ORDER BY p.created_at DESC, p.id DESC LIMIT :limit OFFSET :offset`,
  /**
   * Posts that failed, went unconfirmed or were missed and are not on their way out again, the
   * newest trouble first: read down targets_attention (schema 28, only such copies), each post at
   * its copy in trouble that changed last (none of its others is newer), so a page costs the page.
   */
  attention: `SELECT t.post_id AS id, t.updated_at AS k1, t.rowid AS k2 FROM targets t INDEXED BY targets_attention
    WHERE t.state IN (${ATTENTION}) AND (t.updated_at, t.rowid) < (:k1, :k2)
      AND NOT EXISTS (SELECT 1 FROM targets u WHERE u.post_id = t.post_id AND u.state IN (${GOING_OUT}))
      AND NOT ${newerCopy(ATTENTION, 'updated_at')}
    ORDER BY t.updated_at DESC, t.rowid DESC LIMIT :limit OFFSET :offset`,
  /**
   * Posts that went out with nothing left to do or fix, the latest out first: read down
   * targets_published from the newest, each post at its copy out last.
   */
  published: `SELECT t.post_id AS id, t.published_at AS k1, t.rowid AS k2 FROM targets t INDEXED BY targets_published
    WHERE t.state = 'published' AND (t.published_at, t.rowid) < (:k1, :k2)
      AND NOT EXISTS (SELECT 1 FROM targets u WHERE u.post_id = t.post_id AND u.state IN (${GOING_OUT}, ${ATTENTION}))
      AND NOT ${newerCopy("'published'", 'published_at')}
    ORDER BY t.published_at DESC, t.rowid DESC LIMIT :limit OFFSET :offset`,
};

/**
 * The same scopes inside one campaign, in the same order and with the same keys, driven from the
 * campaign's posts (posts_campaign, schema 17): the scopes above filter by campaign on their way
 * down an index of every post or copy, which walks the whole history for a small campaign (the
 * campaign screen's 'all' at 100,000 posts). Each costs the campaign's size.
 */
export const LIST_IN_CAMPAIGN_SQL: Record<ListScope, string> = {
  upcoming: `SELECT p.id, coalesce(min(t.scheduled_at), ${-9e18}) AS k1, p.created_at AS k2, p.id AS k3
    FROM posts p INDEXED BY posts_campaign JOIN targets t ON t.post_id = p.id
    WHERE p.campaign_id = :campaign AND t.state IN (${GOING_OUT})
    GROUP BY p.id HAVING (k1, k2, k3) > (:k1, :k2, :k3)
    ORDER BY k1, k2, k3 LIMIT :limit OFFSET :offset`,
  drafts: `SELECT p.id, p.updated_at AS k1, p.id AS k2 FROM posts p INDEXED BY posts_campaign
    WHERE p.campaign_id = :campaign AND EXISTS (SELECT 1 FROM targets d WHERE d.post_id = p.id AND d.state = 'draft')
      AND NOT EXISTS (SELECT 1 FROM targets u WHERE u.post_id = p.id AND u.state <> 'draft')
      AND (p.updated_at, p.id) < (:k1, :k2)
    ORDER BY p.updated_at DESC, p.id DESC LIMIT :limit OFFSET :offset`,
  all: `SELECT p.id, p.created_at AS k1, p.id AS k2 FROM posts p INDEXED BY posts_campaign
    WHERE p.campaign_id = :campaign AND (p.created_at, p.id) < (:k1, :k2)
    ORDER BY p.created_at DESC, p.id DESC LIMIT :limit OFFSET :offset`,
  // Each post by its copy in trouble that changed last, ties by that copy's rowid: the order of the whole scope's walk.
  attention: `SELECT id, k1, k2 FROM (
      SELECT x.id, x.at AS k1, (SELECT max(a.rowid) FROM targets a WHERE a.post_id = x.id AND a.state IN (${ATTENTION}) AND a.updated_at = x.at) AS k2
      FROM (SELECT p.id, max(a.updated_at) AS at FROM posts p INDEXED BY posts_campaign JOIN targets a ON a.post_id = p.id
        WHERE p.campaign_id = :campaign AND a.state IN (${ATTENTION})
          AND NOT EXISTS (SELECT 1 FROM targets u WHERE u.post_id = p.id AND u.state IN (${GOING_OUT}))
        GROUP BY p.id) x)
    WHERE (k1, k2) < (:k1, :k2) ORDER BY k1 DESC, k2 DESC LIMIT :limit OFFSET :offset`,
  // Each post by its newest copy out, ties by that copy's rowid.
  published: `SELECT id, k1, k2 FROM (
      SELECT p.id, max(t.published_at) AS k1, t.rowid AS k2 FROM posts p INDEXED BY posts_campaign JOIN targets t ON t.post_id = p.id
      WHERE p.campaign_id = :campaign AND t.state = 'published'
        AND NOT EXISTS (SELECT 1 FROM targets u WHERE u.post_id = p.id AND u.state IN (${GOING_OUT}, ${ATTENTION}))
      GROUP BY p.id)
    WHERE (k1, k2) < (:k1, :k2) ORDER BY k1 DESC, k2 DESC LIMIT :limit OFFSET :offset`,
};

/** A post's place in its scope's order: its sort key as the statements above answer it. */
export type ListKey = (number | string)[];

/** The key each scope starts after for its first post, and the kinds its keys hold. */
export const LIST_KEYS: Record<ListScope, { first: ListKey; kinds: readonly ('number' | 'string')[] }> = {
  upcoming: { first: [LOW, LOW, ''], kinds: ['number', 'number', 'string'] },
  drafts: { first: [HIGH, ''], kinds: ['number', 'string'] },
  all: { first: [HIGH, ''], kinds: ['number', 'string'] },
  attention: { first: [HIGH, HIGH], kinds: ['number', 'number'] },
  published: { first: [HIGH, HIGH], kinds: ['number', 'number'] },
};

/**
 * The counts the list's neighbours show without reading posts: drafts with no time on any copy
 * (the calendar's sidebar) and copies waiting to go out per account (the accounts screen), each
 * from an index of copies by state.
 */
export const LIST_COUNTS_SQL = {
  /** Posts with a copy on its way out: the upcoming section's length, counted from targets_state_post alone. */
  upcoming: `SELECT count(DISTINCT post_id) FROM targets INDEXED BY targets_state_post WHERE state IN (${GOING_OUT})`,
  /** Posts whose every copy is a draft (the drafts section's length; the status line's count too). */
  drafts: `SELECT count(*) FROM (SELECT DISTINCT post_id FROM targets WHERE state = 'draft') d
    WHERE NOT ${hasCopyNotDraft('d.post_id')}`,
  untimedDrafts: `SELECT count(*) FROM (SELECT DISTINCT post_id FROM targets WHERE state = 'draft') d
    WHERE NOT ${hasCopyNotDraft('d.post_id')} AND NOT ${hasTimedDraft('d.post_id')}`,
  waiting: `SELECT a.id, (SELECT count(*) FROM targets t WHERE t.account_id = a.id AND t.state IN ('in_review', 'approved', 'scheduled')) AS n
    FROM accounts a`,
} as const;

/** Whole posts for a list of ids, in one statement. */
export const POSTS_BY_ID_SQL = `SELECT ${POST_COLUMNS} FROM posts p ${CURRENT_VERSION_JOIN} WHERE p.id IN (SELECT value FROM json_each(:ids))`;

export function createPostLists(db: Db) {
  const prepare = (sqls: Record<ListScope, string>) => Object.fromEntries(Object.entries(sqls).map(([scope, sql]) => [scope, db.prepare(sql).raw()])) as Record<ListScope, ReturnType<Db['prepare']>>;
  const scopes = { everywhere: prepare(LIST_SQL), inCampaign: prepare(LIST_IN_CAMPAIGN_SQL) };
  const byId = db.prepare(POSTS_BY_ID_SQL);
  const counts = {
    upcoming: db.prepare(LIST_COUNTS_SQL.upcoming).pluck(),
    drafts: db.prepare(LIST_COUNTS_SQL.drafts).pluck(),
    untimedDrafts: db.prepare(LIST_COUNTS_SQL.untimedDrafts).pluck(),
    waiting: db.prepare(LIST_COUNTS_SQL.waiting),
  };

  /** Whole posts by id, in the order given; unknown ids are left out. */
  const read = (list: string[]): PostDto[] => {
    if (list.length === 0) return [];
    const found = new Map((byId.all({ ids: JSON.stringify(list) }) as PostJsonRow[]).map((r) => [r.id, postFromRow(r)]));
    return list.flatMap((id) => found.get(id) ?? []);
  };

  /** The scope's rows after `after` (its first key when left out), skipping `offset` of them: [id, ...key]. */
  const rows = (q: { scope: ListScope; campaignId?: string; after?: ListKey; limit: number; offset?: number }): [string, ...ListKey][] => {
    const key = q.after ?? LIST_KEYS[q.scope].first;
    const params: Record<string, unknown> = { k1: key[0], k2: key[1], limit: q.limit, offset: q.offset ?? 0 };
    if (key.length > 2) params.k3 = key[2];
    if (q.campaignId !== undefined) params.campaign = q.campaignId;
    return (q.campaignId === undefined ? scopes.everywhere : scopes.inCampaign)[q.scope].all(params) as [string, ...ListKey][];
  };

  return {
    read,
    rows,
    /**
     * The first `limit` posts of a growing section, and how many it leaves out: the page by the
     * scope's LIMIT, the rest by a count (sorting and sending every id just to count them cost
     * ~45–65 ms for upcoming at 100,000 posts; the page and the count ~32 ms).
     */
    section(scope: 'upcoming' | 'drafts', limit: number): { posts: PostDto[]; more: number } {
      const posts = read(rows({ scope, limit }).map((r) => r[0]));
      return { posts, more: Math.max(0, (counts[scope].get() as number) - posts.length) };
    },
    untimedDrafts: () => counts.untimedDrafts.get() as number,
    waiting: (): Record<string, number> => Object.fromEntries((counts.waiting.all() as { id: string; n: number }[]).filter((r) => r.n > 0).map((r) => [r.id, r.n])),
    list({ scope, limit, offset = 0, campaignId }: ListQuery): PostDto[] {
      return db.transaction(() => read(rows({ scope, campaignId, limit: limit ?? LIST_PAGE_DEFAULT, offset }).map((r) => r[0])))();
    },
  };
}
