/**
 * Percentile bootstrap intervals (Efron & Tibshirani, An Introduction to the Bootstrap, ch. 13):
 * resample with replacement using the injected `random`, compute the statistic each time, and
 * take the (1 − level)/2 and (1 + level)/2 quantiles of those values.
 */
import { quantileSorted } from './describe';

export interface Interval { low: number; high: number; level: number }
export interface BootstrapOptions { random: () => number; resamples?: number; level?: number }

const DEFAULT_RESAMPLES = 2000;
const DEFAULT_LEVEL = 0.95;

/** One resample with replacement of xs, the same length. */
export function resample(xs: readonly number[], random: () => number): number[] {
  const n = xs.length;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = xs[Math.floor(random() * n)] as number;
  return out;
}

function settings(opts: BootstrapOptions): { resamples: number; level: number } {
  const resamples = Math.floor(opts.resamples ?? DEFAULT_RESAMPLES);
  const level = opts.level ?? DEFAULT_LEVEL;
  if (!(resamples >= 1)) throw new RangeError(`bootstrap: resamples must be at least 1, got ${opts.resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrap: level must be in (0, 1), got ${opts.level}`);
  return { resamples, level };
}

/** The percentile interval of a list of bootstrap replicates (NaN replicates dropped). */
export function percentile(values: number[], level: number): Interval {
  const kept = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { low: quantileSorted(kept, tail), high: quantileSorted(kept, 1 - tail), level };
}

/** Percentile bootstrap interval of stat(xs); NaN bounds when xs is empty. */
export function bootstrapInterval(xs: readonly number[], stat: (xs: number[]) => number, opts: BootstrapOptions): Interval {
  const { resamples, level } = settings(opts);
  if (xs.length === 0) return { low: NaN, high: NaN, level };
  const reps = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) reps[r] = stat(resample(xs, opts.random));
  return percentile(reps, level);
}

/**
 * Percentile bootstrap interval of combine(a*, b*) where a* and b* are independent resamples of
 * a and b; estimate is combine(a, b). NaN everywhere when either sample is empty.
 */
export function bootstrapPair(
  a: readonly number[],
  b: readonly number[],
  combine: (a: number[], b: number[]) => number,
  opts: BootstrapOptions,
): Interval & { estimate: number } {
  const { resamples, level } = settings(opts);
  if (a.length === 0 || b.length === 0) return { low: NaN, high: NaN, level, estimate: NaN };
  const reps = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) {
    const ra = resample(a, opts.random);
    reps[r] = combine(ra, resample(b, opts.random));
  }
  return { ...percentile(reps, level), estimate: combine([...a], [...b]) };
}

/** Percentile bootstrap interval of stat(a) − stat(b), resampling each group independently. */
export function bootstrapDifference(
  a: readonly number[],
  b: readonly number[],
  stat: (xs: number[]) => number,
  opts: BootstrapOptions,
): Interval & { estimate: number } {
  return bootstrapPair(a, b, (x, y) => stat(x) - stat(y), opts);
}
