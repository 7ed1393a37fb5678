/**
 * An experiment's verdict, pure and deterministic given `random`. The post is the unit: per-post
 * rates are compared with a permutation test and a bootstrap interval of the difference in means
 * (best arm by mean vs the runner-up). Beside them, P(best) and expected loss from Beta posteriors
 * on pooled counts (optimistic: pooling views overstates confidence). A failed sample-ratio check
 * forbids a winner. Stopping is either a fixed horizon (decide once every arm has the minimum) or
 * an expected-loss rule (name the arm whose expected loss drops under the threshold; when every
 * arm's does, the arms are equivalent and none is named).
 */
import { probit } from 'simple-statistics';
import { bootstrapDifference, type Interval } from './bootstrap';
import { expectedLoss, probabilityBest } from './bayes';
import { finite, mean, sampleSd } from './describe';
import { permutationTest } from './permutation';
import { sampleRatioCheck } from './srm';

export interface ArmData { arm: number; rates: number[]; successes: number; trials: number; plannedShare: number }
export interface Verdict {
  /** 'equivalent': the expected-loss rule found that any arm costs less than the threshold. */
  state: 'collecting' | 'no_difference' | 'equivalent' | 'winner';
  winner: number | null;
  pValue: number | null;
  difference: (Interval & { estimate: number }) | null;
  pBest: number[];
  expectedLoss: number[];
  srm: { pValue: number; ok: boolean };
  postsPerArm: number[];
  reason: string;
}
export interface VerdictOptions {
  minPostsPerArm: number;
  stopping: 'fixed_horizon' | 'expected_loss';
  lossThreshold?: number;
  alpha?: number;
  random: () => number;
}

export const DEFAULT_LOSS_THRESHOLD = 0.002;
export const DEFAULT_ALPHA = 0.05;
const POWER = 0.8;

/** "A", "B", … for arm 0, 1, … (an experiment has at most five); counted from 1 past Z. */
export function armLabel(arm: number): string {
  return Number.isInteger(arm) && arm >= 0 && arm < 26 ? String.fromCharCode(65 + arm) : String(arm + 1);
}

/** Three significant figures, no exponent for everyday magnitudes. */
function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1000 ? Math.round(x).toString() : Number(x.toPrecision(3)).toString();
}
const pct = (x: number): string => `${Math.round(x * 100)} %`;
const pFmt = (p: number): string => (p < 0.001 ? '< 0.001' : `= ${Number(p.toPrecision(2))}`);

/**
 * The smallest difference in means a two-sided test at `alpha` would find with 80 % power at
 * these sample sizes and spreads (normal approximation), relative to the runner-up's mean.
 */
function detectable(best: number[], runnerUp: number[], alpha: number): string {
  const se = Math.sqrt((sampleSd(best) ** 2) / best.length + (sampleSd(runnerUp) ** 2) / runnerUp.length);
  const mde = (probit(1 - alpha / 2) + probit(POWER)) * se;
  const base = Math.abs(mean(runnerUp));
  if (!Number.isFinite(mde)) return 'Underpowered: too few posts to say how large a difference this test could detect.';
  if (base > 0) return `Underpowered: at this volume only differences over ~${Math.round((mde / base) * 100)} % are detectable.`;
  return `Underpowered: at this volume only differences over ~${num(mde)} are detectable.`;
}

/** Indices of arms by mean per-post rate, highest first (ties: lower index first). */
function ranked(rates: number[][]): number[] {
  const means = rates.map((r) => mean(r));
  return rates.map((_, i) => i).sort((i, j) => (means[j] as number) - (means[i] as number) || i - j);
}

