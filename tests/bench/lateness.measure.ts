/**
 * `npm run bench`: how late 1,000 posts due in the same minute over 10 Mastodon accounts go out,
 * against a bare Node loop sending the same requests to the same fake server, one lane per
 * account (10 at a time), measured in the same run. Prints the figures; asserts nothing about time.
 * The fake runs in a process of its own, as a platform's servers are elsewhere (fake-process.ts).
 *
 * Real time on purpose: the core runs on the system clock and real HTTP, as the app does.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core';
import { PLATFORM_SUPPORT } from '../../electron/core/platforms/registry';
import { startMastodonFake } from '../fakes/mastodon';
import { call, memoryVault, tempDir } from '../support/core';
import { startFakeProcess } from './fake-process';

const ACCOUNTS = 10;
const PER_ACCOUNT = 100;
const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1]! };
};

/** The next whole minute at least `leadMs` away (posts are scheduled to the minute). */
function nextMinute(leadMs: number): DateTime {
  return DateTime.now().toUTC().plus({ milliseconds: leadMs }).startOf('minute').plus({ minutes: 1 });
}

const sleepUntil = (at: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

/** The fake's side of a run: where it listens, one token per account, what it holds. */
interface Platform {
  url: string;
  tokens: string[];
  statusCount(username: string): Promise<number>;
  stop(): Promise<void>;
}

// Limits high enough that neither side waits on them: this measures the scheduler, not 429s.
const RATES = { api: { limit: 100_000, periodSeconds: 300 }, statuses: { limit: 100_000, periodSeconds: 10_800 } };
const USERNAMES = Array.from({ length: ACCOUNTS }, (_, i) => `writer${i}`);

/**
 * The fake in its own process (tests/bench/fake-process.ts), as a remote server is; with
 * BENCH_FAKE=thread, in this thread, as the bench ran it until 8 December 2026 (both sides then
 * share their thread with it).
 */
/** Where the fake ran, for the table's row. */
export const FAKE_WHERE = process.env.BENCH_FAKE === 'thread' ? 'fake server in the same thread' : 'fake server in its own process';

async function fakeWithAccounts(): Promise<Platform> {
  if (process.env.BENCH_FAKE !== 'thread') return startFakeProcess({ rates: RATES, usernames: USERNAMES });
  const fake = await startMastodonFake({ rates: RATES });
  const tokens = USERNAMES.map((u) => {
    fake.createAccount(u);
    return fake.tokenFor(u);
  });
  return { url: fake.url, tokens, statusCount: async (u) => fake.statusCount(fake.account(u).id), stop: () => fake.stop() };
}

/** The bare loop: the same requests, one lane per account; each answer's lateness from `due`, in ms. */
async function bareBurst({ url, tokens }: Platform, due: number): Promise<number[]> {
  const late: number[] = [];
  await Promise.all(
    tokens.map(async (token, i) => {
      for (let n = 0; n < PER_ACCOUNT; n++) {
        const res = await fetch(`${url}/api/v1/statuses`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `bare-${i}-${n}` },
          body: JSON.stringify({ status: `Post ${n} for writer${i}`, visibility: 'public' }),
        });
        await res.json();
        late.push(Date.now() - due);
      }
    }),
  );
  return late;
}

const dirs: { remove(): void }[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0)) await c();
  dirs.splice(0).forEach((d) => d.remove());
});

export interface Lateness {
  p50: number;
  p99: number;
  max: number;
}

/**
 * One run: the product's lateness and the bare loop's, in ms (also used by `npm run bench`'s
 * table, scripts/bench.mjs). Throws when a post did not go out exactly once.
 */
