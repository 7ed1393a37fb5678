/**
 * Best times: a weekday × hour heatmap of an account's posts in the account's own time zone, and
 * the cells worth recommending. Always with n; no recommendation under 10 posts in the window
 * (the floor public best-time tools use); a cell with fewer than 3 posts is greyed and never
 * recommended. Every count is of the posts that have the measure being ranked: a post without a
 * rate says nothing about rates, so it must not make a cell (or the window) look better founded.
 */
import { DateTime } from 'luxon';
import { finite, median } from './describe';

export interface HeatPost { publishedAt: number; rate: number | null; engagements: number | null }
/** What best times ranks by: the engagement rate, or engagements where no views are reported. */
export type HeatMeasure = 'rate' | 'engagements';
export interface HeatCell {
  weekday: number; // 0 = Monday … 6 = Sunday, local to the zone
  hour: number; // 0–23 local
  n: number; // posts in the cell that have the measure ranked
  medianRate: number | null;
  medianEngagements: number | null;
  greyed: boolean; // n < 3
}

export const MIN_CELL_POSTS = 3;
export const MIN_TOTAL_POSTS = 10;
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** 168 cells (Monday 00 … Sunday 23), each post placed by its local weekday and hour in `zone`. */
export function heatmap(posts: readonly HeatPost[], zone: string, by: HeatMeasure = 'rate'): HeatCell[] {
  if (!DateTime.fromMillis(0, { zone }).isValid) throw new RangeError(`heatmap: unknown time zone "${zone}"`);
  const buckets = Array.from({ length: 168 }, () => ({ rates: [] as number[], engagements: [] as number[] }));
  for (const post of posts) {
    if (!Number.isFinite(post.publishedAt)) continue;
    const local = DateTime.fromMillis(post.publishedAt, { zone });
    const bucket = buckets[(local.weekday - 1) * 24 + local.hour];
    if (!bucket) continue;
    if (post.rate !== null) bucket.rates.push(post.rate);
    if (post.engagements !== null) bucket.engagements.push(post.engagements);
  }
  return buckets.map((b, i) => {
    const rates = finite(b.rates);
    const engagements = finite(b.engagements);
    // n is what the ranked median rests on, so the grey flag and "from N posts" tell the truth.
    const n = (by === 'rate' ? rates : engagements).length;
    return {
      weekday: Math.floor(i / 24),
      hour: i % 24,
      n,
      medianRate: rates.length ? median(rates) : null,
      medianEngagements: engagements.length ? median(engagements) : null,
      greyed: n < MIN_CELL_POSTS,
    };
  });
}

export interface RecommendedTime { weekday: number; hour: number; n: number; value: number }

/**
 * The top cells by median rate (or engagements) among cells with n ≥ 3, once the window holds at
 * least `minPosts` posts with that measure (default 10). Ties go to the cell with more posts, then
 * the earlier slot. `reason` says in plain words why nothing is recommended; null when something
 * is. `cells` must come from `heatmap` with the same `by`, so their n count that measure.
 */
export function recommendTimes(
  cells: readonly HeatCell[],
  opts: { minPosts?: number; top?: number; by?: HeatMeasure } = {},
): { recommended: RecommendedTime[]; basedOn: number; reason: string | null } {
  const minPosts = opts.minPosts ?? MIN_TOTAL_POSTS;
  const top = opts.top ?? 3;
  const by = opts.by ?? 'rate';
  const basedOn = cells.reduce((s, c) => s + c.n, 0);
  if (basedOn < minPosts) {
    const noun = basedOn === 1 ? 'post' : 'posts';
    const what = by === 'rate' ? 'with an engagement rate' : 'with engagements reported';
    return { recommended: [], basedOn, reason: `Only ${basedOn} ${noun} ${what} in this window; best times need at least ${minPosts}.` };
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