export function experimentVerdict(arms: readonly ArmData[], opts: VerdictOptions): Verdict {
  if (arms.length < 2) throw new RangeError(`experimentVerdict: an experiment needs at least two arms, got ${arms.length}`);
  const alpha = opts.alpha ?? DEFAULT_ALPHA;
  const threshold = opts.lossThreshold ?? DEFAULT_LOSS_THRESHOLD;
  const min = Math.max(1, Math.ceil(opts.minPostsPerArm));
  const rates = arms.map((a) => finite(a.rates));
  const postsPerArm = rates.map((r) => r.length);
  const counts = arms.map((a) => ({ successes: a.successes, trials: a.trials }));
  const labels = arms.map((a) => armLabel(a.arm));

  const srmCheck = sampleRatioCheck(postsPerArm, arms.map((a) => a.plannedShare));
  const srm = { pValue: srmCheck.pValue, ok: srmCheck.ok };
  const pBest = probabilityBest(counts);
  const loss = expectedLoss(counts, { random: opts.random });
  const base = { pBest, expectedLoss: loss, srm, postsPerArm };
  const srmNote =
    `The versions did not get their planned shares of posts (${labels.map((l, i) => `${l} ${postsPerArm[i]}`).join(', ')}; ` +
    `planned ${arms.map((a) => a.plannedShare).join(' : ')}; sample-ratio p ${pFmt(srm.pValue)}), so no winner can be named: check how slots were assigned.`;

  const short = postsPerArm.map((n, i) => ({ n, label: labels[i] as string })).filter((s) => s.n < min);
  if (short.length > 0) {
    const waiting = `Waiting for ${min} posts per version (${short.map((s) => `${s.label} has ${s.n}`).join(', ')}).`;
    return { ...base, state: 'collecting', winner: null, pValue: null, difference: null, reason: srm.ok ? waiting : `${waiting} ${srmNote}` };
  }

  const order = ranked(rates);
  const bi = order[0] as number;
  const ri = order[1] as number;
  const best = rates[bi] as number[];
  const runnerUp = rates[ri] as number[];
  const pValue = permutationTest(best, runnerUp, { random: opts.random, alternative: 'two_sided' });
  const difference = bootstrapDifference(best, runnerUp, mean, { random: opts.random, level: 1 - alpha });
  const evidence = { pValue, difference };
  const [bl, rl] = [labels[bi] as string, labels[ri] as string];
  const rel = mean(runnerUp) !== 0 ? ` (${difference.estimate >= 0 ? '+' : ''}${pct(difference.estimate / Math.abs(mean(runnerUp)))})` : '';
  const interval = `${pct(1 - alpha)} interval of the difference ${num(difference.low)} to ${num(difference.high)}`;

  if (!srm.ok) return { ...base, ...evidence, state: 'no_difference', winner: null, reason: srmNote };

  if (opts.stopping === 'expected_loss') {
    const li = loss.reduce((m, v, i) => (v < (loss[m] as number) ? i : m), 0);
    const l = loss[li] as number;
    // Every arm under the threshold means picking any of them costs next to nothing: between
    // arms that did alike the lowest loss is a coin toss, not a winner to roll out.
    if (loss.every((v) => v < threshold)) {
      return {
        ...base, ...evidence, state: 'equivalent', winner: null,
        reason: `The versions did equally well: keep ${arms.length === 2 ? 'either' : 'any of them'}. Picking any one costs under the ${num(threshold)} threshold in expected rate (${labels.map((lb, i) => `${lb} ${num(loss[i] as number)}`).join(', ')}).`,
      };
    }
    if (l < threshold) {
      return {
        ...base, ...evidence, state: 'winner', winner: arms[li]?.arm ?? li,
        reason: `${labels[li]} wins by expected loss: picking it costs ${num(l)} in expected rate, under the ${num(threshold)} threshold (P(best) ${pct(pBest[li] as number)}, optimistic).`,
      };
    }
    return {
      ...base, ...evidence, state: 'collecting', winner: null,
      reason: `Keep collecting: the lowest expected loss is ${num(l)} (${labels[li]}), above the ${num(threshold)} threshold.`,
    };
  }

  if (pValue < alpha && (difference.low > 0 || difference.high < 0)) {
    return {
      ...base, ...evidence, state: 'winner', winner: arms[bi]?.arm ?? bi,
      reason: `${bl} wins: its posts average ${num(mean(best))} against ${num(mean(runnerUp))} for ${rl}${rel}; ${interval}; permutation p ${pFmt(pValue)}.`,
    };
  }
  return {
    ...base, ...evidence, state: 'no_difference', winner: null,
    reason: `No clear difference between ${bl} and ${rl}: ${num(mean(best))} vs ${num(mean(runnerUp))}${rel}; ${interval}; permutation p ${pFmt(pValue)}. ${detectable(best, runnerUp, alpha)}`,
  };
}
