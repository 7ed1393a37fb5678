/**
 * At 100,000 posts: the month view's posts:calendar through the core against one direct SQL
 * statement, core start (after a clean close, and after a crash) against opening the file and
 * running one SELECT, posts:create against one prepared INSERT, and a 10,000-row CSV import into
 * that history against csv-parse + INSERT. The seeded folder is kept for scripts/bench.mjs (host
 * memory) and removed by it.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { createCore, type Core } from '../../../electron/core';
import { PAGE_CACHE_KIB } from '../../../electron/core/store/open';
import { sealPathOf } from '../../../electron/core/store/seal';
import { PLATFORM_SUPPORT } from '../../../electron/core/platforms/registry';
import { call, memoryVault, tempDir } from '../../support/core';
import { median, paired, time, type Row } from './measure';
import { seedPosts } from '../../support/seed-scale';
import { baselineRun, productRun, scaleCsv } from '../import-scale';

export const SCALE_POSTS = 100_000;
const ZONE = 'Europe/Berlin';
/** Creates per run: up to 20, but no more than about 3 s of them once 3 are done (a slow create would make the bench long). */
const CREATES_PER_RUN = 20;
const CREATES_MIN = 3;
const CREATES_BUDGET_MS = 3_000;
/** The import into the history: rows, and runs at most (each copies the seeded file). */
const IMPORT_ROWS = 10_000;
const IMPORT_RUNS = 3;
/** Month queries per run, each side, taken in turn. */
const MONTH_CALLS = 9;
const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * A keychain holding a sign-in for every account in the file: the seed writes its accounts
 * straight into SQLite, and a start marks an account with no sign-in to reconnect (its posts
 * would then be refused at the gate).
 */
function signedIn(dataDir: string) {
  const vault = memoryVault();
  const file = join(dataDir, 'loomcast.sqlite');
  if (!existsSync(file)) return vault;
  const db = new Database(file, { readonly: true });
  try {
    for (const id of db.prepare('SELECT id FROM accounts').pluck().all() as string[]) vault.entries.set(id, JSON.stringify({ accessToken: 'bench' }));
  } finally {
    db.close();
  }
  return vault;
}

/** The core as the app builds it: system clock, real HTTP, the scheduler started. */
const openCore = (dataDir: string): Promise<Core> =>
  createCore({ dataDir, vault: signedIn(dataDir), log: quiet, mode: 'browser', http: fetch, defaultZone: ZONE, defaultLocale: 'en-GB', notifier: { notify: () => {} }, ...PLATFORM_SUPPORT });

/**
 * The month view's question without the app: the posts with a copy in the range, with their
 * latest text and their copies, in one statement.
 */
const DIRECT_MONTH_SQL = `
  SELECT p.id, p.created_at, p.updated_at, v.text, t.id AS target_id, t.platform, t.account_id, t.scheduled_at, t.state
  FROM targets t
  JOIN posts p ON p.id = t.post_id
  JOIN post_versions v ON v.post_id = p.id AND v.number = (SELECT max(number) FROM post_versions WHERE post_id = p.id)
  WHERE t.scheduled_at >= ? AND t.scheduled_at < ?
  ORDER BY t.scheduled_at`;

/**
 * A 10,000-row CSV import into the seeded history (the duplicate guard then has copies to read),
 * against the same csv-parse + insert baseline as the import into an empty one. Each run imports
 * into its own copy of the seeded file, since an import adds 10,000 posts.
 */
async function measureImportIntoHistory(file: string, runs: number, posts: string): Promise<Row> {
  const product: number[] = [];
  const base: number[] = [];
  for (let r = 0; r < runs; r++) {
    const copy = tempDir('loomcast-bench-import-history-');
    try {
      copyFileSync(file, join(copy.path, 'loomcast.sqlite'));
      const core = await openCore(copy.path);
      try {
        // The seed's accounts are on four platforms; the sheet also names Threads and Facebook.
        await core.services.accounts.add({ platform: 'threads', handle: 'studio', credentials: { accessToken: 't' } });
        await core.services.accounts.add({ platform: 'facebook', handle: 'studio', credentials: { accessToken: 'f' } });
        const csv = scaleCsv(IMPORT_ROWS, Date.now());
        base.push(baselineRun(csv, copy.path));
        product.push(await productRun(csv, core, crypto.randomUUID()));
      } finally {
        await core.close();
      }
    } finally {
      copy.remove();
    }
  }
  return {
    what: `CSV import of ${IMPORT_ROWS.toLocaleString('en')} rows (preview + commit) into the ${posts}`,
    baseline: 'csv-parse + one prepared INSERT per row',
    unit: 'ms',
    runs,
    product: median(product),
    base: median(base),
  };
}

