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

/**
 * The ids of each scope, in its order, each from an index (migration 0013): the plan test
 * checks none scans posts or targets except 'all', which walks posts_created newest first and
 * stops at the page. Posts are then read whole in one statement (post-rows.ts).
 */
export const LIST_SQL = {
  /** Posts with a copy on its way out, the soonest first. */
  upcoming: `SELECT t.post_id AS id FROM targets t INDEXED BY targets_state_post
    JOIN posts p ON p.id = t.post_id
    WHERE t.state IN (${GOING_OUT})
    GROUP BY t.post_id ORDER BY min(t.scheduled_at), p.created_at, p.id LIMIT :limit OFFSET :offset`,
  /** Posts whose every copy is a draft, the last edited first. */
  drafts: `SELECT d.post_id AS id FROM (SELECT DISTINCT post_id FROM targets WHERE state = 'draft') d
    JOIN posts p ON p.id = d.post_id
    WHERE NOT ${hasCopyNotDraft('d.post_id')}
    ORDER BY p.updated_at DESC, p.id DESC LIMIT :limit OFFSET :offset`,
  /** Every post, the newest first (posts_created). */
  all: `SELECT p.id FROM posts p INDEXED BY posts_created
    ORDER BY p.created_at DESC, p.id DESC LIMIT :limit OFFSET :offset`,
  /**
   * Posts that failed, went unconfirmed or were missed and are not on their way out again, the
   * newest trouble first: read down targets_attention (schema 28, only such copies) from the copy
   * that changed last, so a page costs the page, not every such copy.
   */
  attention: `SELECT t.post_id AS id FROM targets t INDEXED BY targets_attention
    WHERE t.state IN (${ATTENTION})
      AND NOT EXISTS (SELECT 1 FROM targets u WHERE u.post_id = t.post_id AND u.state IN (${GOING_OUT}))
    ORDER BY t.updated_at DESC, t.rowid DESC`,
  /**
   * Posts that went out with nothing left to do or fix, the latest out first: read down
   * targets_published from the newest, so a page costs the page, not the history.
   */
  published: `SELECT t.post_id AS id FROM targets t INDEXED BY targets_published
    WHERE t.state = 'published'
      AND NOT EXISTS (SELECT 1 FROM targets u WHERE u.post_id = t.post_id AND u.state IN (${GOING_OUT}, ${ATTENTION}))
    ORDER BY t.published_at DESC`,
} as const;

/**
 * The same scopes inside one campaign, driven from the campaign's posts (posts_campaign, schema
 * 17): the scopes above filter by campaign on their way down an index of every post or copy, which
 * walks the whole history for a small campaign (the campaign screen's 'all' at 100,000 posts).
 * Each costs the campaign's size.
 */
export const LIST_IN_CAMPAIGN_SQL = {
  upcoming: `SELECT p.id FROM posts p INDEXED BY posts_campaign JOIN targets t ON t.post_id = p.id
    WHERE p.campaign_id = :campaign AND t.state IN (${GOING_OUT})
    GROUP BY p.id ORDER BY min(t.scheduled_at), p.created_at, p.id LIMIT :limit OFFSET :offset`,
  drafts: `SELECT p.id FROM posts p INDEXED BY posts_campaign
    WHERE p.campaign_id = :campaign AND EXISTS (SELECT 1 FROM targets d WHERE d.post_id = p.id AND d.state = 'draft')
      AND NOT EXISTS (SELECT 1 FROM targets u WHERE u.post_id = p.id AND u.state <> 'draft')
    ORDER BY p.updated_at DESC, p.id DESC LIMIT :limit OFFSET :offset`,
  all: `SELECT p.id FROM posts p INDEXED BY posts_campaign WHERE p.campaign_id = :campaign
    ORDER BY p.created_at DESC, p.id DESC LIMIT :limit OFFSET :offset`,
  // The order the whole scope's index walk gives: each post by its copy in trouble that changed
  // last, ties by that copy's rowid.
  attention: `SELECT id FROM (SELECT p.id, max(a.updated_at) AS at FROM posts p INDEXED BY posts_campaign JOIN targets a ON a.post_id = p.id
    WHERE p.campaign_id = :campaign AND a.state IN (${ATTENTION})
      AND NOT EXISTS (SELECT 1 FROM targets u WHERE u.post_id = p.id AND u.state IN (${GOING_OUT}))
    GROUP BY p.id) x
    ORDER BY at DESC, (SELECT max(a.rowid) FROM targets a WHERE a.post_id = x.id AND a.state IN (${ATTENTION}) AND a.updated_at = x.at) DESC
    LIMIT :limit OFFSET :offset`,
  // The order the whole scope's index walk gives: each post by its newest copy out, ties by that copy's rowid.
  published: `SELECT id FROM (SELECT p.id, max(t.published_at) AS out, t.rowid AS r FROM posts p INDEXED BY posts_campaign JOIN targets t ON t.post_id = p.id
    WHERE p.campaign_id = :campaign AND t.state = 'published'
      AND NOT EXISTS (SELECT 1 FROM targets u WHERE u.post_id = p.id AND u.state IN (${GOING_OUT}, ${ATTENTION}))
    GROUP BY p.id) ORDER BY out DESC, r DESC LIMIT :limit OFFSET :offset`,
} as const;

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
  const ids = Object.fromEntries(Object.entries(LIST_SQL).map(([k, sql]) => [k, db.prepare(sql).pluck()])) as Record<ListScope, ReturnType<Db['prepare']>>;
  const inCampaign = Object.fromEntries(Object.entries(LIST_IN_CAMPAIGN_SQL).map(([k, sql]) => [k, db.prepare(sql).pluck()])) as Record<ListScope, ReturnType<Db['prepare']>>;
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

  return {
    read,
    /**
     * The first `limit` posts of a growing section, and how many it leaves out: the page by the
     * scope's LIMIT, the rest by a count (sorting and sending every id just to count them cost
     * ~45–65 ms for upcoming at 100,000 posts; the page and the count ~32 ms).
     */
    section(scope: 'upcoming' | 'drafts', limit: number): { posts: PostDto[]; more: number } {
      const posts = read(ids[scope].all({ limit, offset: 0 }) as string[]);
      return { posts, more: Math.max(0, (counts[scope].get() as number) - posts.length) };
    },
    untimedDrafts: () => counts.untimedDrafts.get() as number,
    waiting: (): Record<string, number> => Object.fromEntries((counts.waiting.all() as { id: string; n: number }[]).filter((r) => r.n > 0).map((r) => [r.id, r.n])),
    list({ scope, limit, offset = 0, campaignId }: ListQuery): PostDto[] {
      return db.transaction(() => {
        const want = limit ?? LIST_PAGE_DEFAULT;
        if (campaignId !== undefined) return read(inCampaign[scope].all({ campaign: campaignId, limit: want, offset }) as string[]);
        if (scope === 'published' || scope === 'attention') {
          // A post has several copies: walk the newest copies until the page is full.
          const seen = new Set<string>();
          for (const id of ids[scope].iterate({}) as IterableIterator<string>) {
            seen.add(id);
            if (seen.size >= offset + want) break;
          }
          return read([...seen].slice(offset));
        }
        return read(ids[scope].all({ limit: want, offset }) as string[]);
      })();
    },
  };
}
