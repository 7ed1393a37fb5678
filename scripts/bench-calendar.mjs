#!/usr/bin/env node
/**
 * The calendar's month view measured in Chromium, as a creator sees it (a row of `npm run
 * bench`'s table, scripts/bench.mjs; run on its own, it prints its figures and the drag's). A browser host (out/main/host.js, built first when missing or older than the
 * sources) gets 2,000 posts in one month, a fifth of them with an image; Debian's Chromium
 * (scripts/find-chromium.cjs) then opens the month several times and drags a chip across it.
 * Every figure is printed beside a baseline measured in the same run, on the same page:
 *   - opening the month (navigation → every chip drawn, `data-ready`, and a frame painted),
 *     against the same range fetched by hand and drawn as 2,000 plain elements of the same text,
 *     and against the posts:calendar round trip alone;
 *   - frame times (requestAnimationFrame deltas) while dragging a chip across the month, against
 *     the same pointer path with no drag.
 * No figure is asserted: it prints them (and exits 1 only when it could not measure).
 */
/* global location -- inside page.evaluate, run by the browser */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { DateTime } from 'luxon';
import { measureOpen, measureBaseline, startFrames, stopFrames } from './bench-calendar-page.mjs';
import { buildIfNeeded, rpc, startHost, stopHost } from './lib/bench-host.mjs';

const { findChromium } = createRequire(import.meta.url)('./find-chromium.cjs');
const ZONE = 'Europe/Berlin';
export const CALENDAR_POSTS = 2000;
const RUNS = 7;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const ms = (x) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;

