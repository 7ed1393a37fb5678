/**
 * The Node side of `npm run bench` (scripts/bench.mjs runs this file with `-t "bench table"` and
 * reads the rows it writes to $LOOMCAST_BENCH_OUT). Each row: the product and its baseline,
 * measured in the same run, median over the runs. Asserts nothing about time.
 */
import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { buildAnalyticsYear } from '../analytics-year';
import { FAKE_WHERE, measureLateness, type Lateness } from '../lateness.measure';
import { measureImportRow } from './import-row';
import { median, paired, time, type Row } from './measure';
import { measureScale } from './scale';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
/** Each lateness run waits for a whole minute to come round: one run unless asked for more. */
const LATENESS_RUNS = Math.max(1, Number(process.env.BENCH_LATENESS_RUNS ?? 1));
const IMPORT_ROWS = 10_000;

/** A row that could not be measured says why instead of stopping the table. */
async function guarded(what: string, baseline: string, fn: () => Promise<Row[]>): Promise<Row[]> {
  try {
    return await fn();
  } catch (err) {
    return [{ what, baseline, unit: 'ms', runs: 0, product: null, base: Number.NaN, refused: `could not measure: ${(err instanceof Error ? err.message.split('\n')[0]! : String(err)).replace(/[{}"]/g, '')}` }];
  }
}

it('bench table: the Node-side rows', { timeout: 1_200_000 }, async () => {
  const out = process.env.LOOMCAST_BENCH_OUT;
  const notes: string[] = [];
  let dataDir: string | null = null;
  const rows: Row[] = [];
  const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

  log(`publishing lateness (${LATENESS_RUNS} run${LATENESS_RUNS > 1 ? 's' : ''}, each waits for the next whole minute)…`);
  rows.push(
    ...(await guarded('publishing lateness', 'bare Node loop', async () => {
      const runs: { product: Lateness; baseline: Lateness }[] = [];
      for (let i = 0; i < LATENESS_RUNS; i++) runs.push(await measureLateness());
      const row = (k: keyof Lateness): Row => ({
        what: `publishing lateness ${k}, 1,000 posts due at once over 10 Mastodon accounts (${FAKE_WHERE})`,
        baseline: 'bare Node loop, same requests, 10 at a time, after one untimed burst',
        unit: 'ms',
        runs: runs.length,
        product: median(runs.map((r) => r.product[k])),
        base: median(runs.map((r) => r.baseline[k])),
      });
      return [row('p50'), row('p99'), row('max')];
    })),
  );

  log('a year of analytics over 1,000,000 snapshots (seeding takes a while)…');
  rows.push(
    ...(await guarded('a year of analytics', 'one naive SQL statement', async () => {
      const year = buildAnalyticsYear();
      try {
        year.overview(); // first call prepares its statements
        const r = await paired(RUNS, () => time(year.overview), () => time(year.naive));
        return [{ what: `a year of analytics (headline), ${year.snapshots.toLocaleString('en')} snapshots`, baseline: 'one naive SQL statement over the snapshots', unit: 'ms', runs: RUNS, ...r }];
      } finally {
        year.close();
      }
    })),
  );

  log(`CSV import of ${IMPORT_ROWS.toLocaleString('en')} rows…`);
  rows.push(...(await guarded('CSV import', 'csv-parse + one prepared INSERT per row', async () => [await measureImportRow(IMPORT_ROWS, Math.min(RUNS, 3))])));

  log('100,000 posts: month query, core start, posts:create…');
  rows.push(
    ...(await guarded('100,000 posts', 'direct SQL', async () => {
      const scale = await measureScale(RUNS);
      dataDir = scale.dataDir;
      notes.push(scale.note);
      return scale.rows;
    })),
  );

  const result = { rows, notes, dataDir };
  if (out) writeFileSync(out, JSON.stringify(result, null, 2));
  else console.log(JSON.stringify(result, null, 2));
});
