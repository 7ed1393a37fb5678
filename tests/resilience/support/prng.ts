/**
 * A small seeded PRNG (mulberry32) for the resilience suites: the same seed replays the same
 * schedule, faults and kill delays, so a failure can be run again exactly.
 */
export interface Prng {
  readonly seed: number;
  /** In [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  /** A random non-empty subset of `list`, in its order. */
  some<T>(list: readonly T[]): T[];
}

export function prng(seed: number): Prng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const self: Prng = {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)]!,
    some: (list) => {
      const out = list.filter(() => next() < 0.5);
      return out.length > 0 ? out : [self.pick(list)];
    },
  };
  return self;
}

/** The seed from `envName` when set (to replay a failure), else a fresh one. */
export function seedFrom(envName: string): number {
  const fixed = process.env[envName];
  if (fixed !== undefined && fixed !== '') {
    const n = Number(fixed);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`${envName} must be an integer from 0 to 4294967295, not ${JSON.stringify(fixed)}`);
    return n;
  }
  return Math.floor(Math.random() * 0xffffffff);
}

/** Runs `body`; on failure, puts the seed and how to replay it at the front of the message. */
export async function withSeed<T>(envName: string, seed: number, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    e.message = `[seed ${seed}: replay with ${envName}=${seed}] ${e.message}`;
    throw e;
  }
}
