/**
 * Hashtags from the creator's own published posts, ranked by how the posts carrying them did.
 * A post counts once per tag however many of its copies went out; its engagement rate is the
 * engagements of its copies' latest snapshots over their views (or impressions). A copy without
 * views or impressions has no rate: missing is not zero, so such a post only counts by number.
 */
import type { HistoryHashtagDto } from '../../../../shared/contract/features/hashtags';
import type { Platform } from '../../../../shared/domain/platforms';
import { extractHashtags } from '../../../../shared/text-rules';
import { engagements, reach } from '../../analytics/engagement';
import type { Db } from '../../store/open';

export interface HistoryScope {
  accountIds?: readonly string[];
  platforms?: readonly Platform[];
}

interface CopyRow {
  post_id: string;
  text: string | null;
  text_override: string | null;
  parts: string | null;
  views: number | null;
  impressions: number | null;
  likes: number | null;
  replies: number | null;
  reposts: number | null;
  quotes: number | null;
  shares: number | null;
  saves: number | null;
}

/** One published post: its tags (lower-case key → the casing used) and its rate, if it has one. */
interface PublishedPost {
  tags: Map<string, string[]>;
  engagements: number;
  denominator: number;
}

/**
 * The key a tag is compared by: case-insensitive, without a leading '#', and in one Unicode form
 * (NFKC): an é typed as e + a combining accent (macOS) and one typed whole, or ＡＩ in full-width
 * letters and AI, are the same tag to the creator and must not split its posts in two.
 */
export const tagKey = (tag: string): string => tag.normalize('NFKC').replace(/^[#＃]+/, '').toLocaleLowerCase('en-US');

export const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

export function reasonFor(posts: number, withNumbers: number, rate: number | null): string {
  const numbers = rate === null ? 'no numbers yet' : posts < 2 ? `${percent(rate)} engagement there` : `${percent(rate)} engagement on average (${withNumbers} with numbers)`;
  if (posts < 2) return `Only on 1 of your posts, so this rests on 1 post; ${numbers}`;
  return `On ${posts} of your posts; ${numbers}`;
}

export function createHashtagHistory(db: Db) {
  // Each published copy's newest numbers (metric_latest); the current text is the highest version.
  const copies = db.prepare(`
    SELECT t.post_id, t.text_override,
      (SELECT v.text FROM post_versions v WHERE v.post_id = t.post_id ORDER BY v.number DESC LIMIT 1) AS text,
      (SELECT group_concat(p.text, char(10)) FROM target_parts p WHERE p.target_id = t.id AND p.kind = 'thread') AS parts,
      m.views, m.impressions, m.likes, m.replies, m.reposts, m.quotes, m.shares, m.saves
    FROM targets t
    LEFT JOIN metric_latest m ON m.target_id = t.id
    WHERE t.state = 'published'
      AND (@accounts IS NULL OR t.account_id IN (SELECT value FROM json_each(@accounts)))
      AND (@platforms IS NULL OR t.platform IN (SELECT value FROM json_each(@platforms)))`);

  function publishedPosts(scope: HistoryScope): Map<string, PublishedPost> {
    const rows = copies.all({
      accounts: scope.accountIds ? JSON.stringify(scope.accountIds) : null,
      platforms: scope.platforms ? JSON.stringify(scope.platforms) : null,
    }) as CopyRow[];
    const posts = new Map<string, PublishedPost>();
    for (const r of rows) {
      let post = posts.get(r.post_id);
      if (!post) posts.set(r.post_id, (post = { tags: new Map(), engagements: 0, denominator: 0 }));
      const text = [r.text_override ?? r.text ?? '', r.parts ?? ''].join('\n');
      for (const tag of extractHashtags(text)) {
        const key = tagKey(tag);
        if (!post.tags.has(key)) post.tags.set(key, []);
        post.tags.get(key)!.push(tag);
      }
      // A rate only where both were reported (engagement.ts): not reported is not zero.
      const seen = reach(r).value;
      const engaged = engagements(r).value;
      if (seen !== null && seen > 0 && engaged !== null) {
        post.denominator += seen;
        post.engagements += engaged;
      }
    }
    return posts;
  }

  /** The creator's tags for `text` (tags already in it left out), best first, and how many posts were looked at. */
  function suggest(text: string, scope: HistoryScope, limit: number): { history: HistoryHashtagDto[]; basedOn: number } {
    const posts = publishedPosts(scope);
    const present = new Set(extractHashtags(text).map(tagKey));
    const tags = new Map<string, { casings: Map<string, number>; posts: number; withNumbers: number; rateSum: number }>();
    for (const post of posts.values()) {
      const rate = post.denominator > 0 ? post.engagements / post.denominator : null;
      for (const [key, used] of post.tags) {
        if (present.has(key)) continue;
        let t = tags.get(key);
        if (!t) tags.set(key, (t = { casings: new Map(), posts: 0, withNumbers: 0, rateSum: 0 }));
        for (const c of used) t.casings.set(c, (t.casings.get(c) ?? 0) + 1);
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
      return { tag, posts: t.posts, withNumbers: t.withNumbers, engagementRate, reason: reasonFor(t.posts, t.withNumbers, engagementRate) };
    });
    history.sort((a, b) => {
      if ((a.engagementRate === null) !== (b.engagementRate === null)) return a.engagementRate === null ? 1 : -1;
      if (a.engagementRate !== null && b.engagementRate !== null && a.engagementRate !== b.engagementRate) return b.engagementRate - a.engagementRate;
      return b.posts - a.posts || a.tag.localeCompare(b.tag);
    });
    return { history: history.slice(0, limit), basedOn: posts.size };
  }

  return { suggest };
}
