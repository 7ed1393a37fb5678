/**
 * Crash recovery through the whole core: SIGKILL at random moments while it starts and settles
 * the last run's leftovers and publishes (threads and first comments included, complementing
 * tests/integration/crash.test.ts, which kills the whole host mid-burst), while a CSV import
 * commits, and while metrics are collected. After each kill: integrity_check ok, nothing on a
 * platform twice or without a copy that owns it, an import wholly there or absent, each metrics
 * look one snapshot and one log line. LOOMCAST_CRASH_SEED replays the delays.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import { startMastodonFake, type StartedMastodonFake } from '../fakes/mastodon';
import { connectMastodon } from '../fakes/mastodon/harness';
import { startXFake, type XFake } from '../fakes/x';
import { connectX } from '../fakes/x/harness';
import { ramDir } from './support/ram-dir';
import { openCore } from './crash/child/core-ops';
import type { OpArgs } from './crash/child/ops';
import { importFacts, metricsFacts, publishFacts } from './crash/core-checks';
import { runChild } from './crash/harness';
import { prng, seedFrom, withSeed, type Prng } from './support/prng';

const seed = seedFrom('LOOMCAST_CRASH_SEED');
const scale = Number(process.env.LOOMCAST_CRASH_SCALE ?? 1);
const KILLS = { publish: Math.round(20 * scale), csv: Math.round(12 * scale), metrics: Math.round(12 * scale) };
const HOUR = 3_600_000;
const landed: Record<string, number> = {};

describe('SIGKILL while publishing, importing a CSV and collecting metrics', () => {
  const bundle = { entry: inject('crashChild') };
  let x: XFake;
  let mastodon: StartedMastodonFake;
  // On a RAM disk where there is one: a kill loses nothing the kernel already has (only a power
  // cut would), so the disk's fsyncs would only add time.
  const work = ramDir('loomcast-crash-core-');
  const pub: OpArgs = { dataDir: join(work.path, 'publish'), vaultFile: join(work.path, 'vault.json') };
  const fakes = () => ({ x, mastodon });

  beforeAll(async () => {
    // Limits no run can reach, on both fakes: this is about kills, and the fakes' windows run on
    // real time, which the settling starts' clock offsets do not move (Mastodon's 300 statuses in
    // 3 hours was reached when publishing between kills got faster, and never cleared).
    [x, mastodon] = await Promise.all([startXFake({ limits: { 'POST /2/tweets': 100_000, 'GET /2/users/:id/tweets': 100_000, 'GET /2/tweets': 100_000 } }), startMastodonFake({ rates: { api: { limit: 100_000, periodSeconds: 300 }, statuses: { limit: 100_000, periodSeconds: 3 * 3600 } } })]);
    x.accessTtlSeconds = 10 ** 8;
    for (const f of [x, mastodon]) f.latencyMs = 6;
    pub.baseUrls = { x: x.url };
    mkdirSync(pub.dataDir);
    const core = await openCore(pub, { autoStart: false });
    const cx = await connectX(x);
    const cm = await connectMastodon(mastodon);
    await core.services.accounts.add({ platform: 'x', handle: cx.profile.handle, platformUserId: cx.profile.platformUserId, credentials: cx.credentials });
    await core.services.accounts.add({ platform: 'mastodon', handle: cm.profile.handle, platformUserId: cm.profile.platformUserId, serverUrl: mastodon.url, credentials: cm.credentials });
    await core.close();
    await addDuePosts(pub, prng(seed ^ 0x10), 240);
  }, 180_000);

  afterAll(async () => {
    await x?.stop();
    await mastodon?.stop();
    work.remove();
    console.log(`crash (core) seed ${seed}: kills that landed mid-operation ${JSON.stringify(landed)}`);
  });

  it('publishing killed anywhere sends nothing twice; every copy and thread part ends published once or unconfirmed', () =>
    withSeed('LOOMCAST_CRASH_SEED', seed, async () => {
      const rnd = prng(seed ^ 0x11);
      landed.publish = 0;
      for (let i = 0; i < KILLS.publish; i++) {
        if (publishFacts(pub.dataDir, fakes()).pending < 40) await addDuePosts(pub, rnd, 80);
        // From "go": the core opens, settles what the last kill left in flight, then sends.
        const run = await runChild(bundle.entry, 'publish', pub, rnd.next() * 900);
        if (run.killed) landed.publish++;
        const facts = publishFacts(pub.dataDir, fakes());
        expect(facts.integrity, `kill ${i}`).toBe('ok');
        expect(facts.problems, `kill ${i}: ${facts.problems.join('\n')}`).toEqual([]);
      }
      // Starts without kills settle everything: checks what was in flight, finishes threads. Each
      // comes 20 minutes later by its clock, so retries and second looks that wait are due.
      for (let i = 0; i < 6 && publishFacts(pub.dataDir, fakes()).pending > 0; i++) await runChild(bundle.entry, 'publish', { ...pub, clockOffsetMs: i * 20 * 60_000 }, null);
      const facts = publishFacts(pub.dataDir, fakes());
      expect(facts.problems).toEqual([]);
      expect(facts.pending, pendingRows(pub.dataDir)).toBe(0);
      expect(Object.keys(facts.states).every((s) => s === 'published' || s === 'unconfirmed'), JSON.stringify(facts.states)).toBe(true);
      expect(landed.publish).toBeGreaterThan(KILLS.publish / 2);
      console.log(`crash publish: ${JSON.stringify(facts.states)}; platforms received x ${x.posts.length}, mastodon ${mastodon.posts.length}`);
    }),
  240_000);

  it('a CSV import killed anywhere is wholly there or not at all', () =>
    withSeed('LOOMCAST_CRASH_SEED', seed, async () => {
      const rnd = prng(seed ^ 0x12);
      const args: OpArgs = { dataDir: join(work.path, 'csv'), vaultFile: join(work.path, 'vault-csv.json'), csv: join(work.path, 'import.csv') };
      mkdirSync(args.dataDir);
      const core = await openCore(args, { autoStart: false });
      await core.services.accounts.add({ platform: 'x', handle: '@csv', credentials: { accessToken: 'unused' } });
      await core.services.accounts.add({ platform: 'mastodon', handle: '@csv@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'unused' } });
      await core.close();
      const ROWS = 150;
      const day = new Date(Date.now() + 10 * 24 * HOUR).toISOString().slice(0, 10);
      const words = Array.from({ length: ROWS }, () => rnd.int(3, 20));
      // Each import's own words: the same post twice at the same minute on one account is refused.
      const writeCsv = (importId: string) => {
        const lines = words.map((n, i) => `${day},${String(8 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},UTC,Imported post ${i} (${importId}): ${'word '.repeat(n).trim()},x; mastodon`);
        writeFileSync(args.csv!, ['date,time,zone,text,accounts', ...lines].join('\n'));
        return importId;
      };
      let window = (await runChild(bundle.entry, 'csv', { ...args, importId: writeCsv('calibration') }, null)).ms;
      landed.csv = 0;
      for (let i = 0; i < KILLS.csv; i++) {
        const run = await runChild(bundle.entry, 'csv', { ...args, importId: writeCsv(`import-${i}`) }, rnd.next() * window * 1.1);
        if (run.killed) landed.csv++;
        else window = run.ms;
        const facts = importFacts(args.dataDir, ROWS, 2);
        expect(facts.integrity, `kill ${i}`).toBe('ok');
        expect(facts.problems, `kill ${i}`).toEqual([]);
      }
      expect(landed.csv).toBeGreaterThan(KILLS.csv / 4);
    }),
  240_000);

  it('metric collection killed anywhere records each look once: one snapshot and one log line', () =>
    withSeed('LOOMCAST_CRASH_SEED', seed, async () => {
      const rnd = prng(seed ^ 0x13);
      // Runs on what the publishing test left (hundreds of published copies), its clock a week further on each time.
      const db = new Database(join(pub.dataDir, 'loomcast.sqlite'), { readonly: true });
      const ids = db.prepare("SELECT platform, platform_post_id AS id FROM targets WHERE state = 'published'").all() as { platform: string; id: string }[];
      db.close();
      // New numbers before each run, so no look is stretched by "unchanged" and every copy is due each week.
      const grow = () => {
        for (const t of ids) {
          if (t.platform === 'x') x.setMetrics(t.id, { impressions: rnd.int(0, 900), likes: rnd.int(0, 40) });
          else mastodon.setCounts(t.id, { favourites: rnd.int(0, 40), reblogs: rnd.int(0, 9) });
        }
      };
      grow();
      let offset = 2 * HOUR;
      let window = (await runChild(bundle.entry, 'metrics', { ...pub, clockOffsetMs: offset }, null)).ms;
      landed.metrics = 0;
      for (let i = 0; i < KILLS.metrics; i++) {
        // A week on each time: weekly bands run to day 90, past the last kill.
        offset += 7 * 24 * HOUR;
        grow();
        // The first sweep (every copy's first look) is the longest: later ones are killed within most of it.
        const run = await runChild(bundle.entry, 'metrics', { ...pub, clockOffsetMs: offset }, rnd.next() * window * 0.8);
        if (run.killed) landed.metrics++;
        else window = run.ms;
        const facts = metricsFacts(pub.dataDir);
        expect(facts.integrity, `kill ${i}`).toBe('ok');
        expect(facts.problems, `kill ${i}: ${facts.problems.slice(0, 5).join('\n')}`).toEqual([]);
      }
      expect(landed.metrics).toBeGreaterThan(KILLS.metrics / 4);
    }),
  240_000);
});

/** What is still waiting, for a failure message. */
function pendingRows(dataDir: string): string {
  const db = new Database(join(dataDir, 'loomcast.sqlite'), { readonly: true });
  const rows = db.prepare("SELECT platform, state, attempts, next_attempt_at, last_error FROM targets WHERE state IN ('scheduled','publishing') LIMIT 10").all();
  db.close();
  return JSON.stringify(rows);
}

/** Posts due over the next second on X, Mastodon or both; some threads, some with a first comment. */
async function addDuePosts(args: OpArgs, rnd: Prng, count: number): Promise<void> {
  const core = await openCore(args, { autoStart: false });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = rnd.next();
    const tag = `${Date.now().toString(36)}-${i}`;
    const r = await core.dispatch('posts:create', {
      text: `Crash post ${tag}`,
      platforms: rnd.some(['x', 'mastodon'] as const),
      schedule: null,
      thread: kind < 0.25 ? [`Crash post ${tag}, part 2`, `Crash post ${tag}, part 3`] : [],
      firstComment: kind >= 0.25 && kind < 0.45 ? `Crash post ${tag}, first comment` : null,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    ids.push((r.value as PostDto).id);
  }
  await core.close();
  const db = new Database(join(args.dataDir, 'loomcast.sqlite'));
  const due = db.prepare("UPDATE targets SET state = 'scheduled', zone = 'UTC', scheduled_at = ? WHERE post_id = ? AND state = 'draft'");
  const now = Date.now();
  db.transaction(() => ids.forEach((id, i) => due.run(now + (i % 20) * 50, id)))();
  db.close();
}
