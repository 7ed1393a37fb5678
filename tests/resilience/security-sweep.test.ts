/**
 * The security sweep: a creator's whole round through the browser host — accounts on fake X and
 * Mastodon servers with known tokens, an AI key, an app secret, bucket keys, a signed webhook
 * whose address carries its key (as Slack's and Discord's do),
 * the calendar feed; posts published, numbers collected, the calendar exported as CSV and ics,
 * analytics as CSV, the workspace exported and downloaded, a backup made — and then every byte
 * Loomcast left behind (the SQLite file with its WAL and SHM, logs, backups, exports, media, and
 * what the exports and the download handed out) searched for each secret in the encodings a leak
 * would take: UTF-8, UTF-16LE, base64 (every alignment, and base64url), hex, URL-encoded; gzip
 * is opened first. And the RPC refuses a missing or wrong token.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import type { Logger } from '../../electron/core/deps';
import { createFileLogger } from '../../electron/core/log/file-logger';
import { createXClient } from '../../electron/core/platforms/x';
import { mastodonClient } from '../../electron/core/platforms/mastodon';
import { startHost, type RunningHost } from '../../electron/host/server';
import { startMastodonFake, type StartedMastodonFake } from '../fakes/mastodon';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { startXFake, type XFake } from '../fakes/x';
import { createTestCore, tempDir, type TestCore } from '../support/core';

const MIN = 60_000;
const HOST_TOKEN = 'sweep-host-token-Q2x5mV8rT1kP0wZ4';
const AI_KEY = 'sk-sweep+AI/key=Zk3Jq9Wm2Rt7Lp5Xc8Vb';
const APP_SECRET = 'app-secret/with+odd=chars_Yh6Gf4Ds2Aq0';
const BUCKET_SECRET = 'bucket+secret/AKIAsweep=Nn1Mm2Bb3Vv4';
/** The key a Slack or Discord address carries in its path: whoever has the address can post. */
const WEBHOOK_PATH_KEY = 'T0SWEEP/B0SWEEP/hookKey4Vb8Nc2Xz6Lq0';

