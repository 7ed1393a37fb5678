#!/usr/bin/env node
/**
 * `npm run bench`: one table of Loomcast's figures, each beside a baseline measured in the same
 * run on the same machine, as a ratio (product ÷ baseline; 1.00× is as fast as the baseline).
 * Medians over several runs (BENCH_RUNS, default 5; fewer for the slow rows). Prints the machine
 * and the table, and writes both as markdown to docs/bench.md.
 *
 * - Node rows (tests/bench/table/node.measure.ts, run by vitest): publishing lateness, a year of
 *   analytics, CSV import, and at 100,000 posts the month query, core start and posts:create.
 * - Host rows (here): the browser-mode host's memory at 100,000 posts after visiting every
 *   screen, an RPC round trip, and the month view with 2,000 posts in Chromium.
 * Asserts nothing about time; exits 1 only when a part could not run at all.
 */
/* global location -- inside page.evaluate, run by the browser */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CALENDAR_POSTS, measureCalendar } from './bench-calendar.mjs';
import { buildIfNeeded, collectGarbage, ROOT, startHost, stopHost } from './lib/bench-host.mjs';
import { measureRoundTrip } from './lib/bench-rpc.mjs';

const { findChromium } = createRequire(import.meta.url)('./find-chromium.cjs');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
/** Visiting every screen at 100,000 posts takes long: two runs unless asked for more. */
const MEMORY_RUNS = Math.max(1, Number(process.env.BENCH_MEMORY_RUNS ?? 2));
const SCREENS = ['calendar', 'compose', 'review', 'analytics', 'experiments', 'ideas', 'campaigns', 'reports', 'planner', 'library', 'import', 'accounts', 'settings'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const say = (s) => process.stderr.write(`bench: ${s}\n`);

function machine() {
  const cpu = cpus();
  const os = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]+)"?/m)?.[1] ?? process.platform;
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown CPU',
    cores: cpu.length,
    ramGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os,
    /** What else the machine was doing when the run began: figures scale with it. */
    load: loadavg()[0].toFixed(1),
  };
}

/** The Node rows, from vitest in its own process (the core is TypeScript). */
function nodeRows() {
  const out = join(tmpdir(), `loomcast-bench-${process.pid}.json`);
  const r = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.measure.mts', 'tests/bench/table/node.measure.ts', '-t', 'bench table'], {
    cwd: ROOT,
    env: { ...process.env, LOOMCAST_BENCH_OUT: out },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0 || !existsSync(out)) throw new Error(`the Node measurements failed (vitest exited ${r.status})`);
  const result = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  return result;
}

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMB(pid) {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) / 1024;
}

/**
 * The host on the 100,000-post folder, every screen visited in Chromium, then its memory: as it
 * is (`rss`), and after a full garbage collection (`live`). RSS alone swings by tens of MB with
 * when V8 last collected: the same code measured 172 and 222 MB, both 110 MB after a collection.
 */
