/**
 * The account rules on a real core: "token expiring" and "numbers aren't coming in" stay one
 * open alert, notified once, for as long as their condition holds, whatever the keychain or a
 * platform's rate limit does meanwhile.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { AlertItemDto } from '../../shared/contract/features/alerts';
import { PlatformError } from '../../electron/core/platforms/types';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// The fake clock starts at Mon 23 Nov 2026 09:00 UTC = 10:00 in Berlin.
const at = (time: string) => ({ date: '2026-11-23', time, zone: 'Europe/Berlin' });

describe('account alert rules', () => {
  let t: TestCore | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  const alertsOf = async (kind: string) => (await call<AlertItemDto[]>(t!.core, 'alerts:list')).filter((a) => a.kind === kind);
  const notified = (kind: string) => t!.notifications.filter((n) => n.kind === kind).length;

  it('token expiring: a keychain that cannot be read keeps the open alert open, and it is not notified again once it answers', async () => {
    const base = memoryVault();
    let locked = false;
    const vault = { ...base, get: async (id: string) => (locked ? Promise.reject(new Error('keychain locked')) : base.get(id)) };
    t = await createTestCore({ vault, clients: { linkedin: scriptedClient('linkedin').client } });
    await t.core.services.accounts.add({ platform: 'linkedin', handle: 'ada', credentials: { accessToken: 'tok', expiresAt: t.clock.now() + 3 * DAY } });
    await call(t.core, 'alerts:check');
    expect((await alertsOf('token_expiring')).map((a) => a.state)).toEqual(['open']);
    expect(notified('token_expiring')).toBe(1);

    // A start before the keychain is unlocked: nothing can be said about the sign-in.
    locked = true;
    t = await t.restart();
    await call(t.core, 'alerts:check');
    expect((await alertsOf('token_expiring')).map((a) => a.state)).toEqual(['open']);

    locked = false;
    t.clock.advance(5 * MIN + 1);
    await call(t.core, 'alerts:check');
    const after = await alertsOf('token_expiring');
    expect(after.map((a) => a.state)).toEqual(['open']);
    expect(after[0]!.occurrences).toBe(2);
    expect(notified('token_expiring')).toBe(0);
  });

  describe('numbers aren’t coming in', () => {
    type Mode = 'fail' | 'limit' | 'ok';
    let mode: Mode;
    let requests: number;

    /** One Threads account with three posts out at 10:30–10:32, read in one batch per look. */
    async function setup() {
      mode = 'fail';
      requests = 0;
      const script = scriptedClient('threads');
      script.client.metricsBatch = {
        max: 25,
        read: async (ctx, ids) => {
          requests++;
          if (mode === 'limit') throw new PlatformError('slow down', undefined, 429, { retryAt: ctx.clock.now() + 10 * MIN });
          if (mode === 'fail') throw new PlatformError('Threads answered 500', undefined, 500);
          return new Map(ids.map((id) => [id, { likes: 1, views: 10 }]));
        },
      };
      t = await createTestCore({ vault: memoryVault(), clients: { threads: script.client }, publishing: { autoStart: false, retry: { maxAttempts: 1, baseMs: MIN, capMs: MIN }, random: () => 0.5 } });
      await t.core.services.accounts.add({ platform: 'threads', handle: '@me', credentials: { accessToken: 'token' } });
      await t.core.services.scheduler.start();
      for (const time of ['10:30', '10:31', '10:32']) await call<PostDto>(t.core, 'posts:create', { text: `p ${time}`, platforms: ['threads'], schedule: at(time) });
      t.clock.advance(33 * MIN);
      await t.core.services.scheduler.wake();
    }

    /** One look at the account ("Refresh now" and a sweep), a minute after the one before. */
    const look = async (as: Mode) => {
      mode = as;
      t!.clock.advance(MIN);
      await call(t!.core, 'metrics:refresh', {});
      await t!.core.services.metrics.sweep();
      await call(t!.core, 'alerts:check');
    };

    it('one failed request for three posts is one failed look, not three; three failed looks open the alert', async () => {
      await setup();
      await look('fail');
      expect(requests).toBe(1);
      expect(await alertsOf('metrics_failing')).toEqual([]);

      await look('fail');
      expect(await alertsOf('metrics_failing')).toEqual([]);
      await look('fail');
      expect(requests).toBe(3);
      expect((await alertsOf('metrics_failing')).map((a) => a.state)).toEqual(['open']);
      expect(notified('metrics_failing')).toBe(1);
    });

    it('a rate-limited look between failures neither resolves the alert nor lets it be notified again; numbers coming in do', async () => {
      await setup();
      for (let i = 0; i < 3; i++) await look('fail');
      expect((await alertsOf('metrics_failing')).map((a) => a.state)).toEqual(['open']);

      await look('limit');
      expect((await alertsOf('metrics_failing')).map((a) => a.state)).toEqual(['open']);

      // After the limit lifts, still nothing comes in: the same alert, noticed once.
      t!.clock.advance(10 * MIN);
      await look('fail');
      expect((await alertsOf('metrics_failing')).map((a) => a.state)).toEqual(['open']);
      expect(notified('metrics_failing')).toBe(1);

      await look('ok');
      expect((await alertsOf('metrics_failing')).map((a) => a.state)).toEqual(['resolved']);
    });
  });
});
