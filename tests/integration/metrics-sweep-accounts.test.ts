/**
 * A sweep and its accounts: one account's trouble (a keychain that cannot be read, a rate limit)
 * stays that account's; the others are read, and what was read is announced.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { TargetMetricsStatusDto } from '../../shared/contract/features/metrics';
import { PlatformError } from '../../electron/core/platforms/types';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

const MIN = 60_000;
const HOUR = 60 * MIN;
// The fake clock starts at Mon 23 Nov 2026 09:00 UTC = 10:00 in Berlin.
const at = (time: string) => ({ date: '2026-11-23', time, zone: 'Europe/Berlin' });
const publishing = { autoStart: false as const, retry: { maxAttempts: 1, baseMs: MIN, capMs: MIN }, random: () => 0.5 };

describe('a metrics sweep across accounts', () => {
  let t: TestCore | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it('an account whose keychain cannot be read gets "failed" with the reason; the others are read, counted and announced', async () => {
    const base = memoryVault();
    const locked = new Set<string>();
    const vault = { ...base, get: async (id: string) => (locked.has(id) ? Promise.reject(new Error('keychain: item locked')) : base.get(id)) };
    const masto = scriptedClient('mastodon');
    const threads = scriptedClient('threads');
    masto.client.followers = async () => 10;
    masto.client.metrics = async () => ({ likes: 1, views: 5 });
    threads.client.followers = async () => 20;
    threads.client.metrics = async () => ({ likes: 3, views: 50 });
    t = await createTestCore({ vault, clients: { mastodon: masto.client, threads: threads.client }, publishing });
    const a = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@a', serverUrl: 'https://masto.invalid', credentials: { accessToken: 'ta' } });
    await t.core.services.accounts.add({ platform: 'threads', handle: '@b', credentials: { accessToken: 'tb' } });
    await t.core.services.scheduler.start();
    const postA = await call<PostDto>(t.core, 'posts:create', { text: 'A post', platforms: ['mastodon'], schedule: at('10:30') });
    const postB = await call<PostDto>(t.core, 'posts:create', { text: 'B post', platforms: ['threads'], schedule: at('10:30') });
    t.clock.advance(30 * MIN);
    await t.core.services.scheduler.wake();

    // After a restart, account A's keychain item cannot be read (the credentials were cached before).
    locked.add(a.id);
    t = await t.restart();
    const updated: string[][] = [];
    t.core.subscribe((event, payload) => {
      if (event === 'metrics:updated') updated.push((payload as { targetIds: string[] }).targetIds);
    });
    t.clock.advance(HOUR);
    const summary = await t.core.services.metrics.sweep();

    expect(summary.statuses).toEqual({ ok: 1, failed: 1 });
    expect(summary.followers).toBe(1);
    const [b] = await call<TargetMetricsStatusDto[]>(t.core, 'metrics:status', { postId: postB.id });
    expect(updated).toEqual([[b!.targetId]]);
    const [checkA] = await call<TargetMetricsStatusDto[]>(t.core, 'metrics:status', { postId: postA.id });
    expect(checkA).toMatchObject({ status: 'failed', statusDetail: expect.stringContaining('keychain: item locked') });
  });

  it('"Refresh now" waits for a rate-limited account’s hold: its other checks are asked only once the limit lifts', async () => {
    const script = scriptedClient('threads');
    const calls: number[] = [];
    let limitUntil = 0;
    script.client.metrics = async (ctx) => {
      calls.push(ctx.clock.now());
      if (limitUntil === 0) {
        limitUntil = ctx.clock.now() + HOUR;
        throw new PlatformError('Too many requests', undefined, 429, { retryAt: limitUntil });
      }
      return { likes: 1, views: 10 };
    };
    t = await createTestCore({ vault: memoryVault(), clients: { threads: script.client }, publishing });
    await t.core.services.accounts.add({ platform: 'threads', handle: '@me', credentials: { accessToken: 'token' } });
    await t.core.services.scheduler.start();
    await call<PostDto>(t.core, 'posts:create', { text: 'A', platforms: ['threads'], schedule: at('10:30') });
    const b = await call<PostDto>(t.core, 'posts:create', { text: 'B', platforms: ['threads'], schedule: at('11:00') });
    for (let i = 0; i < 2; i++) {
      t.clock.advance(30 * MIN);
      await t.core.services.scheduler.wake();
    }
    // 11:30: A's +1 h look meets the limit (until 12:30); B, due at 12:00, is held with it.
    t.clock.advance(30 * MIN);
    expect((await t.core.services.metrics.sweep()).statuses).toEqual({ rate_limited: 1 });

    t.clock.advance(5 * MIN);
    await call(t.core, 'metrics:refresh', { postIds: [b.id] });
    expect((await t.core.services.metrics.sweep()).looked).toBe(0);
    expect(calls).toHaveLength(1);

    // Once the limit lifts, both are looked at, B's refresh with them.
    t.clock.advance(HOUR);
    expect((await t.core.services.metrics.sweep()).statuses).toEqual({ ok: 2 });
    expect(calls.filter((c) => c < limitUntil)).toHaveLength(1);
  });
});
