/**
 * The promise Loomcast makes: a post goes out exactly once, or the creator is told it is
 * unconfirmed. This test runs the real browser-mode host (out/main/host.js, the built app) as a
 * child process, gives it 200 due posts spread over several fake platforms that answer slowly,
 * kills it with SIGKILL again and again mid-burst, and then checks every post and every fake.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { systemClock } from '../../electron/core/deps';
import { createKeyringVault } from '../../electron/core/vault/keyring-vault';
import type { Platform } from '../../shared/domain/platforms';
import type { FakeServer } from '../fakes/common/fake-server';
import { facebookConnector } from '../../electron/core/platforms/facebook';
import { startFacebookFake, type FacebookFake } from '../fakes/facebook';
import { startMastodonFake } from '../fakes/mastodon';
import { connectMastodon } from '../fakes/mastodon/harness';
import { startXFake } from '../fakes/x';
import { connectX } from '../fakes/x/harness';
import { tempDir } from '../support/core';

const HOST = resolve('out/main/host.js');
const service = `loomcast-crash-${randomBytes(4).toString('hex')}`;
const vault = createKeyringVault(service);
const required = process.env.LOOMCAST_REQUIRE_KEYCHAIN === '1';
const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
const TOTAL = 200;
const KILLS = 6;

async function connectFacebook(fake: FacebookFake) {
  const redirectUri = 'http://127.0.0.1:53134/callback';
  const url = facebookConnector.authorizationUrl({ baseUrl: fake.url, clientId: fake.state.appId, redirectUri, state: 's', codeChallenge: 'unused', scopes: facebookConnector.defaultScopes });
  const { code } = fake.authorize(url);
  return facebookConnector.exchange({ http: fetch, clock: systemClock, baseUrl: fake.url }, { code, codeVerifier: 'unused', redirectUri, clientId: fake.state.appId, clientSecret: fake.state.appSecret });
}

function startHost(dataDir: string, bases: Record<string, string>): Promise<ChildProcess> {
  const args = [HOST, '--port', '0', '--data-dir', dataDir, ...Object.entries(bases).flatMap(([p, u]) => ['--api-base', `${p}=${u}`])];
  const child = spawn(process.execPath, args, { env: { ...process.env, LOOMCAST_KEYCHAIN_SERVICE: service }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolveStart, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Loomcast is running at')) resolveStart(child);
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => reject(new Error(`host exited (${code}) before it was ready:\n${out}`)));
  });
}

const kill = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });

describe('publishing through repeated crashes', () => {
  const dir = tempDir('loomcast-crash-');
  const fakes: Record<string, FakeServer> = {};
  let available = false;

  beforeAll(async () => {
    available = (await vault.status()).available;
    if (!available) return;
    const x = await startXFake({ limits: { 'POST /2/tweets': 10_000, 'GET /2/users/:id/tweets': 10_000 } });
    const mastodon = await startMastodonFake();
    const facebook = await startFacebookFake();
    fakes.x = x;
    fakes.mastodon = mastodon;
    fakes.facebook = facebook;
    for (const f of Object.values(fakes)) f.latencyMs = 40;

    // Seed: one account per fake (through the real connectors), and 200 posts due over the next 8 s.
    const core = await createCore({ dataDir: dir.path, vault, log: quiet, notifier: { notify() {} }, mode: 'browser', clock: systemClock, publishing: { autoStart: false } });
    const accounts: [Platform, Awaited<ReturnType<typeof connectX>>, string | null][] = [
      ['x', await connectX(x), null],
      ['mastodon', await connectMastodon(mastodon), mastodon.url],
      ['facebook', await connectFacebook(facebook), null],
    ];
    for (const [platform, r, serverUrl] of accounts) {
      await core.services.accounts.add({ platform, handle: r.profile.handle, platformUserId: r.profile.platformUserId, serverUrl, credentials: r.credentials });
    }
    const platforms = accounts.map(([p]) => p);
    for (let i = 0; i < TOTAL; i++) {
      const platform = platforms[i % platforms.length]!;
      await core.dispatch('posts:create', { text: `Crash-proof post #${i} for ${platform}`, platforms: [platform], schedule: null });
    }
    await core.close();
    const db = new Database(join(dir.path, 'loomcast.sqlite'));
    const now = Date.now();
    db.prepare("UPDATE targets SET state = 'scheduled', zone = 'UTC', scheduled_at = ? + (rowid % 80) * 100").run(now + 500);
    db.close();
  }, 60_000);

  afterAll(async () => {
    for (const f of Object.values(fakes)) await f.stop();
    dir.remove();
  });

  it('publishes each of 200 targets exactly once, or marks it unconfirmed, despite SIGKILLs mid-burst', async (ctx) => {
    if (!available && !required) ctx.skip();
    expect(available, 'a keychain is required (run under npm test)').toBe(true);
    expect(existsSync(HOST), 'build first: npm run build').toBe(true);
    const bases = { x: fakes.x!.url, facebook: fakes.facebook!.url };

    const db = new Database(join(dir.path, 'loomcast.sqlite'), { readonly: true });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const published = () => count("SELECT count(*) AS n FROM targets WHERE state = 'published'");
    // Kill each run once it is visibly publishing, at a random moment in the middle of it.
    for (let i = 0; i < KILLS; i++) {
      const child = await startHost(dir.path, bases);
      const before = published();
      for (let waited = 0; published() < before + 3 && waited < 15_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, Math.random() * 120));
      await kill(child);
    }
    // The kills must have landed mid-burst for this test to mean anything.
    const doneBeforeLast = published();
    expect(doneBeforeLast).toBeLessThan(TOTAL);
    const lastStart = Date.now();
    const last = await startHost(dir.path, bases);
    const pending = () => count("SELECT count(*) AS n FROM targets WHERE state IN ('scheduled','publishing')");
    for (let waited = 0; pending() > 0 && waited < 60_000; waited += 200) await new Promise((r) => setTimeout(r, 200));
    const rows = db.prepare('SELECT t.platform, t.state, t.platform_post_id, t.last_error, v.text FROM targets t JOIN post_versions v ON v.post_id = t.post_id').all() as {
      platform: string;
      state: string;
      platform_post_id: string | null;
      last_error: string | null;
      text: string;
    }[];
    db.close();
    await kill(last);

    expect(rows).toHaveLength(TOTAL);
    const states = rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.state]: (acc[r.state] ?? 0) + 1 }), {});
    expect(Object.keys(states).every((s) => s === 'published' || s === 'unconfirmed'), JSON.stringify(states)).toBe(true);

    for (const [platform, fake] of Object.entries(fakes)) {
      expect(fake.duplicates(), `${platform} duplicates`).toBe(0);
      const mine = rows.filter((r) => r.platform === platform);
      const onFake = new Map(fake.posts.map((p) => [p.id, p]));
      // Every published target is on the platform under the id we recorded…
      for (const r of mine.filter((r) => r.state === 'published')) expect(onFake.get(r.platform_post_id!)?.text, r.text).toBeDefined();
      // …and every post on the platform belongs to a target that says published or unconfirmed.
      const texts = new Map(mine.map((r) => [r.text, r.state]));
      for (const p of fake.posts) expect(['published', 'unconfirmed']).toContain(texts.get(p.text));
      expect(fake.posts.length).toBeGreaterThanOrEqual(mine.filter((r) => r.state === 'published').length);
    }
    // …and at least one of them while a post was in flight, which the next start had to settle.
    const log = readFileSync(join(dir.path, 'logs', 'loomcast.log'), 'utf8');
    const recoveries = log.split('\n').filter((l) => l.includes('outcome is unknown after a restart')).length;
    expect(recoveries).toBeGreaterThan(0);
    console.log(`drain after last start: ${Date.now() - lastStart} ms; by platform: ${JSON.stringify(Object.fromEntries(Object.entries(fakes).map(([p, f]) => [p, f.posts.length])))}`);
    console.log(`crash test: ${JSON.stringify(states)} after ${KILLS} SIGKILLs; ${recoveries} restarts found posts in flight; ${doneBeforeLast} were out before the last start`);
  }, 120_000);
});
