/** Test helpers: exact permutation p-values by full enumeration, normal draws from a seeded source. */
export const avg = (xs: readonly number[]): number => xs.reduce((s, v) => s + v, 0) / xs.length;

/** Exact permutation p-value of mean(a) − mean(b) over every relabelling of the pooled data. */
export function exactPermutationP(a: readonly number[], b: readonly number[], alternative: 'two_sided' | 'greater'): number {
  const all = [...a, ...b];
  const observed = avg(a) - avg(b);
  const total = all.reduce((s, v) => s + v, 0);
  let extreme = 0;
  let count = 0;
  const walk = (start: number, picked: number, sum: number): void => {
    if (picked === a.length) {
      const d = sum / a.length - (total - sum) / b.length;
      count += 1;
      const hit = alternative === 'greater' ? d >= observed - 1e-9 : Math.abs(d) >= Math.abs(observed) - 1e-9;
      if (hit) extreme += 1;
      return;
    }
    for (let i = start; i <= all.length - (a.length - picked); i++) walk(i + 1, picked + 1, sum + (all[i] as number));
  };
  walk(0, 0, 0);
  return extreme / count;
}

export function normalDraw(random: () => number, mu: number, sigma: number): number {
  return mu + sigma * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
