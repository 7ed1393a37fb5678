/**
 * CSV import at scale, product against baseline on the same CSV in the same run, for the bench
 * table (`npm run bench`) and the import bench. Real time; asserts nothing.
 *
 * - product: a fresh core on a temp folder; io:importPreview then io:importCommit through the
 *   core's channels (dispatch, with the contract's input checks), as the Import screen calls them.
 * - baseline: csv-parse on the same text, then one prepared INSERT per row in one transaction on a
 *   database opened with the app's pragmas (WAL, synchronous FULL).
 */
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ImportPreviewDto } from '../../shared/contract/features/io';
import { PLATFORM_CLIENTS } from '../../electron/core/platforms/registry';
import { call, createTestCore, tempDir } from '../support/core';

const HOUR_MS = 3_600_000;

/** Text-only platforms (no media needed), as a creator's bulk sheet mostly is. */
const TARGETS = ['x; bluesky; mastodon', 'linkedin', 'x; threads', 'bluesky; mastodon; linkedin', 'mastodon', 'x; bluesky', 'threads; linkedin', 'facebook; x'];
const OPENERS = ['New on the blog:', 'Tip of the day:', 'Behind the scenes 🎬', 'Quick question for you —', 'This week in the studio:', 'Reminder:', 'Thread 🧵', 'Café notes ☕'];
const TOPICS = ['planning a month of posts', 'writing alt text that helps', 'batching your week', 'our spring launch', 'what we learned from 100 interviews', 'the tools we use'];

const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** `rows` rows dated from tomorrow on (relative to `now`), in Loomcast's columns with an ISO time. */
export function scaleCsv(rows: number, now: number): string {
  const lines = ['datetime,text,accounts,link,first_comment'];
  const start = Math.ceil(now / HOUR_MS) * HOUR_MS + 24 * HOUR_MS;
  for (let i = 0; i < rows; i++) {
    const at = new Date(start + i * 15 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const tags = i % 3 === 0 ? ` #studio #tips${i % 7}` : '';
    const mention = i % 5 === 0 ? ' with @friend.bsky.social' : '';
    const text = `${OPENERS[i % OPENERS.length]} ${TOPICS[i % TOPICS.length]}${mention}, part ${i + 1}. Three things worth knowing, and one we got wrong.${tags}`;
    const link = i % 3 !== 2 ? `https://example.com/blog/${i}?utm_source=loomcast` : '';
    const comment = i % 4 === 0 ? `More in the comments: https://example.com/more/${i}` : '';
    lines.push([at, quote(text), TARGETS[i % TARGETS.length]!, link, quote(comment)].join(','));
  }
  return lines.join('\n');
}

/** The whole import, preview and commit, through the core's channels: milliseconds. */
export async function productRun(csv: string, core: Awaited<ReturnType<typeof createTestCore>>['core'], id: string): Promise<number> {
  const started = performance.now();
  const preview = await call<ImportPreviewDto>(core, 'io:importPreview', { csv, previewId: id });
  const bad = preview.rows.find((r) => r.errors.length);
  if (bad) throw new Error(`Row ${bad.line} of the generated CSV has errors: ${JSON.stringify(bad.errors)}`);
  await call(core, 'io:importCommit', { importId: id, previewToken: preview.token, rows: preview.rows.map((r) => ({ line: r.line, fields: r.fields, skip: r.skip })) });
  return performance.now() - started;
}

/** csv-parse and one prepared insert per row, in one transaction: milliseconds. */
export function baselineRun(csv: string, dir: string): number {
  const db = new Database(join(dir, 'baseline.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE posts (id INTEGER PRIMARY KEY, at TEXT NOT NULL, text TEXT NOT NULL, accounts TEXT NOT NULL, link TEXT, first_comment TEXT)');
  const started = performance.now();
  const records = parse(csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const insert = db.prepare('INSERT INTO posts (at, text, accounts, link, first_comment) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const r of records) insert.run(r.datetime, r.text, r.accounts, r.link, r.first_comment);
  })();
  const ms = performance.now() - started;
  db.close();
  return ms;
}

/** Wall-clock figures, and the CPU time each side took (steadier than wall time on a shared machine). */
export interface ImportFigures {
  productMs: number;
  baselineMs: number;
  productCpuMs: number;
  baselineCpuMs: number;
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/**
 * Builds a temp core with accounts on six platforms, generates `rows` realistic rows dated from
 * its clock, and times preview + commit against the csv-parse + insert baseline on the same CSV.
 */
export async function measureImport(rows: number): Promise<ImportFigures> {
  const t = await createTestCore({ zone: 'Europe/Berlin', clients: PLATFORM_CLIENTS });
  const dir = tempDir('loomcast-import-baseline-');
  try {
    const accounts = t.core.services.accounts;
    await accounts.add({ platform: 'x', handle: 'studio', credentials: { accessToken: 'x' } });
    await accounts.add({ platform: 'bluesky', handle: 'studio.bsky.social', credentials: { accessToken: 'b' } });
    await accounts.add({ platform: 'mastodon', handle: '@studio@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'm' } });
    await accounts.add({ platform: 'linkedin', handle: 'studio', credentials: { accessToken: 'l' } });
    await accounts.add({ platform: 'threads', handle: 'studio', credentials: { accessToken: 't' } });
    await accounts.add({ platform: 'facebook', handle: 'studio', credentials: { accessToken: 'f' } });
    const csv = scaleCsv(rows, t.clock.now());
    let cpu = process.cpuUsage();
    const baselineMs = baselineRun(csv, dir.path);
    const baselineCpuMs = cpuMs(process.cpuUsage(cpu));
    cpu = process.cpuUsage();
    const productMs = await productRun(csv, t.core, crypto.randomUUID());
    const productCpuMs = cpuMs(process.cpuUsage(cpu));
    return { productMs, baselineMs, productCpuMs, baselineCpuMs };
  } finally {
    await t.close();
    dir.remove();
  }
}
