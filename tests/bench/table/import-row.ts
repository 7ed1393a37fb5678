/**
 * CSV import of 10,000 rows against csv-parse plus one prepared INSERT per row, same CSV, same run.
 *
 * tests/bench/import-scale.ts (`measureImport(rows)`) is the import's own scale measurement: when
 * the repository has it, the table uses it. Until then this module calls the import channels the
 * way the Import screen does (preview, then commit); when the core refuses the file (the row cap),
 * the row shows the core's typed refusal instead of a figure.
 */
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { ImportPreviewDto } from '../../../shared/contract/features/io';
import { createTestCore, tempDir } from '../../support/core';
import { median, time, type Row } from './measure';

type MeasureImport = (rows: number) => Promise<{ productMs: number; baselineMs: number }>;

const ZONE = 'Europe/Berlin';

/** `rows` text posts over the coming weeks, to Mastodon. */
function csvOf(rows: number): string {
  const start = DateTime.now().setZone(ZONE).startOf('day').plus({ days: 2 });
  const lines = ['date,time,text,accounts'];
  for (let i = 0; i < rows; i++) {
    const at = start.plus({ minutes: 30 * i + 8 * 60 });
    lines.push(`${at.toISODate()},${at.toFormat('HH:mm')},"Post ${i}: three things worth knowing about planning a month of posts, #${i}",mastodon`);
  }
  return lines.join('\n');
}

/** csv-parse, then one prepared INSERT per row in one transaction, on a file with the app's pragmas. */
function baseline(csv: string): number {
  const dir = tempDir('loomcast-bench-csv-');
  const db = new Database(join(dir.path, 'plain.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE rows (date TEXT, time TEXT, text TEXT, accounts TEXT)');
    const insert = db.prepare('INSERT INTO rows VALUES (?, ?, ?, ?)');
    const t0 = performance.now();
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    db.transaction(() => {
      for (const r of records) insert.run(r.date, r.time, r.text, r.accounts);
    })();
    return performance.now() - t0;
  } finally {
    db.close();
    dir.remove();
  }
}

/** One product run: preview and commit on a fresh core; the refusal's words when it refuses. */
async function product(csv: string): Promise<number | { refused: string }> {
  const t = await createTestCore({ zone: ZONE });
  try {
    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@studio@example.social', credentials: { accessToken: 'a' } });
    let refused: string | null = null;
    const ms = await time(async () => {
      const preview = await t.core.dispatch('io:importPreview', { csv });
      if (!preview.ok) {
        refused = `${preview.error.code}: ${preview.error.message}`;
        return;
      }
      const rows = (preview.value as ImportPreviewDto).rows.map((r) => ({ line: r.line, fields: r.fields }));
      const commit = await t.core.dispatch('io:importCommit', { importId: `bench-${Date.now()}`, rows });
      if (!commit.ok) refused = `${commit.error.code}: ${commit.error.message}`;
    });
    return refused ? { refused } : ms;
  } finally {
    await t.close();
  }
}

export async function measureImportRow(rows: number, runs: number): Promise<Row> {
  const what = `CSV import of ${rows.toLocaleString('en')} rows (preview + commit)`;
  const base = 'csv-parse + one prepared INSERT per row';
  const shared = '../import-scale';
  const mod = (await import(/* @vite-ignore */ shared).catch(() => null)) as { measureImport?: MeasureImport } | null;
  if (mod?.measureImport) {
    const p: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await mod.measureImport(rows);
      p.push(r.productMs);
      b.push(r.baselineMs);
    }
    return { what, baseline: base, unit: 'ms', runs, product: median(p), base: median(b) };
  }
  const csv = csvOf(rows);
  const p: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await product(csv);
    b.push(baseline(csv));
    if (typeof r !== 'number') return { what, baseline: base, unit: 'ms', runs: i + 1, product: null, base: median(b), refused: r.refused };
    p.push(r);
  }
  return { what, baseline: base, unit: 'ms', runs, product: median(p), base: median(b) };
}