/** The ways a secret's bytes could sit in a file: as text, re-encoded, or inside base64 at any offset. */
function encodingsOf(secret: string): { name: string; bytes: Buffer }[] {
  const raw = Buffer.from(secret, 'utf8');
  const forms = [
    { name: 'utf8', bytes: raw },
    { name: 'utf16le', bytes: Buffer.from(secret, 'utf16le') },
    { name: 'hex', bytes: Buffer.from(raw.toString('hex')) },
    { name: 'HEX', bytes: Buffer.from(raw.toString('hex').toUpperCase()) },
    { name: 'url-encoded', bytes: Buffer.from(encodeURIComponent(secret)) },
  ];
  // Inside a longer base64 text the secret starts at byte offset 0, 1 or 2 of a 3-byte group:
  // encode it behind 0–2 filler bytes and keep only the groups made of the secret alone.
  for (let shift = 0; shift < 3; shift++) {
    const b64 = Buffer.concat([Buffer.alloc(shift), raw]).toString('base64');
    const core = b64.slice(shift ? 4 : 0, -4);
    forms.push({ name: `base64+${shift}`, bytes: Buffer.from(core) });
    forms.push({ name: `base64url+${shift}`, bytes: Buffer.from(core.replace(/\+/g, '-').replace(/\//g, '_')) });
  }
  return forms;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The bytes to search: as stored, and opened when gzip (an archive or compressed backup). */
function views(bytes: Buffer): Buffer[] {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return [bytes, gunzipSync(bytes)];
  return [bytes];
}

describe('security sweep after a full round', () => {
  let t: TestCore;
  let host: RunningHost;
  let x: XFake;
  let masto: StartedMastodonFake;
  let receiver: WebhookReceiver;
  const staticDir = tempDir('loomcast-sweep-static-');
  const secrets: Record<string, string> = { host: HOST_TOKEN, ai: AI_KEY, app: APP_SECRET, bucket: BUCKET_SECRET };
  /** What the round handed out besides the data folder: export texts and the downloaded archive. */
  const handedOut: { name: string; bytes: Buffer }[] = [];
  let rpcRefusals: number[] = [];
  /** Every file in the data folder, read while the core ran and after it closed. */
  const onDisk: { name: string; bytes: Buffer }[] = [];

  const rpc = async <T = unknown>(channel: string, input?: unknown, token: string | null = HOST_TOKEN): Promise<{ status: number; body: T }> => {
    const res = await fetch(`http://127.0.0.1:${host.port}/rpc/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
      body: input === undefined ? '' : JSON.stringify(input),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const ok = async <T = unknown>(channel: string, input?: unknown): Promise<T> => {
    const r = await rpc<T>(channel, input);
    if (r.status !== 200) throw new Error(`${channel}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  beforeAll(async () => {
    [x, masto, receiver] = await Promise.all([startXFake(), startMastodonFake(), startWebhookReceiver()]);
    t = await createTestCore({ clients: { x: createXClient(), mastodon: mastodonClient }, platformBaseUrls: { x: x.url }, publishing: { autoStart: false, requestTimeoutMs: 10_000 } });
    for (const f of [x, masto]) f.now = () => t.clock.now();
    x.accessTtlSeconds = 10 ** 9;
    // The host logs where the core does, as `npm run web` has it: its lines are swept too.
    host = await startHost({ core: t.core, log: createFileLogger(t.logFile, { consoleLevel: 'silent' }), token: HOST_TOKEN, staticDir: staticDir.path, port: 0 });

    // Accounts with tokens the fakes issued.
    const xToken = x.issueToken(x.user.id, 'tweet.read tweet.write users.read offline.access');
    secrets.xAccess = xToken.accessToken;
    secrets.xRefresh = xToken.refreshToken;
    secrets.mastodon = masto.tokenFor('ada');
    const accounts = t.core.services.accounts;
    await accounts.add({ platform: 'x', handle: '@loomcast_dev', platformUserId: x.user.id, credentials: { accessToken: secrets.xAccess, refreshToken: secrets.xRefresh, clientId: 'sweep-client', clientSecret: APP_SECRET } });
    await accounts.add({ platform: 'mastodon', handle: '@ada', serverUrl: masto.url, credentials: { accessToken: secrets.mastodon } });

    // Keys and secrets set the way the creator sets them.
    await ok('writing:set', { provider: { kind: 'anthropic', model: 'claude-sweep' } });
    await ok('writing:setKey', { key: AI_KEY });
    await ok('apps:set', { platform: 'linkedin', clientId: 'sweep-linkedin-client', clientSecret: APP_SECRET });
    await ok('bucket:set', { endpoint: 'https://s3.example.com', region: 'us-east-1', bucket: 'sweep-bucket', accessKeyId: 'AKIASWEEP', secretAccessKey: BUCKET_SECRET });
    const hookUrl = `${receiver.url}/${WEBHOOK_PATH_KEY}`;
    const hook = await ok<{ id: string; secret: string }>('webhooks:create', { name: 'Sweep', url: hookUrl, events: ['post.published'] });
    secrets.webhook = hook.secret;
    secrets.webhookUrl = hookUrl;
    secrets.webhookPathKey = WEBHOOK_PATH_KEY;
    receiver.setSecret(hook.secret);
    // What the webhooks' channels answer carries only the address's site.
    handedOut.push(
      { name: 'webhooks:create answer', bytes: Buffer.from(JSON.stringify({ ...hook, secret: '' })) },
      { name: 'webhooks:list answer', bytes: Buffer.from(JSON.stringify(await ok('webhooks:list', {}))) },
    );
    const feed = await ok<{ path: string }>('io:feedEnable', {});
    secrets.feed = /\/ical\/([^/.]+)\.ics/.exec(feed.path)![1]!;
    expect((await fetch(`http://127.0.0.1:${host.port}${feed.path}`)).status).toBe(200);

    // Publish through the fakes, then collect numbers an hour later.
    const day = new Date(t.clock.now() + 24 * 3600_000).toISOString().slice(0, 10);
    for (const text of ['Sweep one', 'Sweep two']) await ok('posts:create', { text, platforms: ['x', 'mastodon'], schedule: { date: day, time: '12:00', zone: 'UTC' } });
    await t.core.services.scheduler.start();
    t.clock.advance(Date.parse(`${day}T12:00:00Z`) - t.clock.now() + MIN);
    await t.core.services.scheduler.wake();
    const posts = await ok<{ targets: { state: string }[] }[]>('posts:list', { scope: 'all' });
    expect(posts.flatMap((p) => p.targets.map((tg) => tg.state))).toEqual(['published', 'published', 'published', 'published']);
    t.clock.advance(3600_000);
    await t.core.services.metrics.sweep();
    expect(receiver.received.some((r) => r.signatureValid === true && r.path === `/hook/${WEBHOOK_PATH_KEY}`)).toBe(true);

    // Everything the creator can take away.
    const csv = await ok<{ content: string }>('io:exportCsv', {});
    const ics = await ok<{ content: string }>('io:exportIcs', {});
    const analytics = await ok<{ csv: string }>('analytics:exportCsv', { from: day, to: day });
    const archive = await ok<{ downloadId: string }>('workspace:export', {});
    const download = await fetch(`http://127.0.0.1:${host.port}/download/workspace/${archive.downloadId}`);
    expect(download.status).toBe(200);
    await ok('backups:create', {});
    handedOut.push(
      { name: 'calendar CSV', bytes: Buffer.from(csv.content) },
      { name: 'calendar ics', bytes: Buffer.from(ics.content) },
      { name: 'analytics CSV', bytes: Buffer.from(analytics.csv) },
      { name: 'downloaded workspace', bytes: Buffer.from(await download.arrayBuffer()) },
    );

    rpcRefusals = [(await rpc('accounts:list', {}, null)).status, (await rpc('accounts:list', {}, 'wrong')).status, (await rpc('accounts:list', {}, HOST_TOKEN.slice(1))).status];
    // Read while the core is open, so the WAL and SHM are there; and again after it closed.
    const read = (when: string) => filesUnder(t.dataDir).map((f) => ({ name: `${f.slice(t.dataDir.length + 1)} (${when})`, bytes: readFileSync(f) }));
    onDisk.push(...read('open'));
    await host.close();
    await t.close();
    onDisk.push(...read('closed'));
  });

  afterAll(async () => {
    await Promise.all([x?.stop(), masto?.stop(), receiver?.stop()]);
    staticDir.remove();
  });

  it('would find a secret planted in any of the encodings, at any offset, inside noise or gzip', () => {
    const noise = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + 11) % 251));
    for (const form of encodingsOf(AI_KEY)) {
      for (let offset = 0; offset < 3; offset++) {
        const text = form.name.startsWith('base64')
          ? Buffer.from(Buffer.concat([noise(10 + offset), Buffer.from(AI_KEY), noise(7)]).toString(form.name.startsWith('base64url') ? 'base64url' : 'base64'))
          : Buffer.concat([noise(10 + offset), form.bytes, noise(7)]);
        const hit = (b: Buffer) => encodingsOf(AI_KEY).some((f) => b.includes(f.bytes));
        expect(hit(text), `${form.name} at ${offset}`).toBe(true);
      }
    }
    expect(views(gzipSync(Buffer.concat([noise(100), Buffer.from(AI_KEY)]))).some((v) => v.includes(Buffer.from(AI_KEY)))).toBe(true);
  });

  it('refuses the RPC without the token or with a wrong one', () => {
    expect(rpcRefusals).toEqual([401, 401, 401]);
  });

  it('keeps the token out of the log when a request fails inside the host', async () => {
    const lines: string[] = [];
    const log: Logger = { log() {}, debug() {}, info() {}, warn() {}, error: (m, f) => void lines.push(`${m} ${JSON.stringify(f)}`) };
    const broken = {
      dispatch: async () => {
        throw new Error('the core fell over');
      },
      subscribe: () => () => {},
    } as unknown as Core;
    const h = await startHost({ core: broken, log, token: HOST_TOKEN, staticDir: staticDir.path, port: 0 });
    try {
      const res = await fetch(`http://127.0.0.1:${h.port}/rpc/app:info`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${HOST_TOKEN}` }, body: '{}' });
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ error: { code: 'internal' } });
    } finally {
      await h.close();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('/rpc/app:info');
    expect(lines[0]).not.toContain(HOST_TOKEN);
  });

  it('leaves no secret in the database, its WAL and SHM, logs, backups, exports or what was handed out', () => {
    const names = onDisk.map((f) => f.name);
    // The sweep must have had something to search in each place.
    for (const want of [/^loomcast\.sqlite \(open\)$/, /^loomcast\.sqlite-wal \(open\)$/, /^loomcast\.sqlite-shm \(open\)$/, /^loomcast\.sqlite \(closed\)$/, /^logs\//, /^backups\//, /^exports\/.*\.tar\.gz/]) {
      expect(names.some((n) => want.test(n)), String(want)).toBe(true);
    }
    const places = [...onDisk, ...handedOut];
    const found: string[] = [];
    for (const [which, secret] of Object.entries(secrets)) {
      expect(secret.length, which).toBeGreaterThanOrEqual(16);
      const forms = encodingsOf(secret);
      for (const place of places) for (const view of views(place.bytes)) for (const form of forms) if (view.includes(form.bytes)) found.push(`${which} (${form.name}) in ${place.name}`);
    }
    expect(found).toEqual([]);
  });
});
