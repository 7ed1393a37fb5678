import { describe, expect, it } from 'vitest';
import { startLoopback } from '../../electron/core/accounts/oauth-loopback';
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
