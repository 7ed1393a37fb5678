/**
 * Connecting an account fails with a typed code whose message says what to do, through the real
 * connect flow (accounts:connect, the loopback redirect, the connectors) against the fakes and a
 * real Bluesky PDS.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RpcErrorBody } from '../../shared/contract';
import { createCore, type Core } from '../../electron/core';
import { PLATFORM_SUPPORT } from '../../electron/core/platforms/registry';
import { freePort, startPds, type RealPds, type TestAccount } from '../fakes/bluesky';
import { startFacebookFake, type FacebookFake } from '../fakes/facebook';
import { FakeClock } from '../support/clock';
import { memoryVault, tempDir } from '../support/core';

type Finished = { flowId: string; ok: boolean; accountId: string | null; message: string | null };

let pds: RealPds;
let alice: TestAccount;
let core: Core;
let clock: FakeClock;
let dir: { path: string; remove(): void };
let fb: FacebookFake;
/**
 * The sign-in's loopback port, free when the core starts: the app's fixed 53134 lies in the
 * machine's range of ports for outgoing connections, and in a busy run one of the suite's own
 * connections once held it through this whole file.
 */
let redirectPort: number;
const warnings: Record<string, unknown>[] = [];
const finished: Finished[] = [];

beforeAll(async () => {
  pds = await startPds();
  alice = await pds.createAccount('alice');
}, 60_000);

afterAll(async () => {
  await pds?.close();
});

async function start(): Promise<void> {
  fb = await startFacebookFake();
  redirectPort = await freePort();
  clock = new FakeClock();
  dir = tempDir();
  warnings.length = 0;
  finished.length = 0;
  const log = { log() {}, debug() {}, info() {}, error() {}, warn: (_m: string, f?: Record<string, unknown>) => void warnings.push(f ?? {}) };
  core = await createCore({
    dataDir: dir.path,
    vault: memoryVault(),
    clock,
    log,
    mode: 'browser',
    notifier: { notify() {} },
    ...PLATFORM_SUPPORT,
    platformBaseUrls: { facebook: fb.url },
    redirectPort,
    publishing: { autoStart: false },
  });
  core.subscribe((event, payload) => {
    if (event === 'accounts:connectFinished') finished.push(payload as Finished);
  });
}

afterEach(async () => {
  await core?.close();
  await fb?.stop();
  dir?.remove();
});

async function failure(input: Record<string, unknown>): Promise<RpcErrorBody> {
  const r = await core.dispatch('accounts:connect', input);
  if (r.ok) throw new Error(`connected: ${JSON.stringify(r.value)}`);
  return r.error;
}

/** Starts a Facebook sign-in with the app's keys (a wrong secret if asked) and returns its flow. */
async function facebookFlow(secret = fb.state.appSecret): Promise<{ flowId: string; url: string }> {
  const set = await core.dispatch('apps:set', { platform: 'facebook', clientId: fb.state.appId, clientSecret: secret });
  if (!set.ok) throw new Error(set.error.message);
  const r = await core.dispatch('accounts:connect', { platform: 'facebook' });
  if (!r.ok) throw new Error(r.error.message);
  const v = r.value as { kind: string; flowId: string; url: string };
  expect(v.kind).toBe('authorize');
  return v;
}

