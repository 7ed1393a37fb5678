/**
 * The host's token check (electron/host/auth.ts) without a server: wrong tokens counted per client
 * address on an injected clock, `?token=` only where the route allows it, and the actor header
 * that can lower a caller's trust but never raise it.
 */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createHostAuth, type Caller } from '../../electron/host/auth';
import { clientKey, createAuthLimiter, isLoopback } from '../../electron/host/auth-limiter';
import type { ApiTokens } from '../../electron/core/features/api-tokens';

const APP = 'app-token-0123456789abcdef';
const SCOPED = { 'lct_full-token-0123456789': 'full', 'lct_drafts-token-0123456789': 'drafts', 'lct_read-token-0123456789': 'read' } as const;
const REVOKED = 'lct_revoked-token-0123456789';

const tokens = {
  verify: (s: string) => (s in SCOPED ? { id: `id-${s}`, name: s, scope: SCOPED[s as keyof typeof SCOPED] } : null),
  isRevoked: (s: string) => s === REVOKED,
  isActive: () => true,
} as unknown as ApiTokens;

const req = (headers: Record<string, string>, remoteAddress = '192.168.1.20') => ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;
const at = (path: string) => new URL(path, 'http://localhost');
const bearer = (token: string, more: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...more });

function setUp(limit = { maxFailures: 3, windowMs: 60_000 }) {
  let t = 1_000_000;
  const clock = { now: () => t, advance: (ms: number) => void (t += ms) };
  const auth = createHostAuth(APP, () => tokens, { ...limit, now: clock.now });
  return { auth, clock };
}
const refused = (c: Caller) => (c.ok ? null : { status: c.status, code: c.error.code, retryAfter: c.retryAfter });

describe('wrong tokens, counted per client address', () => {
  it('refuses an address with 429 and Retry-After after 3 different wrong tokens, the right one too, until the window has passed', () => {
    const { auth, clock } = setUp();
    for (const wrong of ['guess-1', 'guess-2', 'guess-3']) expect(refused(auth.check(req(bearer(wrong)), at('/rpc/app:info')))).toEqual({ status: 401, code: 'unauthorized', retryAfter: undefined });
    clock.advance(20_000);
    const locked = auth.check(req(bearer(APP)), at('/rpc/app:info'));
    expect(refused(locked)).toEqual({ status: 429, code: 'unauthorized', retryAfter: 40 });
    expect(!locked.ok && locked.error.message).toContain('Too many wrong tokens');
    expect(refused(auth.check(req(bearer('guess-4')), at('/events')))).toMatchObject({ status: 429 });
    // Another address is not held up, nor is loopback.
    expect(auth.check(req(bearer(APP), '192.168.1.21'), at('/rpc/app:info')).ok).toBe(true);
    expect(auth.check(req(bearer(APP), '127.0.0.1'), at('/rpc/app:info')).ok).toBe(true);
    clock.advance(39_999);
    expect(refused(auth.check(req(bearer(APP)), at('/rpc/app:info')))).toMatchObject({ status: 429, retryAfter: 1 });
    clock.advance(1);
    expect(auth.check(req(bearer(APP)), at('/rpc/app:info')).ok).toBe(true);
    // A new window: three new guesses are needed again.
    expect(refused(auth.check(req(bearer('guess-5')), at('/rpc/app:info')))).toMatchObject({ status: 401 });
    expect(auth.check(req(bearer(APP)), at('/rpc/app:info')).ok).toBe(true);
  });

  it('does not count the same wrong token twice, a missing token, a revoked one, or successes', () => {
    const { auth } = setUp();
    for (let i = 0; i < 20; i++) {
      expect(refused(auth.check(req(bearer('stale-tab-token')), at('/rpc/app:info')))).toMatchObject({ status: 401 });
      expect(refused(auth.check(req({}), at('/rpc/app:info')))).toMatchObject({ status: 401 });
      expect(refused(auth.check(req(bearer(REVOKED)), at('/rpc/app:info')))).toMatchObject({ status: 401 });
      expect(auth.check(req(bearer(APP)), at('/rpc/app:info')).ok).toBe(true);
    }
    // Successes did not wipe the count either: a scoped token cannot buy more guesses.
    expect(refused(auth.check(req(bearer('guess-2')), at('/rpc/app:info')))).toMatchObject({ status: 401 });
    expect(auth.check(req(bearer('lct_read-token-0123456789')), at('/rpc/posts:list')).ok).toBe(true);
    expect(refused(auth.check(req(bearer('guess-3')), at('/rpc/app:info')))).toMatchObject({ status: 401 });
    expect(refused(auth.check(req(bearer(APP)), at('/rpc/app:info')))).toMatchObject({ status: 429 });
  });

  it('counts an IPv4 address the same mapped into IPv6, and an IPv6 address by its /64', () => {
    expect(clientKey('::ffff:192.168.1.20')).toBe('192.168.1.20');
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe(clientKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee'));
    expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKey('::1')).toBe('::1');
    expect(clientKey(undefined)).toBe('unknown');

    let t = 0;
    const limiter = createAuthLimiter({ maxFailures: 2, windowMs: 1_000, now: () => t });
    limiter.failed('2001:db8:1:2::10', 'a');
    limiter.failed('2001:db8:1:2::11', 'b');
    expect(limiter.retryAfter('2001:db8:1:2::12')).toBe(1);
    t = 1_000;
    expect(limiter.retryAfter('2001:db8:1:2::12')).toBeNull();
  });

  it('never locks loopback out (the creator’s own page, CLI and agents; any web page can make the browser knock there)', () => {
    const { auth } = setUp();
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) {
      for (let i = 0; i < 10; i++) expect(refused(auth.check(req(bearer(`guess-${address}-${i}`), address), at('/events')))).toMatchObject({ status: 401 });
      expect(auth.check(req(bearer(APP), address), at('/rpc/app:info')).ok).toBe(true);
    }
    expect([isLoopback('127.0.0.1'), isLoopback('::1'), isLoopback('::ffff:127.1.2.3'), isLoopback('128.0.0.1'), isLoopback('::2'), isLoopback('::ffff:10.0.0.1'), isLoopback(undefined)]).toEqual([true, true, true, false, false, false, false]);
  });

  it('keeps at most maxClients addresses, forgetting the oldest', () => {
    const limiter = createAuthLimiter({ maxFailures: 1, windowMs: 60_000, maxClients: 2, now: () => 0 });
    for (const a of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) limiter.failed(a, 'x');
    expect([limiter.retryAfter('10.0.0.1'), limiter.retryAfter('10.0.0.2'), limiter.retryAfter('10.0.0.3')]).toEqual([null, 60, 60]);
  });
});

