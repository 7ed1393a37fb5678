/**
 * Through the connect flow itself: a redirect with a missing, wrong or replayed state, or one
 * without a code, never reaches the token exchange, and the creator hears why in typed words.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectFlows } from '../../electron/core/accounts/connect';
import type { AccountsService } from '../../electron/core/accounts/accounts-service';
import type { Apps } from '../../electron/core/accounts/apps';
import type { EventBus } from '../../electron/core/events';
import type { OAuthConnector } from '../../electron/core/platforms/types';
import { checkExternalUrl } from '../../electron/core/security';
import { FakeClock } from '../support/clock';

type Finished = { flowId: string; ok: boolean; accountId: string | null; message: string | null };

function setup(opts: { desktop?: boolean } = {}) {
  const trusted = new Set<string>();
  const exchanges: { code: string; codeVerifier: string }[] = [];
  const challenges: string[] = [];
  const finished: Finished[] = [];
  const warnings: Record<string, unknown>[] = [];
  const connector: OAuthConnector = {
    kind: 'oauth',
    challengeEncoding: 'base64url',
    defaultScopes: ['write'],
    authorizationUrl: ({ baseUrl, clientId, redirectUri, state, codeChallenge }) => {
      challenges.push(codeChallenge);
      return `${baseUrl}/oauth/authorize?${new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, state, code_challenge: codeChallenge, code_challenge_method: 'S256' })}`;
    },
    exchange: async (_ctx, p) => {
      exchanges.push({ code: p.code, codeVerifier: p.codeVerifier });
      return { credentials: { accessToken: 'token' }, profile: { handle: '@ada@fosstodon.test', displayName: null, platformUserId: '1' } };
    },
  };
  const flows = createConnectFlows({
    connectors: { mastodon: connector },
    clients: {},
    registerApp: async () => ({ clientId: 'client', clientSecret: 'secret' }),
    accounts: { vaultStatus: async () => ({ available: true }), add: async () => ({ id: 'acc-1', handle: '@ada@fosstodon.test' }) } as unknown as AccountsService,
    // Mastodon's sign-in comes back to any free port.
    apps: { get: async () => null, redirectPort: () => 0 } as unknown as Apps,
    events: { emit: (name: string, payload: unknown) => name === 'accounts:connectFinished' && finished.push(payload as Finished) } as unknown as EventBus,
    http: (() => Promise.reject(new Error('no network in this test'))) as never,
    clock: new FakeClock(),
    log: { log() {}, debug() {}, info() {}, error() {}, warn: (_m: string, f?: Record<string, unknown>) => void warnings.push(f ?? {}) },
    baseUrls: {},
    openExternal: () => false,
    trustAuthorizeUrl: (url) => (trusted.add(url), () => trusted.delete(url)),
    ...(opts.desktop ? { linkRule: (url: string) => checkExternalUrl(url, { authorizeUrls: [...trusted] }) } : {}),
  });
  return { flows, exchanges, challenges, finished, warnings, trusted };
}

async function start(t: ReturnType<typeof setup>, serverUrl = 'https://fosstodon.test') {
  const r = await t.flows.connect({ platform: 'mastodon', serverUrl } as never);
  if (r.kind !== 'authorize') throw new Error('expected an authorize step');
  const url = new URL(r.url);
  return { flowId: r.flowId, redirectUri: url.searchParams.get('redirect_uri')!, state: url.searchParams.get('state')! };
}

const back = (redirectUri: string, query: Record<string, string>) => fetch(`${redirectUri}?${new URLSearchParams(query)}`);

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setImmediate(r));
  expect(check()).toBe(true);
}

describe('the state a connect flow checks', () => {
  let t: ReturnType<typeof setup> | undefined;
  afterEach(() => t?.flows.cancelAll());

  it('exchanges nothing for a redirect with no state or a wrong one, then exchanges the real one once', async () => {
    t = setup();
    const flow = await start(t);
    expect(flow.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await back(flow.redirectUri, { code: 'forged' })).status).toBe(400);
    expect((await back(flow.redirectUri, { code: 'forged', state: `${flow.state}x` })).status).toBe(400);
    expect(t.exchanges).toEqual([]);
    expect(t.finished).toEqual([]);
    expect(t.warnings.map((w) => w.code)).toEqual(['state_missing', 'state_mismatch']);

    const page = back(flow.redirectUri, { code: 'real', state: flow.state });
    await until(() => t!.finished.length === 1);
    expect((await page).status).toBe(200);
    expect(t.finished[0]).toMatchObject({ flowId: flow.flowId, ok: true, accountId: 'acc-1' });
    // The verifier sent at exchange is the one whose S256 challenge went out on the sign-in URL.
    expect(t.exchanges).toHaveLength(1);
    expect(createHash('sha256').update(t.exchanges[0]!.codeVerifier).digest('base64url')).toBe(t.challenges[0]);
  });

  it('does not exchange a replayed redirect', async () => {
    t = setup();
    const flow = await start(t);
    const first = back(flow.redirectUri, { code: 'real', state: flow.state });
    const again = back(flow.redirectUri, { code: 'real', state: flow.state });
    const answers = await Promise.all([first, again].map((p) => p.then((r) => r.status).catch(() => 'closed')));
    await until(() => t!.finished.length === 1);
    // One was taken; the other was refused as a replay or found the loopback already closed.
    expect(answers.filter((s) => s === 200)).toHaveLength(1);
    expect(t.exchanges).toHaveLength(1);
  });

  it('ends with a typed refusal and no exchange when the right state comes back without a code', async () => {
    t = setup();
    const flow = await start(t);
    expect((await back(flow.redirectUri, { state: flow.state })).status).toBe(400);
    await until(() => t!.finished.length === 1);
    expect(t.finished[0]).toMatchObject({ ok: false, accountId: null });
    expect(t.finished[0]!.message).toMatch(/did not let Loomcast sign in/);
    expect(t.warnings.at(-1)).toMatchObject({ code: 'rejected_by_platform' });
    expect(t.exchanges).toEqual([]);
  });

  it('desktop: does not start a sign-in whose page the link rule would refuse to open (a plain http server)', async () => {
    t = setup({ desktop: true });
    await expect(start(t, 'http://fosstodon.test')).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: ['serverUrl'] }],
      message: expect.stringMatching(/only at https:\/\/ addresses.*fosstodon\.test/),
    });
    expect(t.trusted.size).toBe(0);
    // The https address of the same server starts, and its sign-in page is trusted while the flow runs.
    const flow = await start(t);
    expect(t.trusted.size).toBe(1);
    t.flows.cancel(flow.flowId);
    await until(() => t!.trusted.size === 0);
  });
});
