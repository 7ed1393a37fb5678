/**
 * An experiment's verdict, pure and deterministic given `random`. The post is the unit: per-post
 * rates are compared with a permutation test and a bootstrap interval of the difference in means
 * (best arm by mean vs the runner-up). Beside them, P(best) and expected loss from Beta posteriors
 * on pooled counts (optimistic: pooling views overstates confidence). A failed sample-ratio check
 * forbids a winner. Stopping is either a fixed horizon (decide once every arm has the minimum) or
 * an expected-loss rule, worked out post by post (post-loss.ts): an arm is named only when its
 * per-post expected loss is under the threshold and the per-post test agrees (p under alpha, the
 * interval clear of 0); when every arm's loss is under it, the arms are equivalent and none is
 * named. The pooled figures never decide; where they disagree with the posts the reason says so.
 */
import { probit } from 'simple-statistics';
import { bootstrapDifference, type Interval } from './bootstrap';
import { expectedLoss, probabilityBest } from './bayes';
import { finite, mean, sampleSd } from './describe';
import { permutationTest } from './permutation';
import { postExpectedLoss, smallestPermutationP } from './post-loss';
import { sampleRatioCheck } from './srm';
import { verdictWords, type VerdictUnit, type VerdictWords } from './verdict-words';

export interface ArmData {
  arm: number;
  rates: number[];
  successes: number;
  trials: number;
  plannedShare: number;
  /** Each post's views, beside `rates` (to say when one post carries the pooled counts). */
  views?: number[];
}
export interface Verdict {
  /** 'equivalent': the expected-loss rule found that any arm costs less than the threshold. */
  state: 'collecting' | 'no_difference' | 'equivalent' | 'winner';
  winner: number | null;
  pValue: number | null;
  difference: (Interval & { estimate: number }) | null;
  /** From pooled counts: optimistic, shown beside the verdict only. */
  pBest: number[];
  expectedLoss: number[];
  /** Expected loss post by post (the expected-loss rule's figure); null before the minimum. */
  postLoss: number[] | null;
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
  /** The creator's locale for the numbers in `reason` (English without one). */
  locale?: string;
  /** 'rate' (default): values are fractions, written as percentages; 'count': plain engagements. */
  unit?: VerdictUnit;
}

export const DEFAULT_LOSS_THRESHOLD = 0.002;
export const DEFAULT_ALPHA = 0.05;
const POWER = 0.8;

/** "A", "B", … for arm 0, 1, … (an experiment has at most five); counted from 1 past Z. */
export function armLabel(arm: number): string {
  return Number.isInteger(arm) && arm >= 0 && arm < 26 ? String.fromCharCode(65 + arm) : String(arm + 1);
}

/**
 * The smallest difference in means a two-sided test at `alpha` would find with 80 % power at
 * these sample sizes and spreads (normal approximation), relative to the runner-up's mean.
 */
function detectable(best: number[], runnerUp: number[], alpha: number, w: VerdictWords): string {
  const floor = smallestPermutationP(best.length, runnerUp.length);
  if (floor >= alpha) return `Underpowered: with ${best.length} and ${runnerUp.length} posts the smallest p a permutation test can give is ${w.p(floor).slice(2)}, so no winner can be named at this volume.`;
  const se = Math.sqrt((sampleSd(best) ** 2) / best.length + (sampleSd(runnerUp) ** 2) / runnerUp.length);
  const mde = (probit(1 - alpha / 2) + probit(POWER)) * se;
  const base = Math.abs(mean(runnerUp));
  if (!Number.isFinite(mde)) return 'Underpowered: too few posts to say how large a difference this test could detect.';
  if (base > 0) return `Underpowered: at this volume only differences over ~${Math.round((mde / base) * 100)} % are detectable.`;
  return `Underpowered: at this volume only differences over ~${w.value(mde)} are detectable.`;
}

/** Indices of arms by mean per-post rate, highest first (ties: lower index first). */
function ranked(rates: number[][]): number[] {
  const means = rates.map((r) => mean(r));
  return rates.map((_, i) => i).sort((i, j) => (means[j] as number) - (means[i] as number) || i - j);
}

/** The index of the smallest value (ties: lower index). */
const argmin = (xs: readonly number[]): number => xs.reduce((m, v, i) => (v < (xs[m] as number) ? i : m), 0);

/**
 * ", and one post with 40,000 views carries it" when a single post holds most of an arm's pooled
 * views, so the pooled counts are mostly that one post; '' otherwise or without per-post views.
 */
function carrier(arm: ArmData, w: VerdictWords): string {
  const views = (arm.views ?? []).filter((v) => Number.isFinite(v) && v > 0);
  const total = views.reduce((s, v) => s + v, 0);
  const top = Math.max(0, ...views);
  return views.length > 1 && top > total / 2 ? `: one post with ${w.count(top)} views carries it` : '';
}

