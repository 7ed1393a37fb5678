/**
 * Hashtags from the creator's own published posts, ranked by how the posts carrying them did.
 * A post counts once per tag however many of its copies went out, and whether the tag is in its
 * text, a later part of its thread or its first comment (where many put their tags, on Instagram
 * above all). Its engagement rate is that of its copies as they stood one fixed age after each
 * went out (24 h; 72 h on TikTok and YouTube: analytics/at-age.ts, as best times and what works
 * read them), never their newest numbers, which would rank a tag of last year's posts above this
 * week's on age alone; with several copies, the median of their rates. A copy too young for that
 * age, with no look near it, or without views or impressions has no rate there: missing is not
 * zero, so such a post counts by number only.
 * A tag is ranked by the median of its posts' rates (a few posts that went far would carry a
 * mean), only when that rests on at least JUDGE_MIN_POSTS posts with numbers, and only once
 * ACCOUNT_MIN_POSTS posts in view have numbers (analytics.md); the others follow by how many
 * posts carry them, each saying how many posts it has and why it is not ranked.
 * Only the latest HISTORY_COPIES copies that went out are read (newest first down
 * targets_published): the composer asks as the creator types, and reading every published copy
 * of a long history (100,000 posts) took seconds each time; the tags a creator uses now are in
 * their recent posts. Narrowed to accounts with few copies out (a new account beside big ones),
 * those are sought by account instead: newest first down every copy out, most of them other
 * accounts', is a walk of the whole history to find a few. Narrowed to platforms alone, those are
 * sought by platform the same way.
 */
import type { HistoryHashtagDto } from '../../../../shared/contract/features/hashtags';
import type { Platform } from '../../../../shared/domain/platforms';
import { extractHashtags } from '../../../../shared/text-rules';
import { compareAgeMs } from '../../analytics/age';
import { createAtAge } from '../../analytics/at-age';
import { median } from '../../analytics/stats/describe';
import type { Db } from '../../store/open';
import { ACCOUNT_MIN_POSTS, ageWords, floorNote, JUDGE_MIN_POSTS, reasonFor } from './words';

export { ACCOUNT_MIN_POSTS, ageWords, JUDGE_MIN_POSTS, percent, reasonFor } from './words';

export interface HistoryScope {
  accountIds?: readonly string[];
  platforms?: readonly Platform[];
}

/** The kinds of a copy's later parts whose hashtags are the post's: its thread and its first comment. */
export const TAGGED_PART_KINDS = "('thread', 'comment')";

/** Untagged copies read at a time while the posts with numbers are still under the floor. */
const UNTAGGED_BATCH = 32;

/** The most copies that went out the suggestions read, the latest first. */
export const HISTORY_COPIES = 3000;

/**
 * The latest published copies in view and their text (the current text is the highest version,
 * or the copy's own): read newest first down targets_published and stopped at :limit, never every
 * copy that ever went out. Exported for the plan test.
 */
export const HISTORY_COPIES_SQL = `
    SELECT t.id AS target_id, t.post_id, t.platform, t.published_at, t.text_override,
      (SELECT v.text FROM post_versions v WHERE v.post_id = t.post_id ORDER BY v.number DESC LIMIT 1) AS text,
      (SELECT group_concat(p.text, char(10)) FROM target_parts p WHERE p.target_id = t.id AND p.kind IN ${TAGGED_PART_KINDS}) AS parts
    FROM targets t INDEXED BY targets_published
    WHERE t.state = 'published'
      AND (@accounts IS NULL OR t.account_id IN (SELECT value FROM json_each(@accounts)))
      AND (@platforms IS NULL OR t.platform IN (SELECT value FROM json_each(@platforms)))
    ORDER BY t.published_at DESC
    LIMIT @limit`;

/** Up to this many copies out in view, they are sought by account and sorted (a few ms), not found down targets_published. */
export const SEEK_BY_ACCOUNT_MAX = 4 * HISTORY_COPIES;

/** How many copies the accounts in view have out, counted to SEEK_BY_ACCOUNT_MAX + 1 at most, in targets_account_due alone. */
export const HISTORY_ACCOUNT_COUNT_SQL = `
    SELECT count(*) FROM (SELECT 1 FROM targets t INDEXED BY targets_account_due
      WHERE t.account_id IN (SELECT value FROM json_each(@accounts)) AND t.state = 'published' LIMIT @most)`;

/**
 * HISTORY_COPIES_SQL's rows, in its order (newest first; the later row first on a tie, as down
 * targets_published), for accounts with few copies out: their copies out sought by account
 * (targets_account_due), the latest :limit of them picked, and only those read whole.
 */
