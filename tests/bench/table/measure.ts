/** What every row of the bench table is made of: product and baseline per run, and their medians. */
import { performance } from 'node:perf_hooks';

export interface Row {
  /** What is measured, as the table says it. */
  what: string;
  /** The baseline, as the table says it. */
  baseline: string;
  unit: 'ms' | 'MB';
  runs: number;
  /** Medians over the runs; null with `refused` when the product would not do it. */
  product: number | null;
  base: number;
  /** The product's own words when it refused the work (e.g. a typed error), shown instead of a figure. */
  refused?: string;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Milliseconds one call takes. */
export async function time(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** `runs` runs of product and baseline, alternated so drift on the machine hits both alike. */
export async function paired(runs: number, product: () => Promise<number>, baseline: () => Promise<number>): Promise<{ product: number; base: number }> {
  const p: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    p.push(await product());
    b.push(await baseline());
  }
  return { product: median(p), base: median(b) };
}
