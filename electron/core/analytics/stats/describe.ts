/** Descriptive statistics that never throw on an empty list: NaN says "nothing to describe". */

/** The finite numbers in xs (NaN, ±Infinity and non-numbers dropped). */
export function finite(xs: readonly number[]): number[] {
  return xs.filter((x) => typeof x === 'number' && Number.isFinite(x));
}

/** The arithmetic mean; NaN for []. */
export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** The sample standard deviation (n − 1); NaN with fewer than 2 values. */
export function sampleSd(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) ** 2;
  return Math.sqrt(ss / (xs.length - 1));
}

/** The median (mean of the two middle values for an even count); NaN for []. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Quantile p of an ascending list by linear interpolation (R type 7); NaN for []. */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return h === lo ? a : a + (h - lo) * (b - a);
}