export const HISTORY_ACCOUNT_COPIES_SQL = `
    WITH pick AS MATERIALIZED (SELECT t.rowid AS rid, t.published_at AS at FROM targets t INDEXED BY targets_account_due
      WHERE t.account_id IN (SELECT value FROM json_each(@accounts)) AND t.state = 'published'
        AND (@platforms IS NULL OR t.platform IN (SELECT value FROM json_each(@platforms)))
      ORDER BY t.published_at DESC, t.rowid DESC
      LIMIT @limit)
    SELECT t.id AS target_id, t.post_id, t.platform, t.published_at, t.text_override,
      (SELECT v.text FROM post_versions v WHERE v.post_id = t.post_id ORDER BY v.number DESC LIMIT 1) AS text,
      (SELECT group_concat(p.text, char(10)) FROM target_parts p WHERE p.target_id = t.id AND p.kind IN ${TAGGED_PART_KINDS}) AS parts
    FROM pick JOIN targets t ON t.rowid = pick.rid
    ORDER BY pick.at DESC, pick.rid DESC`;

/**
 * For platforms without accounts: one platform's latest :limit copies out, newest first (the later
 * row first on a tie, as down targets_published), sought in targets_platform_published's order
 * (schema 39) and stopped, never a walk past the other platforms' copies. Several platforms are
 * each sought so and merged (createPlatformCopies).
 */
export const HISTORY_PLATFORM_PICK_SQL = `
    SELECT t.rowid AS rid, t.published_at AS at FROM targets t INDEXED BY targets_platform_published
    WHERE t.platform = @platform AND t.state = 'published'
    ORDER BY t.published_at DESC, t.rowid DESC
    LIMIT @limit`;

/** The picked copies (a JSON array of rowids) read whole, as HISTORY_COPIES_SQL reads them, in the array's order. */
export const HISTORY_COPIES_BY_ROWID_SQL = `
    SELECT t.id AS target_id, t.post_id, t.platform, t.published_at, t.text_override,
      (SELECT v.text FROM post_versions v WHERE v.post_id = t.post_id ORDER BY v.number DESC LIMIT 1) AS text,
      (SELECT group_concat(p.text, char(10)) FROM target_parts p WHERE p.target_id = t.id AND p.kind IN ${TAGGED_PART_KINDS}) AS parts
    FROM json_each(@rids) j JOIN targets t ON t.rowid = j.value
    ORDER BY j.key`;

export interface CopyRow {
  target_id: string;
  post_id: string;
  platform: Platform;
  published_at: number | null;
  text: string | null;
  text_override: string | null;
  parts: string | null;
}

/** One published post: its tags (lower-case key → the casings used), its copies' rates at age, and the ages it is read at. */
interface PublishedPost {
  tags: Map<string, string[]>;
  rates: number[];
  ages: Set<number>;
}

/**
 * The key a tag is compared by: case-insensitive, without a leading '#', and in one Unicode form
 * (NFKC): an é typed as e + a combining accent (macOS) and one typed whole, or ＡＩ in full-width
 * letters and AI, are the same tag to the creator and must not split its posts in two.
 */