describe('?token= in the address', () => {
  it('is refused with a typed 400 on every route but the event stream, right token or not, with or without a header', () => {
    const { auth } = setUp();
    for (const [headers, path] of [
      [{}, `/rpc/app:info?token=${APP}`],
      [bearer(APP), `/rpc/app:info?token=${APP}`],
      [{}, `/openapi.json?token=${APP}`],
      [{}, '/rpc/app:info?token=wrong'],
    ] as const) {
      const c = auth.check(req(headers), at(path));
      expect(refused(c), path).toMatchObject({ status: 400, code: 'invalid_input' });
      expect(!c.ok && c.error.issues).toEqual([{ path: ['query', 'token'], message: 'Use the Authorization header' }]);
    }
    expect(auth.check(req({}), at(`/events?token=${APP}`), { queryToken: true }).ok).toBe(true);
    expect(auth.check(req(bearer(APP)), at('/rpc/app:info')).ok).toBe(true);
  });
});

describe('X-Loomcast-Actor lowers trust, never raises it', () => {
  const actorOf = (c: Caller) => (c.ok ? c.ctx.actor : `refused ${c.status}`);

  it('makes the app token an agent’s or a script’s when it says so, and the creator’s only without the header', () => {
    const { auth } = setUp();
    expect(actorOf(auth.check(req(bearer(APP)), at('/rpc/x')))).toBe('user');
    expect(actorOf(auth.check(req(bearer(APP, { 'x-loomcast-actor': 'agent' })), at('/rpc/x')))).toBe('agent');
    expect(actorOf(auth.check(req(bearer(APP, { 'x-loomcast-actor': ' Script ' })), at('/rpc/x')))).toBe('script');
  });

  it('never makes a scoped token the creator’s, whatever the header says; its scope stays its own', () => {
    const { auth } = setUp({ maxFailures: 1_000, windowMs: 60_000 });
    const claims = [undefined, 'agent', 'script', 'AGENT', 'user', 'User', ' user ', 'creator', 'app', 'admin', '', 'agent, user', 'user\u0000'];
    for (const secret of Object.keys(SCOPED)) {
      for (const claim of claims) {
        const c = auth.check(req(bearer(secret, claim === undefined ? {} : { 'x-loomcast-actor': claim })), at('/rpc/x'));
        const want = claim === undefined || claim.trim().toLowerCase() === 'script' ? 'script' : claim.trim().toLowerCase() === 'agent' ? 'agent' : 'refused 400';
        expect(actorOf(c), `${secret} as ${JSON.stringify(claim)}`).toBe(want);
        if (c.ok) expect({ scope: c.scope, tokenId: c.ctx.tokenId }).toEqual({ scope: SCOPED[secret as keyof typeof SCOPED], tokenId: `id-${secret}` });
      }
    }
    // Nor can it pass for the app's token to reach what only the app may call.
    const full = auth.check(req(bearer('lct_full-token-0123456789', { 'x-loomcast-actor': 'script' })), at('/rpc/apiTokens:create'));
    expect(full.ok && auth.refusal(full, 'apiTokens:create')).toMatchObject({ code: 'forbidden' });
  });
});