function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 1200×800 photo-sized PNG in one colour per seed: small to store, full size to decode. */
function png(seed, width = 1200, height = 800) {
  const rgb = [(seed * 70) % 256, (seed * 130 + 60) % 256, (seed * 40 + 120) % 256];
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * 2,000 posts over the month's days, 08:00–19:45, on one or two platforms, every fifth with an
 * image: one CSV import (preview, then commit in one transaction), as a creator would bring a
 * month in, and far quicker than 2,000 requests.
 */
async function seed(host, month, mediaFolder) {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  for (let i = 0; i < 6; i++) writeFileSync(join(mediaFolder, `card-${i}.png`), png(i));
  const rows = Array.from({ length: CALENDAR_POSTS }, (_, i) => {
    const date = month.set({ day: (i % month.daysInMonth) + 1 }).toFormat('yyyy-LL-dd');
    const minutes = 8 * 60 + ((i * 15) % (12 * 60));
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const accounts = i % 3 === 0 ? 'x; bluesky' : 'mastodon';
    const media = i % 5 === 0 ? `card-${i % 6}.png` : '';
    return `${date},${time},"Post ${i + 1}: notes from the studio about what we are making this week",${accounts},${media},${media ? 'A colour card' : ''}`;
  });
  const csv = ['date,time,text,accounts,media,alt_text', ...rows].join('\n');
  const options = { zone: ZONE, mediaFolder };
  const preview = await rpc(host, 'io:importPreview', { csv, options });
  const bad = preview.rows.find((r) => r.errors.length > 0);
  if (bad) throw new Error(`the seed CSV has an error on line ${bad.line}: ${bad.errors.map((e) => e.message).join('; ')}`);
  await rpc(host, 'io:importCommit', { importId: `bench-${randomBytes(4).toString('hex')}`, rows: preview.rows.map((r) => ({ line: r.line, fields: r.fields })), options });
}

/**
 * Seeds a host with a month of posts and measures opening it (`runs` times) and dragging a chip
 * across it. `alsoOnHost(host)`, when given, runs on the same host before it stops.
 */
export async function measureCalendar({ browser, runs = RUNS, alsoOnHost } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'loomcast-bench-'));
  const host = await startHost(dataDir);
  try {
    // Next month: always ahead of now, so every post can be scheduled.
    const month = DateTime.now().setZone(ZONE).startOf('month').plus({ months: 1 });
    const far = month.plus({ months: 3 });
    const t0 = performance.now();
    await seed(host, month, dataDir);
    const seededMs = performance.now() - t0;

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${host.url}#/calendar/month/${far.toFormat('yyyy-LL-dd')}`);
    await page.locator('[data-testid="month-view"][data-ready="true"]').waitFor();
    const target = `#/calendar/month/${month.toFormat('yyyy-LL-dd')}`;
    const range = { from: month.startOf('week').toISO(), to: month.endOf('month').endOf('week').plus({ milliseconds: 1 }).toISO() };

    const open = [];
    const plain = [];
    const trip = [];
    let drawn = null;
    for (let run = 0; run < runs; run++) {
      // From another screen, with another month last fetched: a mount, a fetch and a draw.
      await page.evaluate((h) => (location.hash = h), `#/calendar/month/${far.toFormat('yyyy-LL-dd')}`);
      await page.locator('[data-testid="month-view"][data-ready="true"]').waitFor();
      await page.evaluate(() => (location.hash = '#/settings'));
      await page.getByTestId('settings-screen').waitFor();
      const r = await page.evaluate(measureOpen, target);
      open.push(r.ms);
      drawn = r;
      const b = await page.evaluate(measureBaseline, { token: host.token, range });
      plain.push(b.drawMs);
      trip.push(b.tripMs);
    }

    // Drag: a chip from the first full week to the last, in small steps, then back to drop where it was.
    const grid = page.getByTestId('month-view');
    const box = await grid.boundingBox();
    const chip = grid.locator('[data-testid="month-day"]:not([data-outside]) [data-testid="calendar-chip"][draggable="true"]').first();
    const c = await chip.boundingBox();
    const start = { x: c.x + c.width / 2, y: c.y + c.height / 2 };
    const end = { x: box.x + box.width * 0.85, y: box.y + box.height * 0.85 };
    const path = async () => {
      await page.mouse.move(end.x, end.y, { steps: 60 });
      await page.mouse.move(start.x, start.y, { steps: 60 });
    };
    await page.mouse.move(start.x, start.y);
    await page.evaluate(startFrames);
    await path();
    const idle = await page.evaluate(stopFrames);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 8, start.y + 8, { steps: 4 });
    const dragging = await grid.evaluate((el) => el.classList.contains('is-dragging'));
    await page.evaluate(startFrames);
    await path();
    const drag = await page.evaluate(stopFrames);
    await page.mouse.up();
    await page.close();

    const also = alsoOnHost ? await alsoOnHost(host) : undefined;
    return { month, seededMs, runs, open, plain, trip, drawn, dragging, drag, idle, also };
  } finally {
    await stopHost(host);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const found = findChromium();
  if (!found.path) throw new Error(found.hint);
  buildIfNeeded();
  const browser = await chromium.launch({ executablePath: found.path, headless: true });
  try {
    const r = await measureCalendar({ browser });
    const { open, plain, trip, drawn, dragging, drag, idle } = r;
    const openMs = median(open);
    const plainMs = median(plain);
    const lines = [
      '',
      `Seeded ${CALENDAR_POSTS} posts in ${r.month.toFormat('LLLL yyyy')} (${ZONE}) in ${ms(r.seededMs)}.`,
      `Calendar month view in Chromium ${browser.version()} (${found.source}), ${CALENDAR_POSTS} posts in one month, median of ${r.runs} runs:`,
      `  open the month (navigation → ${drawn.chips} chips and ${drawn.more} "+N more" drawn)   ${ms(openMs).padStart(8)}   (runs: ${open.map((x) => x.toFixed(0)).join(', ')})`,
      `  baseline: the same range fetched and drawn as ${CALENDAR_POSTS} plain elements     ${ms(plainMs).padStart(8)}   ratio ${(openMs / plainMs).toFixed(2)}×`,
      `  baseline: the posts:calendar round trip alone                      ${ms(median(trip)).padStart(8)}   ratio ${(openMs / median(trip)).toFixed(2)}×`,
      `Dragging a chip across the month${dragging ? '' : ' (the drag did not start: figures are for hovering)'}, requestAnimationFrame deltas:`,
      `  while dragging: p95 ${ms(pct(drag, 95))}, median ${ms(median(drag))}, max ${ms(Math.max(...drag))}, ${drag.filter((d) => d > 50).length} of ${drag.length} frames over 50 ms`,
      `  baseline, the same pointer path without a drag: p95 ${ms(pct(idle, 95))}, median ${ms(median(idle))}, max ${ms(Math.max(...idle))}   p95 ratio ${(pct(drag, 95) / pct(idle, 95)).toFixed(2)}×`,
      '',
    ];
    console.log(lines.join('\n'));
  } finally {
    await browser.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(`bench-calendar: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