async function hostMemory(browser, dataDir) {
  const host = await startHost(dataDir, { inspect: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    await page.locator('.app').waitFor({ timeout: 180_000 });
    for (const screen of SCREENS) {
      await page.evaluate((h) => (location.hash = h), `#/${screen}`);
      await page.locator('#content > :not([data-testid="screen-loading"])').first().waitFor({ timeout: 180_000 });
      // Let the screen's own requests land before the next one (no network-idle with the event stream open).
      await page.waitForTimeout(1_000);
    }
    await page.waitForTimeout(2_000);
    const rss = rssMB(host.child.pid);
    collectGarbage(host);
    await page.waitForTimeout(500);
    const live = rssMB(host.child.pid);
    await page.close();
    return { rss, live };
  } finally {
    await stopHost(host);
  }
}

/** A bare Node process holding the same database open after one SELECT. */
async function bareMemory(dataDir) {
  const code = `const D = require('better-sqlite3'); const db = new D(process.argv[1]); db.prepare('SELECT count(*) FROM posts').get(); process.stdout.write('ready\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', code, join(dataDir, 'loomcast.sqlite')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise((done, fail) => {
      child.stdout.once('data', () => done());
      child.once('exit', (c) => fail(new Error(`the bare process exited (${c})`)));
    });
    return rssMB(child.pid);
  } finally {
    child.kill('SIGTERM');
  }
}

const fmt = (x, unit) => (x === null || Number.isNaN(x) ? '—' : `${x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en')} ${unit}`);
const ratio = (p, b) => (p === null || !b || Number.isNaN(b) ? '—' : `${(p / b).toFixed(2)}×`);

function markdown(m, rows, notes, when) {
  const lines = [
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node}, ${m.os}. Run ${when}, load average ${m.load} at the start.`,
    '',
    '| What | Loomcast | Baseline (same run) | Ratio | Runs |',
    '| --- | ---: | --- | ---: | ---: |',
    ...rows.map((r) => `| ${r.what} | ${r.refused ? r.refused.replace(/\|/g, '\\|') : fmt(r.product, r.unit)} | ${r.baseline}: ${fmt(r.base, r.unit)} | ${r.refused ? '—' : ratio(r.product, r.base)} | ${r.runs} |`),
    '',
    ...notes.map((n) => `- ${n}`),
  ];
  return lines.join('\n');
}

async function main() {
  const m = machine();
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  console.log(`Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node}, ${m.os} (load average ${m.load})`);
  const found = findChromium();
  if (!found.path) throw new Error(found.hint);
  buildIfNeeded();

  say('Node measurements (a few minutes)…');
  const node = nodeRows();
  const rows = [...node.rows];
  const notes = [...node.notes];

  const browser = await chromium.launch({ executablePath: found.path, headless: true });
  try {
    if (node.dataDir) {
      say(`host memory at 100,000 posts, every screen visited (${MEMORY_RUNS} runs)…`);
      try {
        const host = [];
        const bare = [];
        for (let i = 0; i < MEMORY_RUNS; i++) {
          host.push(await hostMemory(browser, node.dataDir));
          bare.push(await bareMemory(node.dataDir));
        }
        rows.push({ what: 'host memory (RSS), 100,000 posts, after visiting every screen', baseline: 'bare Node process holding the same database', unit: 'MB', runs: MEMORY_RUNS, product: median(host.map((h) => h.rss)), base: median(bare) });
        notes.push(`Host memory after a full garbage collection at the same moment: ${Math.round(median(host.map((h) => h.live)))} MB (RSS right after the visits depends on when V8 last collected).`);
      } catch (err) {
        rows.push({ what: 'host memory (RSS), 100,000 posts', baseline: 'bare Node process', unit: 'MB', runs: 0, product: null, base: Number.NaN, refused: `could not measure: ${err.message.split('\n')[0]}` });
      } finally {
        rmSync(node.dataDir, { recursive: true, force: true });
      }
    }

    say(`the month view with ${CALENDAR_POSTS.toLocaleString('en')} posts in Chromium, and an RPC round trip…`);
    const monthWhat = `month view, ${CALENDAR_POSTS.toLocaleString('en')} posts, in Chromium ${browser.version()} (navigation → every chip drawn and painted)`;
    const monthBaseline = `the same posts fetched and drawn as ${CALENDAR_POSTS.toLocaleString('en')} plain divs`;
    try {
      const cal = await measureCalendar({ browser, runs: Math.max(RUNS, 5), alsoOnHost: (host) => measureRoundTrip(host, RUNS) });
      rows.push(cal.also);
      rows.push({ what: monthWhat, baseline: monthBaseline, unit: 'ms', runs: cal.runs, product: median(cal.open), base: median(cal.plain) });
    } catch (err) {
      // The rows measured so far still make the table.
      rows.push({ what: monthWhat, baseline: monthBaseline, unit: 'ms', runs: 0, product: null, base: Number.NaN, refused: `could not measure: ${err.message.split('\n')[0]}` });
    }
  } finally {
    await browser.close();
  }

  notes.push('Ratio is Loomcast ÷ baseline: 1.00× matches the baseline, higher is slower (or more memory). Figures are medians over the runs; lateness, import and host memory take fewer runs because each takes long.');
  const table = markdown(m, rows, notes, when);
  console.log(`\n${table}\n`);
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  const intro = [
    '# Benchmarks',
    '',
    '`npm run bench` measures each figure beside a baseline that does the same work without Loomcast, in the same run on the same machine, and',
    'prints this table (it builds the app first when `out/` is older than the sources, and opens Debian\'s Chromium). It takes a few minutes:',
    'publishing lateness waits for a whole minute to come round, and the slow rows take fewer runs (`BENCH_RUNS`, `BENCH_LATENESS_RUNS` and',
    '`BENCH_MEMORY_RUNS` change how many). Nothing here is asserted: figures depend on the machine and on what else it is doing.',
    '',
  ].join('\n');
  writeFileSync(join(ROOT, 'docs/bench.md'), `${intro}\n${table}\n`);
  say('written to docs/bench.md');
}

main().catch((err) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
