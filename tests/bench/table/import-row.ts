/**
 * CSV import of 10,000 rows into an empty workspace against csv-parse plus one prepared INSERT
 * per row, same CSV, same run (tests/bench/import-scale.ts measures both sides).
 */
import { measureImport } from '../import-scale';
import { median, type Row } from './measure';

export async function measureImportRow(rows: number, runs: number): Promise<Row> {
  const product: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await measureImport(rows);
    product.push(r.productMs);
    base.push(r.baselineMs);
  }
  return { what: `CSV import of ${rows.toLocaleString('en')} rows (preview + commit)`, baseline: 'csv-parse + one prepared INSERT per row', unit: 'ms', runs, product: median(product), base: median(base) };
}
