/**
 * The local API over HTTP: `/openapi.json` needs the token and serves the document built from the
 * contract; every read channel whose input has only defaults answers an empty body (no 400).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels } from '../../shared/contract';
import { buildOpenApi } from '../../electron/host/openapi';
import { hostOverTestCore, type HostOverCore } from '../support/host';

const TOKEN = 'openapi-token-0123456789abcdef';

/** Channels that only read (list, get, info…) and take `{}`: safe to call with no body on a fresh core. */
const READS_WITH_DEFAULTS = CHANNEL_NAMES.filter((c) => /:(list|get|info|capabilities|status|summary)$/.test(c) && channels[c].input.safeParse({}).success);

describe('the local API’s description and empty bodies', () => {
  let base: string;
  let h: HostOverCore;

  beforeAll(async () => {
    ({ base } = h = await hostOverTestCore({ token: TOKEN }));
  });
  afterAll(() => h.close());

  it('refuses /openapi.json without the token or with a wrong one', async () => {
    const none = await fetch(`${base}/openapi.json`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await fetch(`${base}/openapi.json`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    expect((await fetch(`${base}/openapi.json`, { headers: { authorization: 'Bearer nope-0123456789abcdef' } })).status).toBe(401);
  });

  it('serves the document built from the contract, with a bearer token (not ?token=, which only the event stream takes)', async () => {
    const res = await fetch(`${base}/openapi.json`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(buildOpenApi())));
    expect((await fetch(`${base}/openapi.json?token=${TOKEN}`)).status).toBe(400);
  });

  it('serves /openapi.json to a read-only scoped token, which may also poll a sign-in but not start one', async () => {
    const made = await fetch(`${base}/rpc/apiTokens:create`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'docs reader', scope: 'read' }) });
    expect(made.status).toBe(200);
    const { secret } = (await made.json()) as { secret: string };
    const auth = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
    expect((await fetch(`${base}/openapi.json`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
    const poll = await fetch(`${base}/rpc/accounts:connectStatus`, { method: 'POST', headers: auth, body: JSON.stringify({ flowId: 'no-such-flow' }) });
    expect(poll.status).toBe(404);
    const start = await fetch(`${base}/rpc/accounts:connect`, { method: 'POST', headers: auth, body: JSON.stringify({ platform: 'mastodon', serverUrl: 'https://mastodon.example' }) });
    expect(start.status).toBe(403);
  });

  it('refuses /openapi.json to another website', async () => {
    const res = await fetch(`${base}/openapi.json`, { headers: { authorization: `Bearer ${TOKEN}`, origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
  });

  it('lists upcoming posts for POST /rpc/posts:list with no body at all', async () => {
    const res = await fetch(`${base}/rpc/posts:list`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
  });

  it('covers a fair share of the read channels', () => {
    expect(READS_WITH_DEFAULTS.length).toBeGreaterThan(10);
  });

  it.each(READS_WITH_DEFAULTS)('answers %s with no body without a 400', async (channel) => {
    const res = await fetch(`${base}/rpc/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } });
    const body = (await res.json()) as { error?: { code: string; message: string } } | null;
    expect({ status: res.status, error: body?.error }).not.toMatchObject({ status: 400 });
    expect(body?.error?.code).not.toBe('invalid_input');
  });
});
