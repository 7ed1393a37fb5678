/**
 * Best times: a weekday × hour heatmap of an account's posts in the account's own time zone, and
 * the cells worth recommending. Always with n; no recommendation under 10 posts in the window
 * (the floor public best-time tools use); a cell with fewer than 3 posts is greyed and never
 * recommended.
 */
import { DateTime } from 'luxon';
import { finite, median } from './describe';

export interface HeatPost { publishedAt: number; rate: number | null; engagements: number | null }
export interface HeatCell {
  weekday: number; // 0 = Monday … 6 = Sunday, local to the zone
  hour: number; // 0–23 local
  n: number;
  medianRate: number | null;
  medianEngagements: number | null;
  greyed: boolean; // n < 3
}

export const MIN_CELL_POSTS = 3;
export const MIN_TOTAL_POSTS = 10;
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** 168 cells (Monday 00 … Sunday 23), each post placed by its local weekday and hour in `zone`. */
export function heatmap(posts: readonly HeatPost[], zone: string): HeatCell[] {
  if (!DateTime.fromMillis(0, { zone }).isValid) throw new RangeError(`heatmap: unknown time zone "${zone}"`);
  const buckets = Array.from({ length: 168 }, () => ({ n: 0, rates: [] as number[], engagements: [] as number[] }));
  for (const post of posts) {
    if (!Number.isFinite(post.publishedAt)) continue;
    const local = DateTime.fromMillis(post.publishedAt, { zone });
    const bucket = buckets[(local.weekday - 1) * 24 + local.hour];
    if (!bucket) continue;
    bucket.n += 1;
    if (post.rate !== null) bucket.rates.push(post.rate);
    if (post.engagements !== null) bucket.engagements.push(post.engagements);
  }
  return buckets.map((b, i) => {
    const rates = finite(b.rates);
    const engagements = finite(b.engagements);
    return {
      weekday: Math.floor(i / 24),
      hour: i % 24,
      n: b.n,
      medianRate: rates.length ? median(rates) : null,
      medianEngagements: engagements.length ? median(engagements) : null,
      greyed: b.n < MIN_CELL_POSTS,
    };
  });
}

export interface RecommendedTime { weekday: number; hour: number; n: number; value: number }

/**
 * The top cells by median rate (or engagements) among cells with n ≥ 3, once the window holds at
 * least `minPosts` posts (default 10). Ties go to the cell with more posts, then the earlier slot.
 * `reason` says in plain words why nothing is recommended; null when something is.
 */
export function recommendTimes(
  cells: readonly HeatCell[],
  opts: { minPosts?: number; top?: number; by?: 'rate' | 'engagements' } = {},
): { recommended: RecommendedTime[]; basedOn: number; reason: string | null } {
  const minPosts = opts.minPosts ?? MIN_TOTAL_POSTS;
  const top = opts.top ?? 3;
  const by = opts.by ?? 'rate';
  const basedOn = cells.reduce((s, c) => s + c.n, 0);
  if (basedOn < minPosts) {
    const noun = basedOn === 1 ? 'post' : 'posts';
    return { recommended: [], basedOn, reason: `Only ${basedOn} ${noun} in this window; best times need at least ${minPosts}.` };
  }
  const candidates: RecommendedTime[] = [];
  for (const c of cells) {
    const value = by === 'rate' ? c.medianRate : c.medianEngagements;
    if (c.n >= MIN_CELL_POSTS && value !== null && Number.isFinite(value)) {
      candidates.push({ weekday: c.weekday, hour: c.hour, n: c.n, value });
    }
  }
  candidates.sort((a, b) => b.value - a.value || b.n - a.n || a.weekday - b.weekday || a.hour - b.hour);
  if (candidates.length === 0) {
    const what = by === 'rate' ? 'an engagement rate' : 'engagements';
    return {
      recommended: [],
      basedOn,
      reason: `No hour has ${MIN_CELL_POSTS} or more posts with ${what} yet; post at a few regular times to build a picture.`,
    };
  }
  return { recommended: candidates.slice(0, Math.max(0, top)), basedOn, reason: null };
}

/** "Tuesday 09:00" for a cell, for reasons and labels. */
export function slotLabel(weekday: number, hour: number): string {
  return `${WEEKDAY_NAMES[weekday] ?? '?'} ${String(hour).padStart(2, '0')}:00`;
}
