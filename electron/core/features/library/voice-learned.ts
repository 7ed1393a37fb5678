/**
 * The creator's own posts a voice can learn from, best first, each with the reason in words.
 * Only the creator's words count: a post whose current version a writer produced and nobody
 * edited since is the machine talking, and learning from it would teach the voice itself.
 *
 * A voice learns from the creator's latest writing: the LEARN_WINDOW posts most recently written
 * or edited that qualify, read newest first through posts_updated and stopped there. So asking
 * (the voice screen, every draft a model writes in the voice) costs the same at 100 posts and at
 * 100,000, where reading every post of the history took ~23 s and held the main process (and its
 * publishing) for all of it.
 */
import { reach as reachOf } from '../../analytics/engagement';
import { engagementSql } from '../../analytics/scope';
import { VOICE_LEARN_WINDOW } from '../../../../shared/contract/features/library';
import type { DateFormat } from '../../../../shared/domain/datetime-format';
import { dayKey } from '../../../../shared/domain/time';
import { percent } from '../../../../shared/domain/percent';
import type { Db } from '../../store/open';

export interface LearnedPost {
  postId: string;
  text: string;
  why: string;
}

type Standing = 'published' | 'scheduled' | 'approved';
const STANDING_ORDER: Record<Standing, number> = { published: 0, scheduled: 1, approved: 2 };

interface PostRow {
  id: string;
  voice_id: string | null;
  text: string;
}

interface TargetRow {
  post_id: string;
  state: Standing;
  published_at: number | null;
  scheduled_at: number | null;
  updated_at: number;
  impressions: number | null;
  views: number | null;
  engagement: number | null;
  has_metrics: number;
}

interface Candidate {
  post: PostRow;
  standing: Standing;
  /** When it reached its standing: published, planned for, or approved. */
  at: number;
  engagement: number | null;
  reach: number;
  reachWord: 'views' | 'impressions';
  rate: number | null;
}

const num = (n: number) => n.toLocaleString('en');

/** How many of the creator's latest qualifying posts a voice learns from. */
export const LEARN_WINDOW = VOICE_LEARN_WINDOW;

/**
 * The latest qualifying posts, newest first, at most :limit: walks posts_updated from the newest
 * and stops at the limit (exported for the query-plan test).
 */
export const LEARNED_POSTS_SQL = `SELECT p.id, p.voice_id, v.text
  FROM posts p INDEXED BY posts_updated
  JOIN post_versions v ON v.post_id = p.id AND v.number = (SELECT MAX(number) FROM post_versions WHERE post_id = p.id)
  WHERE EXISTS (SELECT 1 FROM targets t WHERE t.post_id = p.id AND t.state IN ('approved','scheduled','published'))
    AND NOT EXISTS (SELECT 1 FROM version_provenance vp WHERE vp.post_id = p.id AND vp.number = v.number)
    AND NOT EXISTS (SELECT 1 FROM voice_example_drops d WHERE d.voice_id = :voice AND d.post_id = p.id)
    AND trim(v.text) <> ''
  ORDER BY p.updated_at DESC, p.id DESC
  LIMIT :limit`;

/**
 * The standing copies of the given posts (a JSON array of ids) with their newest numbers, each
 * read by its post: CROSS JOIN keeps the ids first (SQLite's planner otherwise walks every
 * approved, scheduled and published copy by state and looks each up in the list).
 */
export const LEARNED_TARGETS_SQL = `SELECT t.post_id, t.state, t.published_at, t.scheduled_at, t.updated_at,
    m.impressions, m.views, m.target_id IS NOT NULL AS has_metrics, ${engagementSql('m')} AS engagement
  FROM json_each(:posts) j
  CROSS JOIN targets t ON t.post_id = j.value
  LEFT JOIN metric_latest m ON m.target_id = t.id
  WHERE t.state IN ('approved','scheduled','published')`;

