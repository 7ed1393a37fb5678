/**
 * Hashtags from the creator's own published posts, ranked by how the posts carrying them did.
 * A post counts once per tag however many of its copies went out. Its engagement rate is that of
 * its copies as they stood one fixed age after each went out (24 h; 72 h on TikTok and YouTube:
 * analytics/at-age.ts, as best times and what works read them), never their newest numbers, which
 * would rank a tag of last year's posts above this week's on age alone; with several copies, the
 * mean of their rates. A copy too young for that age, with no look near it, or without views or
 * impressions has no rate there: missing is not zero, so such a post counts by number only.
 * A tag's average is ranked only when it rests on at least JUDGE_MIN_POSTS posts with numbers (a
 * single post's rate is noise; analytics.md greys a cell under 3); the others follow by how many
 * posts carry them, each saying it is too few to judge and how many posts it has.
 */
import type { HistoryHashtagDto } from '../../../../shared/contract/features/hashtags';
import type { Platform } from '../../../../shared/domain/platforms';
import { extractHashtags } from '../../../../shared/text-rules';
import { compareAgeMs } from '../../analytics/age';
import { createAtAge } from '../../analytics/at-age';
import type { Db } from '../../store/open';

export interface HistoryScope {
  accountIds?: readonly string[];
  platforms?: readonly Platform[];
}

/** Fewest posts with numbers a tag's average rests on before it is ranked by it. */
export const JUDGE_MIN_POSTS = 3;

interface CopyRow {
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

export const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

const DAY_MS = 24 * 3_600_000;
const posts = (n: number) => `${n} of your posts`;

/** The age a tag's posts are read at, in words: "24 h", "72 h", or both where TikTok or YouTube are among others. */
export function ageWords(ages: ReadonlySet<number>): string {
  const lagging = [...ages].some((a) => a > DAY_MS);
  const others = ages.size === 0 || [...ages].some((a) => a <= DAY_MS);
  return !lagging ? '24 h' : !others ? '72 h' : '24 h (72 h on TikTok and YouTube, whose numbers lag)';
}

/** Why a tag is where it is, in words, with how many posts the claim rests on and at what age. */
export function reasonFor(postCount: number, withNumbers: number, rate: number | null, age: string): string {
  if (rate !== null && withNumbers >= JUDGE_MIN_POSTS) {
    return `On ${posts(postCount)}; ${percent(rate)} engagement on average, each post ${age} after it went out (${withNumbers} with numbers then)`;
  }
  return `Too few posts to judge: on ${posts(postCount)}, ${withNumbers === 0 ? 'none' : `only ${withNumbers}`} with numbers ${age} after going out (it takes ${JUDGE_MIN_POSTS})`;
}

export function createHashtagHistory(db: Db) {
  const atAge = createAtAge(db);
  // Each published copy and its text (the current text is the highest version, or the copy's own).
  const copies = db.prepare(`
    SELECT t.id AS target_id, t.post_id, t.platform, t.published_at, t.text_override,
      (SELECT v.text FROM post_versions v WHERE v.post_id = t.post_id ORDER BY v.number DESC LIMIT 1) AS text,
      (SELECT group_concat(p.text, char(10)) FROM target_parts p WHERE p.target_id = t.id AND p.kind = 'thread') AS parts
    FROM targets t
    WHERE t.state = 'published'
      AND (@accounts IS NULL OR t.account_id IN (SELECT value FROM json_each(@accounts)))
      AND (@platforms IS NULL OR t.platform IN (SELECT value FROM json_each(@platforms)))`);

  function publishedPosts(scope: HistoryScope, now: number): Map<string, PublishedPost> {
    const rows = copies.all({
      accounts: scope.accountIds ? JSON.stringify(scope.accountIds) : null,
      platforms: scope.platforms ? JSON.stringify(scope.platforms) : null,
    }) as CopyRow[];
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
    // Numbers are read only for the copies of posts with a tag: the rest rank nothing.
    const tagged = rows.filter((r) => r.published_at !== null && posts.get(r.post_id)!.tags.size > 0);
    const rateOf = new Map(atAge(tagged.map((r) => ({ targetId: r.target_id, platform: r.platform, publishedAt: r.published_at! })), now).counted.map((c) => [c.targetId, c.rate]));
    for (const r of rows) {
      const post = posts.get(r.post_id)!;
      post.ages.add(compareAgeMs(r.platform));
      // A rate only where the copy had one at that age (engagement.ts): not reported is not zero.
      const rate = rateOf.get(r.target_id);
      if (rate !== null && rate !== undefined && Number.isFinite(rate)) post.rates.push(rate);
    }
    return posts;
  }

  /** The creator's tags for `text` (tags already in it left out), best first, and how many posts were looked at. */
  function suggest(text: string, scope: HistoryScope, limit: number, now: number): { history: HistoryHashtagDto[]; basedOn: number } {
    const posts = publishedPosts(scope, now);
    const present = new Set(extractHashtags(text).map(tagKey));
    const tags = new Map<string, { casings: Map<string, number>; posts: number; withNumbers: number; rateSum: number; ages: Set<number> }>();
    for (const post of posts.values()) {
      const rate = post.rates.length ? post.rates.reduce((a, b) => a + b, 0) / post.rates.length : null;
      for (const [key, used] of post.tags) {
        if (present.has(key)) continue;
        let t = tags.get(key);
        if (!t) tags.set(key, (t = { casings: new Map(), posts: 0, withNumbers: 0, rateSum: 0, ages: new Set() }));
        for (const c of used) t.casings.set(c, (t.casings.get(c) ?? 0) + 1);
        for (const a of post.ages) t.ages.add(a);
        t.posts++;
        if (rate !== null) {
          t.withNumbers++;
          t.rateSum += rate;
        }
      }
    }
    const history = [...tags.values()].map((t): HistoryHashtagDto => {
      // The casing the creator used most; on a tie, the first one met.
      const tag = [...t.casings].reduce((best, c) => (c[1] > best[1] ? c : best))[0];
      const engagementRate = t.withNumbers > 0 ? t.rateSum / t.withNumbers : null;
      return { tag, posts: t.posts, withNumbers: t.withNumbers, engagementRate, reason: reasonFor(t.posts, t.withNumbers, engagementRate, ageWords(t.ages)) };
    });
    // Ranked by rate only where it rests on enough posts; the rest after, by how many posts carry them.
    const judged = (h: HistoryHashtagDto) => h.engagementRate !== null && h.withNumbers >= JUDGE_MIN_POSTS;
    history.sort((a, b) => {
      if (judged(a) !== judged(b)) return judged(a) ? -1 : 1;
      if (judged(a) && a.engagementRate !== b.engagementRate) return b.engagementRate! - a.engagementRate!;
      return b.posts - a.posts || b.withNumbers - a.withNumbers || a.tag.localeCompare(b.tag);
    });
    return { history: history.slice(0, limit), basedOn: posts.size };
  }

  return { suggest };
}