export async function measureScale(runs: number): Promise<{ rows: Row[]; dataDir: string; note: string }> {
  const dir = tempDir('loomcast-bench-scale-');
  const file = join(dir.path, 'loomcast.sqlite');
  // Migrate once, then seed with the core closed.
  await (await openCore(dir.path)).close();
  const seeded = seedPosts(dir.path, SCALE_POSTS, { now: () => Date.now() });
  // A creator's file has its search index (built 20 s after any start, or by the first search):
  // the start's check and the file's size include it.
  const indexing = await openCore(dir.path);
  await call(indexing, 'posts:search', { text: 'planning', limit: 1 });
  await indexing.close();
  const by = 'tests/support/seed-scale.ts';
  const posts = `${SCALE_POSTS.toLocaleString('en')} posts`;
  const importRow = await measureImportIntoHistory(file, Math.min(runs, IMPORT_RUNS), posts);

  // Core start: the whole createCore (open, checks, migrations, scheduler start) and close. A
  // start after a clean close (the one before it sealed the file) skips the integrity check; a
  // start after a crash (no seal) runs it.
  let core: Core | null = null;
  const startAfter = (how: 'close' | 'crash') =>
    paired(
      runs,
      async () => {
        if (how === 'crash') rmSync(sealPathOf(file), { force: true });
        const ms = await time(async () => (core = await openCore(dir.path)));
        await core!.close();
        return ms;
      },
      async () =>
        time(() => {
          const db = new Database(file);
          db.prepare('SELECT count(*) FROM posts').get();
          db.close();
        }),
    );
  const start = await startAfter('close');
  const startChecked = await startAfter('crash');

  core = await openCore(dir.path);
  const side = new Database(file);
  side.pragma('journal_mode = WAL');
  side.pragma('synchronous = FULL');
  // The direct statement reads through a page cache as large as the app's.
  side.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  try {
    // The month view's six-week grid around next month.
    const month = DateTime.now().setZone(ZONE).startOf('month').plus({ months: 1 });
    const range = { from: month.startOf('week').toISO()!, to: month.endOf('month').endOf('week').plus({ milliseconds: 1 }).toISO()! };
    const direct = side.prepare(DIRECT_MONTH_SQL);
    const c = core;
    // The first calls prepare their statements.
    await call(c, 'posts:calendar', range);
    await call(c, 'posts:range', range);
    const fromMs = Date.parse(range.from);
    const toMs = Date.parse(range.to);
    // Each run: the median of MONTH_CALLS calls of each side, taken in turn (one call alone is
    // noisy). The same posts whole (scripts, agents), then what the month view reads, each against
    // the direct statement in its own loop: in one loop, each would read with the other's pages in
    // the core's cache.
    const against = async (channel: 'posts:calendar' | 'posts:range') => {
      const runsOf = { product: [] as number[], base: [] as number[] };
      for (let r = 0; r < runs; r++) {
        const each = { product: [] as number[], base: [] as number[] };
        for (let i = 0; i < MONTH_CALLS; i++) {
          each.product.push(await time(() => call(c, channel, range)));
          each.base.push(await time(() => direct.all(fromMs, toMs)));
        }
        for (const k of ['product', 'base'] as const) runsOf[k].push(median(each[k]));
      }
      return { product: median(runsOf.product), base: median(runsOf.base) };
    };
    const wholeQuery = await against('posts:range');
    const monthQuery = await against('posts:calendar');
    const shown = (await call<unknown[]>(c, 'posts:calendar', range)).length;

    // posts:create: a post for one account next month, each with its own words.
    const day = month.plus({ days: 14 });
    const insert = side.prepare('INSERT INTO posts (id, created_at, updated_at) VALUES (?, ?, ?)');
    let n = 0;
    let creates = 0;
    const create = await paired(
      runs,
      async () => {
        const each: number[] = [];
        for (let i = 0, spent = 0; i < CREATES_PER_RUN && (i < CREATES_MIN || spent < CREATES_BUDGET_MS); i++) {
          const k = n++;
          each.push(await time(() => call(c, 'posts:create', { text: `Bench post ${k}: a new thought on planning`, accounts: [seeded.accountIds[0]], schedule: { date: day.toISODate(), time: '10:00', zone: ZONE } })));
          spent += each[each.length - 1]!;
          creates = Math.max(creates, each.length);
        }
        return each.sort((a, b) => a - b)[Math.floor(each.length / 2)]!;
      },
      async () => {
        const each: number[] = [];
        for (let i = 0; i < CREATES_PER_RUN; i++) {
          const k = n++;
          each.push(await time(() => insert.run(`bench-insert-${k}`, Date.now(), Date.now())));
        }
        return each.sort((a, b) => a - b)[Math.floor(each.length / 2)]!;
      },
    );
    return {
      dataDir: dir.path,
      note:
        `${posts} (${seeded.targets.toLocaleString('en')} copies) seeded by ${by}, with the search index built as any start builds it; the month grid holds ${shown.toLocaleString('en')} of them. ` +
        `Each run of the month query is the median of ${MONTH_CALLS} calls of each side, taken in turn.`,
      rows: [
        { what: `month view's posts:calendar through the core, ${posts}`, baseline: 'one direct SQL statement', unit: 'ms', runs, ...monthQuery },
        { what: `the same month's posts whole (posts:range, for scripts and agents), ${posts}`, baseline: 'one direct SQL statement', unit: 'ms', runs, ...wholeQuery },
        { what: `core start after a clean close, ${posts}`, baseline: 'open the same SQLite file, one SELECT', unit: 'ms', runs, ...start },
        { what: `core start after a crash (integrity check of the whole file), ${posts}`, baseline: 'open the same SQLite file, one SELECT', unit: 'ms', runs, ...startChecked },
        { what: `posts:create, ${posts} (median of ${creates} per run)`, baseline: 'one prepared INSERT', unit: 'ms', runs, ...create },
        importRow,
      ],
    };
  } finally {
    side.close();
    await core.close();
  }
}