/** Waits up to 15 s of real time: the loopback answer crosses two servers, slow on a busy machine. */
async function ended(flowId: string): Promise<Finished & { code: unknown }> {
  for (let i = 0; i < 600; i++) {
    const f = finished.find((x) => x.flowId === flowId);
    if (f) return { ...f, code: warnings.at(-1)?.code };
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the flow never finished');
}

/** The browser coming back to the loopback; it answers once Loomcast is done, so don't wait. */
function comeBack(redirectUri: string, query: Record<string, string>): void {
  void fetch(`${redirectUri}?${new URLSearchParams(query)}`).catch(() => {});
}

describe('connecting with a password', () => {
  it('says bad_credentials when the PDS refuses the app password, and connects nothing', async () => {
    await start();
    const e = await failure({ platform: 'bluesky', serverUrl: pds.url, identifier: alice.handle, password: 'aaaa-bbbb-cccc-dddd' });
    expect(e.code).toBe('bad_credentials');
    expect(e.message).toMatch(/Check the handle and app password; create one in Bluesky .*App passwords/);
    expect(e.details).toMatch(/HTTP 401/);
    expect((await core.dispatch('accounts:list', {})) as unknown).toEqual({ ok: true, value: [] });
  });

  it('says unreachable, naming the address, when nothing listens there', async () => {
    await start();
    const port = await freePort();
    const e = await failure({ platform: 'bluesky', serverUrl: `http://127.0.0.1:${port}`, identifier: alice.handle, password: alice.appPassword });
    expect(e.code).toBe('unreachable');
    expect(e.message).toBe(`Loomcast could not reach 127.0.0.1:${port}. Check the address and your connection.`);
    expect(e.details).toMatch(/connection refused/);
  });

  it('says unreachable when the address does not resolve', async () => {
    await start();
    const e = await failure({ platform: 'bluesky', serverUrl: 'http://pds.loomcast.invalid', identifier: alice.handle, password: alice.appPassword });
    expect(e.code).toBe('unreachable');
    expect(e.message).toContain('pds.loomcast.invalid');
  });

  it('still connects with the right app password', async () => {
    await start();
    const r = await core.dispatch('accounts:connect', { platform: 'bluesky', serverUrl: pds.url, identifier: alice.handle, password: alice.appPassword });
    expect(r).toMatchObject({ ok: true, value: { kind: 'connected' } });
  });
});

describe('connecting through the browser sign-in', () => {
  it('says rejected_by_platform, pointing at Developer apps, when the platform refuses the app secret', async () => {
    await start();
    const flow = await facebookFlow('not-the-secret');
    const back = fb.authorize(flow.url);
    comeBack(back.redirectUri, { code: back.code, state: back.state });
    const f = await ended(flow.flowId);
    expect(f).toMatchObject({ ok: false, code: 'rejected_by_platform' });
    expect(f.message).toContain('Settings → Developer apps');
  });

  it('says rejected_by_platform when the platform sends the browser back with an error', async () => {
    await start();
    const flow = await facebookFlow();
    const back = fb.authorize(flow.url);
    comeBack(back.redirectUri, { error: 'invalid_scope', error_description: 'Invalid Scopes: pages_manage_posts', state: back.state });
    expect(await ended(flow.flowId)).toMatchObject({ ok: false, code: 'rejected_by_platform', message: expect.stringContaining('Developer apps') });
  });

  it('says cancelled when the creator declines consent', async () => {
    await start();
    const flow = await facebookFlow();
    const back = fb.authorize(flow.url);
    comeBack(back.redirectUri, { error: 'access_denied', state: back.state });
    expect(await ended(flow.flowId)).toMatchObject({ ok: false, code: 'cancelled', message: expect.stringContaining('You declined') });
  });

  it('says cancelled when the creator cancels in Loomcast', async () => {
    await start();
    const flow = await facebookFlow();
    await core.dispatch('accounts:cancelConnect', { flowId: flow.flowId });
    expect(await ended(flow.flowId)).toMatchObject({ ok: false, code: 'cancelled', message: expect.stringContaining('cancelled') });
  });

  it('says timed_out when nobody finishes signing in', async () => {
    await start();
    const flow = await facebookFlow();
    clock.advance(10 * 60_000);
    expect(await ended(flow.flowId)).toMatchObject({ ok: false, code: 'timed_out', message: expect.stringContaining('within 10 minutes') });
  });

  it('says port_in_use when another program holds the redirect port', async () => {
    await start();
    const squatter: Server = createServer();
    await new Promise<void>((done) => squatter.listen(redirectPort, '127.0.0.1', done));
    try {
      await core.dispatch('apps:set', { platform: 'facebook', clientId: fb.state.appId, clientSecret: fb.state.appSecret });
      const e = await failure({ platform: 'facebook' });
      expect(e.code).toBe('port_in_use');
      expect(e.message).toContain(`port ${redirectPort}`);
    } finally {
      await new Promise<void>((done) => squatter.close(() => done()));
    }
  });

  it('connects the Page when everything is right', async () => {
    await start();
    const flow = await facebookFlow();
    const back = fb.authorize(flow.url);
    comeBack(back.redirectUri, { code: back.code, state: back.state });
    expect(await ended(flow.flowId)).toMatchObject({ ok: true, accountId: expect.any(String) });
  });
});