export function createLearnedPosts(db: Db, zone: () => string, format: () => DateFormat) {
  const s = {
    // Current version = highest number; a provenance row on that very number means a writer wrote it.
    posts: db.prepare(LEARNED_POSTS_SQL),
    // Each target's newest numbers (metric_latest): engagements NULL when none was reported.
    targets: db.prepare(LEARNED_TARGETS_SQL),
  };

  /** "3 Dec" or "Dec 3", with the year when it is not this one's. */
  const day = (ms: number, now: number) => {
    const key = dayKey(ms, zone());
    return format().dayMonth(key, { withYear: key.slice(0, 4) !== dayKey(now, zone()).slice(0, 4) });
  };

  function why(c: Candidate, ownVoice: boolean, now: number): string {
    const when = day(c.at, now);
    const parts = [c.standing === 'published' ? `Published ${when}` : c.standing === 'scheduled' ? `Scheduled for ${when}` : `Approved ${when}`];
    if (c.rate !== null) parts.push(`${percent(c.rate)} engagement on ${num(c.reach)} ${c.reachWord}`);
    else if (c.engagement !== null) parts.push(`${num(c.engagement)} likes, replies and shares; no view count yet`);
    else parts.push('no numbers yet');
    if (ownVoice) parts.push('written in this voice');
    return parts.join('; ');
  }

  function candidates(voiceId: string): Candidate[] {
    const posts = s.posts.all({ voice: voiceId, limit: LEARN_WINDOW }) as PostRow[];
    const byPost = new Map<string, TargetRow[]>();
    for (const t of s.targets.all({ posts: JSON.stringify(posts.map((p) => p.id)) }) as TargetRow[]) {
      const list = byPost.get(t.post_id);
      if (list) list.push(t);
      else byPost.set(t.post_id, [t]);
    }
    return posts.map((post) => {
      const targets = byPost.get(post.id) ?? [];
      const standing = targets.map((t) => t.state).sort((a, b) => STANDING_ORDER[a] - STANDING_ORDER[b])[0] ?? 'approved';
      const at = Math.max(0, ...targets.filter((t) => t.state === standing).map((t) => (standing === 'published' ? (t.published_at ?? t.updated_at) : standing === 'scheduled' ? (t.scheduled_at ?? t.updated_at) : t.updated_at)));
      // Engagements where reported (not reported is not 0); the rate over views, or impressions
      // where a platform counts those (engagement.ts's reach), from copies that reported both.
      const engaged = targets.filter((t) => t.has_metrics === 1 && t.engagement !== null);
      const engagement = engaged.length > 0 ? engaged.reduce((sum, t) => sum + t.engagement!, 0) : null;
      const viewed = engaged.filter((t) => (reachOf(t).value ?? 0) > 0);
      const reach = viewed.reduce((sum, t) => sum + reachOf(t).value!, 0);
      const reachWord = viewed.every((t) => reachOf(t).field === 'views') ? 'views' : 'impressions';
      const rate = reach > 0 ? viewed.reduce((sum, t) => sum + t.engagement!, 0) / reach : null;
      return { post, standing, at, engagement, reach, reachWord, rate };
    });
  }

  /** Posts in this voice first; then the best engagement rate; then published before approved; newest first. */
  function rank(list: Candidate[], voiceId: string): Candidate[] {
    return [...list].sort((a, b) => {
      const own = Number(b.post.voice_id === voiceId) - Number(a.post.voice_id === voiceId);
      if (own !== 0) return own;
      if (a.rate !== null || b.rate !== null) {
        if (a.rate === null) return 1;
        if (b.rate === null) return -1;
        if (b.rate !== a.rate) return b.rate - a.rate;
      }
      const standing = STANDING_ORDER[a.standing] - STANDING_ORDER[b.standing];
      if (standing !== 0) return standing;
      return b.at - a.at || a.post.id.localeCompare(b.post.id);
    });
  }

  return {
    /**
     * The best `limit` posts the voice learns from, best first; texts equal to a pinned one are
     * left out. basedOn: how many posts it chose among (at most LEARN_WINDOW).
     */
    forVoice(voiceId: string, pinned: readonly string[], now: number, limit: number): { posts: LearnedPost[]; basedOn: number } {
      const all = candidates(voiceId);
      const seen = new Set(pinned.map((p) => p.trim()));
      const posts: LearnedPost[] = [];
      for (const c of rank(all, voiceId)) {
        if (posts.length >= limit) break;
        const text = c.post.text.trim();
        if (seen.has(text)) continue;
        seen.add(text);
        posts.push({ postId: c.post.id, text: c.post.text, why: why(c, c.post.voice_id === voiceId, now) });
      }
      return { posts, basedOn: all.length };
    },
  };
}
