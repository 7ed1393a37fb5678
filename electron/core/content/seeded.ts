/**
 * Seeded choices for the offline writer: the same seed always picks the same words, so a plan's
 * preview and the drafts it commits agree, and tests are deterministic.
 */

/** A 32-bit FNV-1a hash of a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // A final avalanche so seeds differing in one character spread over the whole range.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export interface Chooser {
  /** One of `options`, chosen by the seed and `slot` (each slot chooses independently). */
  pick<T>(slot: string, options: readonly T[]): T;
  /** `options` in an order fixed by the seed and `slot`. */
  shuffle<T>(slot: string, options: readonly T[]): T[];
}

export function chooser(seed: string): Chooser {
  const pick = <T>(slot: string, options: readonly T[]): T => {
    if (options.length === 0) throw new Error(`Nothing to choose from for ${slot}`);
    return options[hash32(`${seed}|${slot}`) % options.length]!;
  };
  const shuffle = <T>(slot: string, options: readonly T[]): T[] =>
    options
      .map((option, i) => ({ option, key: hash32(`${seed}|${slot}|${i}`) }))
      .sort((a, b) => a.key - b.key)
      .map((o) => o.option);
  return { pick, shuffle };
}
