import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPkce, createState, PKCE_VERIFIER, sameState, startLoopback } from '../../electron/core/accounts/oauth-loopback';
import { FakeClock } from '../support/clock';

describe('the OAuth loopback redirect', () => {
  it('gives up on the sign-in when the injected clock passes the timeout, not the wall clock', async () => {
    const clock = new FakeClock();
    const loop = await startLoopback({ state: 's', timeoutMs: 10 * 60_000, clock });
    let outcome: string | null = null;
    loop.result.then(
      () => (outcome = 'code'),
      (e: Error) => (outcome = e.message),
    );
    clock.advance(10 * 60_000 - 1);
    await Promise.resolve();
    expect(outcome).toBeNull();
    clock.advance(1);
    await expect(loop.result).rejects.toThrow(/within 10 minutes/);
    loop.finish(false, 'Timed out.');
  });

  it('answers the browser with the outcome and then stops listening, without waiting on a timer', async () => {
    const clock = new FakeClock();
    const loop = await startLoopback({ state: 'abc', timeoutMs: 60_000, clock });
    const page = fetch(`${loop.redirectUri}?code=the-code&state=abc`);
    await expect(loop.result).resolves.toEqual({ code: 'the-code' });
    loop.finish(true, '@me is connected.');
    const res = await page;
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('@me is connected. You can close this tab.');
    await expect(fetch(loop.redirectUri)).rejects.toThrow();
  });

  it('refuses a redirect whose state is not the one it sent', async () => {
    const loop = await startLoopback({ state: 'abc', timeoutMs: 60_000, clock: new FakeClock() });
    const res = await fetch(`${loop.redirectUri}?code=x&state=forged`);
    expect(res.status).toBe(400);
    loop.close();
  });
});

describe('the OAuth state and PKCE', () => {
  it('makes an S256 verifier of 43 unreserved characters and its SHA-256 challenge, fresh every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const { verifier, challenge } = createPkce('base64url');
      expect(verifier).toMatch(PKCE_VERIFIER);
      expect(verifier).toHaveLength(43);
      expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
      expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(seen.has(verifier)).toBe(false);
      seen.add(verifier);
    }
    const tiktok = createPkce('hex');
    expect(tiktok.verifier).toMatch(PKCE_VERIFIER);
    expect(tiktok.challenge).toMatch(/^[0-9a-f]{64}$/);
  });

  it('makes a 256-bit state that is different for every flow', () => {
    const states = new Set(Array.from({ length: 50 }, () => createState()));
    expect(states.size).toBe(50);
    for (const s of states) expect(s).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    ['abc', 'abc', true],
    ['abd', 'abc', false],
    ['ab', 'abc', false],
    ['abcd', 'abc', false],
    ['ABC', 'abc', false],
    ['', 'abc', false],
    [null, 'abc', false],
  ])('compares state %j with %j in constant time → %s', (received, expected, same) => {
    expect(sameState(received, expected)).toBe(same);
  });
});

describe('what the loopback refuses', () => {
  const get = (uri: string, query: Record<string, string>) => fetch(`${uri}?${new URLSearchParams(query)}`);

  it('refuses a missing or wrong state with a typed reason and keeps waiting for the real redirect', async () => {
    const refused: string[] = [];
    const loop = await startLoopback({ state: 'the-state', timeoutMs: 60_000, clock: new FakeClock(), onRefused: (e) => refused.push(e.code) });
    let settled = false;
    loop.result.then(
      () => (settled = true),
      () => (settled = true),
    );
    expect((await get(loop.redirectUri, { code: 'stolen' })).status).toBe(400);
    expect((await get(loop.redirectUri, { code: 'stolen', state: '' })).status).toBe(400);
    expect((await get(loop.redirectUri, { code: 'stolen', state: 'the-stat' })).status).toBe(400);
    expect((await get(loop.redirectUri, { code: 'stolen', state: 'the-state-and-more' })).status).toBe(400);
    expect(refused).toEqual(['state_missing', 'state_missing', 'state_mismatch', 'state_mismatch']);
    expect(settled).toBe(false);

    const page = get(loop.redirectUri, { code: 'the-code', state: 'the-state' });
    await expect(loop.result).resolves.toEqual({ code: 'the-code' });
    loop.finish(true, '@ada is connected.');
    expect((await page).status).toBe(200);
  });

  it('takes a state once: the same redirect again is refused as a replay, not a second code', async () => {
    const refused: string[] = [];
    const loop = await startLoopback({ state: 's1', timeoutMs: 60_000, clock: new FakeClock(), onRefused: (e) => refused.push(e.code) });
    const first = get(loop.redirectUri, { code: 'c1', state: 's1' });
    await expect(loop.result).resolves.toEqual({ code: 'c1' });
    const again = await get(loop.redirectUri, { code: 'c2', state: 's1' });
    expect(again.status).toBe(409);
    expect(refused).toEqual(['replayed']);
    await expect(loop.result).resolves.toEqual({ code: 'c1' });
    loop.finish(true, 'Connected.');
    expect((await first).status).toBe(200);
  });

  it('ends the flow with code_missing when the right state comes back without a code', async () => {
    const loop = await startLoopback({ state: 's2', timeoutMs: 60_000, clock: new FakeClock() });
    expect((await get(loop.redirectUri, { state: 's2' })).status).toBe(400);
    await expect(loop.result).rejects.toMatchObject({ name: 'LoopbackError', code: 'code_missing' });
    loop.finish(false, 'Not connected.');
  });

  it('names a declined consent and any other platform error by their codes', async () => {
    const declined = await startLoopback({ state: 's3', timeoutMs: 60_000, clock: new FakeClock() });
    await get(declined.redirectUri, { error: 'access_denied', state: 's3' });
    await expect(declined.result).rejects.toMatchObject({ code: 'access_denied' });
    declined.finish(false, 'Not connected.');
    const refused = await startLoopback({ state: 's4', timeoutMs: 60_000, clock: new FakeClock() });
    await get(refused.redirectUri, { error: 'invalid_scope', state: 's4' });
    await expect(refused.result).rejects.toMatchObject({ code: 'platform_error' });
    refused.finish(false, 'Not connected.');
  });

  it('refuses even the right state once the flow has timed out', async () => {
    const clock = new FakeClock();
    const refused: string[] = [];
    const loop = await startLoopback({ state: 's5', timeoutMs: 60_000, clock, onRefused: (e) => refused.push(e.code) });
    clock.advance(60_000);
    await expect(loop.result).rejects.toMatchObject({ code: 'timed_out' });
    expect((await get(loop.redirectUri, { code: 'late', state: 's5' })).status).toBe(410);
    expect(refused).toEqual(['expired']);
    loop.finish(false, 'Timed out.');
  });
});
