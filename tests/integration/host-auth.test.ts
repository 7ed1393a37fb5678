/**
 * The host's doors over HTTP: too many wrong tokens from one address answer 429 with Retry-After
 * (on the host's clock, injected here; loopback counted here, as it is not by default, since the
 * test can reach the host only there), `?token=` works on the event stream only, the page the
 * printed address opens still loads, and a scoped token cannot pass for the creator by a header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import { hostOverTestCore, type HostOverCore } from '../support/host';

const TOKEN = 'host-auth-token-0123456789abcdef';

describe('the host’s token checks', () => {
  let h: HostOverCore;
  let base: string;
  let now = 5_000_000;

  beforeAll(async () => {
    ({ base } = h = await hostOverTestCore({ token: TOKEN, files: { 'index.html': '<!doctype html><title>Loomcast</title>' }, authLimit: { maxFailures: 4, windowMs: 60_000, now: () => now, countLoopback: true } }));
  });
  afterAll(() => h.close());

  const rpc = (channel: string, token: string, headers: Record<string, string> = {}, body: unknown = {}) =>
    fetch(`${base}/rpc/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify(body) });

  it('takes ?token= on GET /events only; /rpc and /openapi.json answer a typed 400 naming the query', async () => {
    for (const res of [
      await fetch(`${base}/rpc/app:info?token=${TOKEN}`, { method: 'POST' }),
      await fetch(`${base}/rpc/app:info?token=${TOKEN}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } }),
      await fetch(`${base}/openapi.json?token=${TOKEN}`),
    ]) {
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'invalid_input', message: expect.stringContaining('Authorization header'), issues: [{ path: ['query', 'token'], message: 'Use the Authorization header' }] } });
    }
    const abort = new AbortController();
    const events = await fetch(`${base}/events?token=${TOKEN}`, { signal: abort.signal });
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toBe('text/event-stream');
    abort.abort();
    // The printed address opens the page with the token in it: the page needs no token to load.
    const page = await fetch(`${base}/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Loomcast</title>');
    expect((await rpc('app:info', TOKEN)).status).toBe(200);
  });

  it('never lets a scoped token pass for the creator by saying so', async () => {
    const made = await rpc('apiTokens:create', TOKEN, {}, { name: 'Planner', scope: 'full' });
    const { secret } = (await made.json()) as { secret: string };
    for (const claim of ['user', 'User', ' user ', 'creator']) {
      const res = await rpc('posts:list', secret, { 'x-loomcast-actor': claim });
      expect(res.status, claim).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_input', issues: [{ path: ['headers', 'x-loomcast-actor'] }] } });
    }
    const res = await rpc('posts:create', secret, {}, { text: 'From a script', platforms: ['mastodon'], schedule: null });
    expect(res.status).toBe(200);
    expect(((await res.json()) as PostDto).createdBy).toEqual({ actor: 'script', client: null });
    expect((await rpc('settings:update', secret, { 'x-loomcast-actor': 'script' }, { agentPostsWaitInReview: false })).status).toBe(403);
  });

  it('answers 429 with Retry-After to an address after 4 different wrong tokens, until the window has passed', async () => {
    for (const wrong of ['guess-a-0123456789', 'guess-b-0123456789', 'guess-c-0123456789', 'guess-d-0123456789']) {
      expect((await rpc('app:info', wrong)).status).toBe(401);
    }
    now += 15_000;
    for (const res of [await rpc('app:info', TOKEN), await fetch(`${base}/events?token=${TOKEN}`), await fetch(`${base}/openapi.json`, { headers: { authorization: `Bearer ${TOKEN}` } })]) {
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('45');
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining('Too many wrong tokens') } });
    }
    now += 45_000;
    expect((await rpc('app:info', TOKEN)).status).toBe(200);
  });
});
