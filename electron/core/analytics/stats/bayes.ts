/**
 * Bayesian read-outs of an experiment on pooled counts (engagements / views per arm), each arm's
 * rate with a Beta(1 + successes, 1 + trials − successes) posterior (uniform prior). Pooling
 * impressions ignores that the post, not the view, is the unit, so the UI labels these optimistic.
 */
import type betaPdfModule from '@stdlib/stats-base-dists-beta-pdf';
import { lazyRequire } from '../../lazy-require';

// Loaded on first use (see lazy-require.ts).
const loadBetaPdf = lazyRequire<typeof betaPdfModule>('@stdlib/stats-base-dists-beta-pdf');

export interface ArmCounts { successes: number; trials: number }

interface Posterior { a: number; b: number; mean: number; sd: number }

/** Beta posterior parameters; successes are clamped to [0, trials] (platforms can report more engagements than views). */
export function posterior(arm: ArmCounts): { a: number; b: number } {
  const trials = Math.max(0, Number.isFinite(arm.trials) ? arm.trials : 0);
  const successes = Math.min(trials, Math.max(0, Number.isFinite(arm.successes) ? arm.successes : 0));
  return { a: 1 + successes, b: 1 + trials - successes };
}

function describe(arm: ArmCounts): Posterior {
  const { a, b } = posterior(arm);
  const s = a + b;
  return { a, b, mean: a / s, sd: Math.sqrt((a * b) / (s * s * (s + 1))) };
}

const WINDOW_SDS = 12;
const POINTS_PER_WINDOW = 1000;

/**
 * An integration grid on [0, 1], dense (sd/83 spacing) inside every posterior's mean ± 12 sd, so a
 * narrow posterior (many views) is resolved even when another arm sits far away.
 */
function grid(posts: readonly Posterior[]): number[] {
  const xs: number[] = [0, 1];
  for (const p of posts) {
    const lo = Math.max(0, p.mean - WINDOW_SDS * p.sd);
    const hi = Math.min(1, p.mean + WINDOW_SDS * p.sd);
    for (let i = 0; i <= POINTS_PER_WINDOW; i++) xs.push(lo + ((hi - lo) * i) / POINTS_PER_WINDOW);
  }
  xs.sort((x, y) => x - y);
  return xs.filter((x, i) => i === 0 || x !== xs[i - 1]);
}

/**
 * P(arm i has the highest rate) = ∫₀¹ pdf_i(x) · ∏_{j≠i} cdf_j(x) dx, by the trapezoid rule on a
 * grid refined around every posterior, then normalised so the values sum to 1. [] for no arms.
 */
export function probabilityBest(arms: readonly ArmCounts[]): number[] {
  if (arms.length === 0) return [];
  if (arms.length === 1) return [1];
  const posts = arms.map(describe);
  const xs = grid(posts);
  const pdfs = posts.map((p) => xs.map((x) => loadBetaPdf()(x, p.a, p.b)));
  // Each cdf accumulated from its pdf on the same grid (dense wherever the pdf is not ~0), then
  // scaled to end at exactly 1: an incomplete-beta call per point costs ten times as much.
  const cdfs = pdfs.map((pdf) => {
    const out = new Array<number>(xs.length);
    let acc = 0;
    out[0] = 0;
    for (let k = 1; k < xs.length; k++) {
      const a = pdf[k - 1] as number;
      const b = pdf[k] as number;
      acc += ((xs[k] as number) - (xs[k - 1] as number)) * (Number.isFinite(a) ? a : 0) / 2 + ((xs[k] as number) - (xs[k - 1] as number)) * (Number.isFinite(b) ? b : 0) / 2;
      out[k] = acc;
    }
    return acc > 0 ? out.map((v) => v / acc) : out;
  });
  const raw = posts.map((_p, i) => {
    let total = 0;
    let prev = 0;
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k] as number;
      let f = (pdfs[i] as number[])[k] as number;
      if (!Number.isFinite(f)) f = 0;
      for (let j = 0; j < posts.length && f > 0; j++) if (j !== i) f *= (cdfs[j] as number[])[k] as number;
      if (k > 0) total += ((x - (xs[k - 1] as number)) * (f + prev)) / 2;
      prev = f;
    }
    return total;
  });
  const sum = raw.reduce((s, v) => s + v, 0);
  return sum > 0 ? raw.map((v) => v / sum) : arms.map(() => 1 / arms.length);
}

/** A standard normal draw (Box–Muller) from the injected uniform source. */
function normal(random: () => number): number {
  const u = 1 - random(); // (0, 1]
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A Gamma(shape, 1) draw by Marsaglia & Tsang (2000); shape < 1 via the u^(1/shape) boost. */
export function gammaDraw(shape: number, random: () => number): number {
  if (shape < 1) return gammaDraw(shape + 1, random) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(random);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A Beta(a, b) draw as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function betaDraw(a: number, b: number, random: () => number): number {
  const x = gammaDraw(a, random);
  const y = gammaDraw(b, random);
  return x / (x + y);
}

/**
 * Expected loss of choosing arm i: E[max_j p_j − p_i] under the posteriors, by Monte Carlo with
 * `draws` joint draws (default 20 000) from the injected random source. [] for no arms.
 */
export function expectedLoss(arms: readonly ArmCounts[], opts: { random: () => number; draws?: number }): number[] {
  const draws = Math.floor(opts.draws ?? 20000);
  if (!(draws >= 1)) throw new RangeError(`expectedLoss: draws must be at least 1, got ${opts.draws}`);
  const params = arms.map(posterior);
  const loss = arms.map(() => 0);
  const p = arms.map(() => 0);
  for (let d = 0; d < draws; d++) {
    let best = -Infinity;
    for (let i = 0; i < params.length; i++) {
      const { a, b } = params[i] as { a: number; b: number };
      const v = betaDraw(a, b, opts.random);
      p[i] = v;
      if (v > best) best = v;
    }
    for (let i = 0; i < p.length; i++) loss[i] = (loss[i] as number) + best - (p[i] as number);
  }
  return loss.map((l) => l / draws);
}
