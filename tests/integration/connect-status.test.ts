/**
 * accounts:connectStatus: a client that cannot listen for accounts:connectFinished polls a browser
 * sign-in instead, through the real connect flow against the Mastodon fake (app registration,
 * consent, the loopback redirect, the code exchange).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core';
import { PLATFORM_SUPPORT } from '../../electron/core/platforms/registry';
import { startMastodonFake, type StartedMastodonFake } from '../fakes/mastodon';
import { FakeClock } from '../support/clock';
import { memoryVault, tempDir } from '../support/core';

type Status = { flowId: string; platform: string; state: string; startedAt: string; expiresAt: string; finishedAt: string | null; account: { id: string; handle: string } | null; error: { code: string; message: string } | null };

let core: Core;
let clock: FakeClock;
let fake: StartedMastodonFake;
let dir: { path: string; remove(): void };

async function start(): Promise<void> {
  fake = await startMastodonFake();
  clock = new FakeClock();
  dir = tempDir();
  const log = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
  core = await createCore({ dataDir: dir.path, vault: memoryVault(), clock, log, mode: 'browser', notifier: { notify() {} }, ...PLATFORM_SUPPORT, publishing: { autoStart: false } });
}

afterEach(async () => {
  await core?.close();
  await fake?.stop();
  dir?.remove();
});

async function begin(): Promise<{ flowId: string; url: URL }> {
  const r = await core.dispatch('accounts:connect', { platform: 'mastodon', serverUrl: fake.url });
  if (!r.ok) throw new Error(r.error.message);
  const v = r.value as { kind: string; flowId: string; url: string };
  expect(v.kind).toBe('authorize');
  return { flowId: v.flowId, url: new URL(v.url) };
}

async function status(flowId: string): Promise<Status> {
  const r = await core.dispatch('accounts:connectStatus', { flowId });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as Status;
}

/** Polls as a script would, until the flow leaves `waiting`: up to 15 s, as the exchange crosses real sockets on a busy machine. */
async function pollUntilDone(flowId: string): Promise<Status> {
  for (let i = 0; i < 1500; i++) {
    const s = await status(flowId);
    if (s.state !== 'waiting') return s;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the sign-in never finished');
}

describe('polling a browser sign-in', () => {
  it('reads waiting, then connected with the account, once the person approves', async () => {
    await start();
    const flow = await begin();
    const waiting = await status(flow.flowId);
    expect(waiting).toMatchObject({ flowId: flow.flowId, platform: 'mastodon', state: 'waiting', finishedAt: null, account: null, error: null });
    expect(Date.parse(waiting.expiresAt) - Date.parse(waiting.startedAt)).toBe(10 * 60_000);
    expect(Date.parse(waiting.startedAt)).toBe(clock.now());

    // The person clicks Authorize on the instance; the browser comes back to Loomcast's loopback.
    const q = flow.url.searchParams;
    const code = fake.authorize({ clientId: q.get('client_id')!, redirectUri: q.get('redirect_uri')!, scope: q.get('scope')!, codeChallenge: q.get('code_challenge')!, username: 'ada' });
    const back = fetch(`${q.get('redirect_uri')}?${new URLSearchParams({ code, state: q.get('state')! })}`);

    const done = await pollUntilDone(flow.flowId);
    expect(done).toMatchObject({ state: 'connected', error: null, account: { handle: expect.stringContaining('ada') } });
    expect(done.finishedAt).not.toBeNull();
    expect((await back).status).toBe(200);
    const list = await core.dispatch('accounts:list', {});
    expect(list).toMatchObject({ ok: true, value: [{ id: done.account!.id }] });
  });

  it('reads cancelled at once after accounts:cancelConnect', async () => {
    await start();
    const flow = await begin();
    await core.dispatch('accounts:cancelConnect', { flowId: flow.flowId });
    expect(await status(flow.flowId)).toMatchObject({ state: 'cancelled', account: null, error: { code: 'cancelled', message: expect.stringContaining('cancelled') } });
  });

  it('reads expired when nobody signs in within 10 minutes', async () => {
    await start();
    const flow = await begin();
    clock.advance(10 * 60_000);
    expect(await pollUntilDone(flow.flowId)).toMatchObject({ state: 'expired', error: { code: 'timed_out', message: expect.stringContaining('within 10 minutes') } });
  });

  it('keeps a finished sign-in readable for 10 minutes, then answers not_found in plain words', async () => {
    await start();
    const flow = await begin();
    await core.dispatch('accounts:cancelConnect', { flowId: flow.flowId });
    clock.advance(10 * 60_000 - 1);
    expect((await status(flow.flowId)).state).toBe('cancelled');
    clock.advance(1);
    const gone = await core.dispatch('accounts:connectStatus', { flowId: flow.flowId });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('more than 10 minutes ago') } });
    const never = await core.dispatch('accounts:connectStatus', { flowId: 'no-such-flow' });
    expect(never).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('Start connecting again') } });
  });
});