export function experimentVerdict(arms: readonly ArmData[], opts: VerdictOptions): Verdict {
  if (arms.length < 2) throw new RangeError(`experimentVerdict: an experiment needs at least two arms, got ${arms.length}`);
  const alpha = opts.alpha ?? DEFAULT_ALPHA;
  const threshold = opts.lossThreshold ?? DEFAULT_LOSS_THRESHOLD;
  const w = verdictWords(opts.locale ?? 'en', opts.unit ?? 'rate');
  const min = Math.max(1, Math.ceil(opts.minPostsPerArm));
  const rates = arms.map((a) => finite(a.rates));
  const postsPerArm = rates.map((r) => r.length);
  const counts = arms.map((a) => ({ successes: a.successes, trials: a.trials }));
  const labels = arms.map((a) => armLabel(a.arm));

  const srmCheck = sampleRatioCheck(postsPerArm, arms.map((a) => a.plannedShare));
  const srm = { pValue: srmCheck.pValue, ok: srmCheck.ok };
  const pBest = probabilityBest(counts);
  const loss = expectedLoss(counts, { random: opts.random });
  const base = { pBest, expectedLoss: loss, postLoss: null, srm, postsPerArm };
  const srmNote =
    `The versions did not get their planned shares of posts (${labels.map((l, i) => `${l} ${postsPerArm[i]}`).join(', ')}; ` +
    `planned ${arms.map((a) => a.plannedShare).join(' : ')}; sample-ratio p ${w.p(srm.pValue)}), so no winner can be named: check how slots were assigned.`;

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
  const rel = mean(runnerUp) !== 0 ? ` (${w.change(difference.estimate / Math.abs(mean(runnerUp)))})` : '';
  const interval = `${w.share(1 - alpha)} interval of the difference ${w.value(difference.low)} to ${w.value(difference.high)}`;
  const clear = pValue < alpha && (difference.low > 0 || difference.high < 0);
  const averages = `${w.value(mean(best))} vs ${w.value(mean(runnerUp))}${rel}; ${interval}; permutation p ${w.p(pValue)}`;

  if (!srm.ok) return { ...base, ...evidence, state: 'no_difference', winner: null, reason: srmNote };

  if (opts.stopping === 'expected_loss') {
    const postLoss = postExpectedLoss(rates, { random: opts.random });
    const withLoss = { ...base, ...evidence, postLoss };
    const li = argmin(postLoss);
    const l = postLoss[li] as number;
    const lossList = labels.map((lb, i) => `${lb} ${w.loss(postLoss[i] as number)}`).join(', ');
    const under = `under the ${w.loss(threshold)} threshold`;
    // Every arm under the threshold means picking any of them costs next to nothing: between
    // arms that did alike the lowest loss is a coin toss, not a winner to roll out.
    if (postLoss.every((v) => v < threshold)) {
      return {
        ...withLoss, state: 'equivalent', winner: null,
        reason: `The versions did equally well: keep ${arms.length === 2 ? 'either' : 'any of them'}. Post by post, picking any one costs ${under} in expected rate (${lossList}).`,
      };
    }
    const pooled = counts.every((c) => c.trials > 0) ? ` Pooled over views (optimistic), P(best) is ${labels.map((lb, i) => `${lb} ${w.share(pBest[i] as number)}`).join(', ')}.` : '';
    // The rule speaks only when the per-post test agrees: a loss under the threshold from a
    // handful of posts is not evidence the posts themselves support.
    if (l < threshold && li === bi && clear) {
      return {
        ...withLoss, state: 'winner', winner: arms[li]?.arm ?? li,
        reason: `${bl} wins by expected loss: post by post, picking it costs ${w.loss(l)} in expected rate, ${under}; its posts average ${w.value(mean(best))} against ${w.value(mean(runnerUp))} for ${rl}${rel}; ${interval}; permutation p ${w.p(pValue)}.${pooled}`,
      };
    }
    const pl = argmin(loss);
    let why: string;
    if (l < threshold) {
      why = `${labels[li]} looks better post by post (expected loss ${w.loss(l)}, ${under}), but the per-post test does not back it yet: ${averages}. ${detectable(best, runnerUp, alpha, w)}`;
    } else if ((loss[pl] as number) < threshold && pooled) {
      why = `${labels[pl]} looks better pooled over views, but post by post the difference is not clear${carrier(arms[pl] as ArmData, w)}. Post by post the lowest expected loss is ${w.loss(l)} (${labels[li]}), above the ${w.loss(threshold)} threshold; ${averages}.`;
    } else {
      why = `the lowest expected loss post by post is ${w.loss(l)} (${labels[li]}), above the ${w.loss(threshold)} threshold; ${averages}.`;
    }
    return { ...withLoss, state: 'collecting', winner: null, reason: `Keep collecting: ${why}${pooled}` };
  }

  if (clear) {
    return {
      ...base, ...evidence, state: 'winner', winner: arms[bi]?.arm ?? bi,
      reason: `${bl} wins: its posts average ${w.value(mean(best))} against ${w.value(mean(runnerUp))} for ${rl}${rel}; ${interval}; permutation p ${w.p(pValue)}.`,
    };
  }
  return {
    ...base, ...evidence, state: 'no_difference', winner: null,
    reason: `No clear difference between ${bl} and ${rl}: ${averages}. ${detectable(best, runnerUp, alpha, w)}`,
  };
}