export async function measureLateness(): Promise<{ product: Lateness; baseline: Lateness }> {
  // Product: the core on a real database, the system clock and real HTTP.
  const fake = await fakeWithAccounts();
  const { tokens } = fake;
  cleanups.push(() => fake.stop());
  const dir = tempDir('loomcast-lateness-');
  dirs.push(dir);
  const core: Core = await createCore({ dataDir: dir.path, vault: memoryVault(), log: quiet, mode: 'browser', http: fetch, networkWorker: true, checkpointThread: true, defaultZone: 'UTC', defaultLocale: 'en-GB', notifier: { notify: () => {} }, ...PLATFORM_SUPPORT });
  cleanups.push(() => core.close());
  const accounts = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    accounts.push(await core.services.accounts.add({ platform: 'mastodon', handle: `@writer${i}@fake.social`, serverUrl: fake.url, credentials: { accessToken: tokens[i]! } }));
  }
  // Room for creating the 1,000 posts before they fall due, from how long 20 drafts (which never
  // go out) take on this machine now, twice over: a fixed lead was too short on a loaded machine.
  const started = Date.now();
  for (let n = 0; n < 20; n++) await call(core, 'posts:create', { text: `Draft ${n}`, accounts: [accounts[0]!.id], schedule: null });
  const perPost = (Date.now() - started) / 20;
  const due = nextMinute(Math.max(20_000, 2 * perPost * ACCOUNTS * PER_ACCOUNT));
  // Created account by account, as a creator planning one account at a time would; the same
  // words the bare loop sends (a handle in the text is a mention the server must look up).
  for (const [i, account] of accounts.entries()) {
    for (let n = 0; n < PER_ACCOUNT; n++) {
      await call(core, 'posts:create', { text: `Post ${n} for writer${i}`, accounts: [account.id], schedule: { date: due.toISODate(), time: due.toFormat('HH:mm'), zone: 'UTC' } });
    }
  }
  await sleepUntil(due.toMillis() + 1_000);
  const db = new Database(join(dir.path, 'loomcast.sqlite'), { readonly: true });
  for (;;) {
    const left = (db.prepare("SELECT count(*) AS n FROM targets WHERE state NOT IN ('published', 'draft')").get() as { n: number }).n;
    if (left === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const product = (db.prepare("SELECT published_at - scheduled_at AS late FROM targets WHERE state <> 'draft'").all() as { late: number }[]).map((r) => r.late);
  const states = db.prepare("SELECT count(*) AS n, count(DISTINCT platform_post_id) AS distinctIds FROM targets WHERE state <> 'draft'").get() as { n: number; distinctIds: number };
  db.close();
  expect(states).toEqual({ n: ACCOUNTS * PER_ACCOUNT, distinctIds: ACCOUNTS * PER_ACCOUNT });
  expect(await fake.statusCount('writer0')).toBe(PER_ACCOUNT);

  // The product's core and fake stop first: nothing of theirs runs while the baseline is measured.
  for (const c of cleanups.splice(0)) await c();

  // Baseline: the same requests from a bare loop, one lane per account, to a fresh fake, once
  // untimed first: a bare loop's fetch gets about twice as fast over its first bursts as V8
  // compiles undici, and the product's thread, which sends from its network worker, no longer
  // warms it. So the baseline is measured warm, at its fastest.
  const warm = await fakeWithAccounts();
  await bareBurst(warm, Date.now());
  await warm.stop();
  const bare = await fakeWithAccounts();
  cleanups.push(() => bare.stop());
  const bareDue = Date.now() + 2_000;
  await sleepUntil(bareDue);
  const baseline = await bareBurst(bare, bareDue);

  for (const c of cleanups.splice(0)) await c();
  dirs.splice(0).forEach((d) => d.remove());
  return { product: summary(product), baseline: summary(baseline) };
}

it('publishing lateness: Loomcast vs a bare loop', { timeout: 300_000 }, async () => {
  const { product: p, baseline: b } = await measureLateness();
  const row = (name: string, x: ReturnType<typeof summary>) => `${name.padEnd(34)} ${String(x.p50).padStart(7)} ${String(x.p99).padStart(7)} ${String(x.max).padStart(7)}`;
  console.log(
    [
      `\n1,000 posts due in one minute over ${ACCOUNTS} Mastodon accounts, ${FAKE_WHERE} (lateness in ms)`,
      `${''.padEnd(34)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}`,
      row('Loomcast scheduler', p),
      row('bare loop, 10 lanes (baseline)', b),
      `ratio p50 ${(p.p50 / b.p50).toFixed(2)}x, p99 ${(p.p99 / b.p99).toFixed(2)}x, max ${(p.max / b.max).toFixed(2)}x`,
    ].join('\n'),
  );
});
