/**
 * A year of history for ten accounts: 1,000,000 metric snapshots (tests/bench/analytics-year.ts).
 * Times the analytics headline (overview, read from the rollups) beside the same answer from one
 * naive SQL statement over metric_snapshots, after checking both agree. Prints the figures;
 * nothing asserts a time. The `npm run bench` table measures the same pair (tests/bench/table).
 */
import { performance } from 'node:perf_hooks';
import { afterAll, bench, describe } from 'vitest';
import { buildAnalyticsYear } from './analytics-year';

const year = buildAnalyticsYear();
afterAll(() => year.close());

const once = (fn: () => unknown) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
console.log(
  `analytics bench: ${year.snapshots.toLocaleString('en')} snapshots of 10 accounts over a year inserted in ${year.insertedMs.toFixed(0)} ms; rollups rebuilt in ${year.rebuildMs.toFixed(0)} ms.\n` +
    `  year headline: overview (rollups) ${once(year.overview).toFixed(1)} ms, naive SQL over snapshots ${once(year.naive).toFixed(1)} ms; both answer ${JSON.stringify(year.overview())}`,
);

describe(`a year of ten accounts: ${year.snapshots.toLocaleString('en')} metric snapshots`, () => {
  bench('year headline from the rollups (analytics overview)', () => {
    year.overview();
  });
  bench('the same headline, one naive SQL statement over metric_snapshots', () => {
    year.naive();
  });
});
