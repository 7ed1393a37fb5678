/**
 * The one seedable source of randomness for analytics: @stdlib's Mersenne Twister (MT19937),
 * normalized to [0, 1). Every statistic that resamples takes a `random: () => number`; the core
 * passes one of these, and tests pass a fixed seed so every interval and p-value is repeatable.
 */
import type mt19937Module from '@stdlib/random-base-mt19937';
import { lazyRequire } from '../../lazy-require';

// Loaded on first use (see lazy-require.ts).
const loadMt19937 = lazyRequire<typeof mt19937Module>('@stdlib/random-base-mt19937');

const UINT32_MAX = 4294967295;

/**
 * A deterministic uniform generator on [0, 1). MT19937 wants a seed in [1, 2^32 − 1]; any other
 * finite number is folded into that range (0 and 2^32 − 1 give the same stream).
 */
export function seededRandom(seed: number): () => number {
  if (!Number.isFinite(seed)) throw new RangeError(`seededRandom: seed must be a finite number, got ${seed}`);
  const folded = ((Math.trunc(seed) % UINT32_MAX) + UINT32_MAX) % UINT32_MAX || UINT32_MAX;
  // The factory's generator carries .normalized() (uniform on [0, 1)); its typings omit it.
  const gen = loadMt19937().factory({ seed: folded }) as unknown as { normalized: () => number };
  return () => gen.normalized();
}