export const tagKey = (tag: string): string => tag.normalize('NFKC').replace(/^[#＃]+/, '').toLocaleLowerCase('en-US');

/**
 * HISTORY_COPIES_SQL's rows for `platforms` without accounts, in its order: each platform's latest
 * `limit` copies out sought (HISTORY_PLATFORM_PICK_SQL), merged newest first, and the latest
 * `limit` of them read whole. Exported for the test that compares the two.
 */
export function createPlatformCopies(db: Db): (platforms: readonly string[], limit: number) => CopyRow[] {
  const pick = db.prepare(HISTORY_PLATFORM_PICK_SQL);
  const read = db.prepare(HISTORY_COPIES_BY_ROWID_SQL);
  return (platforms, limit) => {
    const picked = [...new Set(platforms)].flatMap((platform) => pick.all({ platform, limit }) as { rid: number; at: number }[]);
    picked.sort((a, b) => b.at - a.at || b.rid - a.rid);
    return read.all({ rids: JSON.stringify(picked.slice(0, limit).map((p) => p.rid)) }) as CopyRow[];
  };
}

export function createHashtagHistory(db: Db) {
  const atAge = createAtAge(db);
  const copies = db.prepare(HISTORY_COPIES_SQL);
  const byAccount = { count: db.prepare(HISTORY_ACCOUNT_COUNT_SQL).pluck(), copies: db.prepare(HISTORY_ACCOUNT_COPIES_SQL) };
  const platformCopies = createPlatformCopies(db);

  function publishedPosts(scope: HistoryScope, now: number): Map<string, PublishedPost> {
    const params = {
      accounts: scope.accountIds ? JSON.stringify(scope.accountIds) : null,
      platforms: scope.platforms ? JSON.stringify(scope.platforms) : null,
      limit: HISTORY_COPIES,
    };
    const few = params.accounts !== null && (byAccount.count.get({ accounts: params.accounts, most: SEEK_BY_ACCOUNT_MAX + 1 }) as number) <= SEEK_BY_ACCOUNT_MAX;
    const rows = (
      few ? byAccount.copies.all(params) : !scope.accountIds && scope.platforms ? platformCopies(scope.platforms, HISTORY_COPIES) : copies.all(params)
    ) as CopyRow[];
    // Oldest first, as before the bound: a tie between two casings goes to the one used first.
    rows.reverse();
    const posts = new Map<string, PublishedPost>();
    for (const r of rows) {
      let post = posts.get(r.post_id);
      if (!post) posts.set(r.post_id, (post = { tags: new Map(), rates: [], ages: new Set() }));
      const text = [r.text_override ?? r.text ?? '', r.parts ?? ''].join('\n');
      for (const tag of extractHashtags(text)) {
        const key = tagKey(tag);
        if (!post.tags.has(key)) post.tags.set(key, []);
        post.tags.get(key)!.push(tag);
      }
    }
    // Each copy's numbers at its age, two index seeks each: every tagged post's, and untagged
    // posts' only until the posts in view with numbers reach the floor any ranking needs (they
    // rank nothing themselves, and a long history has thousands).
    const ratesOf = (some: CopyRow[]) => {
      const at = atAge(some.map((r) => ({ targetId: r.target_id, platform: r.platform, publishedAt: r.published_at! })), now);
      for (const c of at.counted) {
        // A rate only where the copy had one at that age (engagement.ts): not reported is not zero.
        if (c.rate !== null && Number.isFinite(c.rate)) posts.get(rowOf.get(c.targetId)!.post_id)!.rates.push(c.rate);
      }
    };
    const out = rows.filter((r) => r.published_at !== null);
    const rowOf = new Map(out.map((r) => [r.target_id, r]));
    ratesOf(out.filter((r) => posts.get(r.post_id)!.tags.size > 0));
    const rated = () => [...posts.values()].filter((p) => p.rates.length > 0).length;
    const untagged = out.filter((r) => posts.get(r.post_id)!.tags.size === 0);
    for (let i = 0, have = rated(); i < untagged.length && have < ACCOUNT_MIN_POSTS; i += UNTAGGED_BATCH, have = rated()) {
      ratesOf(untagged.slice(i, i + UNTAGGED_BATCH));
    }
    for (const r of rows) posts.get(r.post_id)!.ages.add(compareAgeMs(r.platform));
    return posts;
  }

  /** The creator's tags for `text` (tags already in it left out), ranked ones first, and how many posts were looked at. */
  function suggest(text: string, scope: HistoryScope, limit: number, now: number): { history: HistoryHashtagDto[]; basedOn: number; withNumbers: number; floorNote: string | null } {
    const posts = publishedPosts(scope, now);
    const present = new Set(extractHashtags(text).map(tagKey));
    const rated = [...posts.values()].filter((p) => p.rates.length > 0).length;
    const floorMet = rated >= ACCOUNT_MIN_POSTS;
    const tags = new Map<string, { casings: Map<string, number>; posts: number; rates: number[]; ages: Set<number> }>();
    for (const post of posts.values()) {
      const rate = post.rates.length ? median(post.rates) : null;
      for (const [key, used] of post.tags) {
        if (present.has(key)) continue;
        let t = tags.get(key);
        if (!t) tags.set(key, (t = { casings: new Map(), posts: 0, rates: [], ages: new Set() }));
        for (const c of used) t.casings.set(c, (t.casings.get(c) ?? 0) + 1);
        for (const a of post.ages) t.ages.add(a);
        t.posts++;
        if (rate !== null) t.rates.push(rate);
      }
    }
    const history = [...tags.values()].map((t): HistoryHashtagDto => {
      // The casing the creator used most; on a tie, the first one met.
      const tag = [...t.casings].reduce((best, c) => (c[1] > best[1] ? c : best))[0];
      const ranked = floorMet && t.rates.length >= JUDGE_MIN_POSTS;
      const engagementRate = ranked ? median(t.rates) : null;
      return { tag, posts: t.posts, withNumbers: t.rates.length, ranked, engagementRate, reason: reasonFor(t.posts, t.rates.length, engagementRate, ageWords(t.ages), floorMet) };
    });
    // Ranked by median rate only where it rests on enough posts; the rest after, by how many posts carry them.
    history.sort((a, b) => {
      if (a.ranked !== b.ranked) return a.ranked ? -1 : 1;
      if (a.ranked && a.engagementRate !== b.engagementRate) return b.engagementRate! - a.engagementRate!;
      return b.posts - a.posts || b.withNumbers - a.withNumbers || a.tag.localeCompare(b.tag);
    });
    const ages = new Set([...posts.values()].flatMap((p) => [...p.ages]));
    return { history: history.slice(0, limit), basedOn: posts.size, withNumbers: rated, floorNote: floorNote(posts.size, rated, ageWords(ages)) };
  }

  return { suggest };
}
