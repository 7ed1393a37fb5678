/** How analytics numbers read on screen: a number never reported says so, and is never shown as 0. */
import { count as countOf, decimal, fixed, percent, percentOf } from '../../lib/numbers';

export const NOT_REPORTED = 'not reported';

export function count(v: number | null): string {
  return v === null ? NOT_REPORTED : countOf(v);
}

/**
 * An engagement rate, the one way every analytics screen writes it: one digit after the point
 * ("5.6 %"), as the target bands and the team's docs write rates; a rate never reported says so.
 */
export function pct(v: number | null): string {
  return v === null ? 'no rate' : percent(v, 1);
}

/** What best times ranks by: the engagement rate, or engagements where no views are reported. */
export type BestTimesMeasure = 'rate' | 'engagements';

/**
 * A best-times number as it reads: a rate as a percentage, a median of engagements as a count.
 * Bluesky and Mastodon report no views, so their hours are ranked by engagements, and a median of
 * 12 engagements shown as a rate would read "1200.0 %".
 */
export function bestTimeValue(v: number | null, by: BestTimesMeasure): string {
  if (by === 'rate') return pct(v);
  if (v === null) return NOT_REPORTED;
  const n = decimal(v, 1);
  return `${n} ${v === 1 ? 'engagement' : 'engagements'}`;
}

/** The heatmap's caption start: says which measure the colours and ranking are of. */
export function bestTimesMeasureWords(by: BestTimesMeasure): string {
  return by === 'rate' ? 'Median engagement rate' : 'Median engagements (no views reported, so no rate)';
}

/**
 * Below this many in the previous period, or at ten times it and more, a percentage says more
 * about the small base than about the change ("+9875 %"): the earlier number is given instead.
 */
const SMALL_BASE = 10;
const LARGE_CHANGE = 9;

/**
 * "+25 % vs previous period" / "−10 % vs previous period"; "up from 4 in the previous period" when
 * the earlier number is small or the change is tenfold or more; "no earlier numbers" without one.
 */
export function changeWords(v: number | null, previous: number | null = null): string {
  if (v === null) return 'no earlier numbers to compare';
  if (previous !== null && v !== 0 && (previous < SMALL_BASE || Math.abs(v) >= LARGE_CHANGE)) {
    return `${v > 0 ? 'up' : 'down'} from ${count(previous)} in the previous period`;
  }
  return `${percentOf(v * 100, { maxDigits: 0, sign: 'always' })} vs previous period`;
}

export function pointsWords(v: number | null): string {
  if (v === null) return 'no earlier rate to compare';
  return `${fixed(v * 100, 1, 'always')} points vs previous period`;
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const hh = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

/**
 * Whether a lift is clearly up or down: only when its whole interval is above or below 1 (no
 * change). A −13 % whose interval runs to +30 % is no finding, and colouring it red would tell
 * the creator it is.
 */
export function liftDirection(g: { low: number | null; high: number | null }): 'up' | 'down' | 'unclear' {
  if (g.low !== null && g.low > 1) return 'up';
  if (g.high !== null && g.high < 1) return 'down';
  return 'unclear';
}

export function liftWords(lift: number): string {
  const d = (lift - 1) * 100;
  // A lift rounding to no change reads "+0 %", as it always has (never "±0 %").
  return Math.round(Math.abs(d)) === 0 ? `+${percentOf(0, { maxDigits: 0 })}` : percentOf(d, { maxDigits: 0, sign: 'always' });
}
