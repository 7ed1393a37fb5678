import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { Logger } from '../../electron/core/deps';
import { createScheduler, WATCHDOG_MAX_MS } from '../../electron/core/publishing/scheduler';
import type { Publisher } from '../../electron/core/publishing/publisher';
import type { PublishQueue } from '../../electron/core/publishing/publish-queue';
import { FakeClock } from '../support/clock';
import { call, createTestCore, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC = 10:00 in Berlin.
const at = (time: string) => ({ date: '2026-11-23', time, zone: 'Europe/Berlin' });
const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * Lets the scheduler finish a round it started by itself, without waking it (a wake would do
 * the watchdog's job for it). Everything it awaits here is in-process: a few turns suffice.
 */
async function letItRun(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe("the scheduler's watchdog after the machine slept", () => {
  let t: TestCore;
  let script: ReturnType<typeof scriptedClient>;

  async function setup(policy: { missedAction: 'hold' | 'publish'; missedGraceMinutes: number }) {
    script = scriptedClient('mastodon');
    t = await createTestCore({ clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5 } });
    await call(t.core, 'settings:update', policy);
    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'token-1' } });
    await t.core.services.scheduler.start();
  }
  const schedule = (time: string, text: string) => call<PostDto>(t.core, 'posts:create', { text, platforms: ['mastodon'], schedule: at(time) });
  const state = async (id: string) => (await call<PostDto>(t.core, 'posts:get', { id })).targets[0]!.state;

  afterEach(async () => {
    await t?.close();
  });

  it('notices a 3-hour sleep within 30 s of waking, holds what is past the grace period and sends the rest', async () => {
    await setup({ missedAction: 'hold', missedGraceMinutes: 120 });
    const long = await schedule('10:30', 'Due 2.5 hours before the wake');
    const recent = await schedule('12:45', 'Due 15 minutes before the wake');
    const later = await schedule('14:00', 'Due after the wake');

    t.clock.sleep(3 * HOUR); // 10:00 → 13:00 in Berlin; no timer fired meanwhile
    await letItRun();
    expect(script.published()).toHaveLength(0);
    expect(await state(long.id)).toBe('scheduled');

    // No resume event (some Linux desktops never send one): only the watchdog looks.
    t.clock.advance(WATCHDOG_MAX_MS);
    await letItRun();
    expect(await state(long.id)).toBe('missed');
    expect(await state(recent.id)).toBe('published');
    expect(await state(later.id)).toBe('scheduled');
    expect(script.published().map((c) => c.req!.text)).toEqual(['Due 15 minutes before the wake']);
    expect(t.notifications.map((n) => n.title)).toContain('A Mastodon post was missed');

    // The timer for the post still to come was re-planned from the wall clock.
    t.clock.advance(HOUR - WATCHDOG_MAX_MS);
    await letItRun();
    expect(await state(later.id)).toBe('published');
  });

  it('sends every post that fell due during the sleep when the policy says publish late', async () => {
    await setup({ missedAction: 'publish', missedGraceMinutes: 120 });
    const long = await schedule('10:30', 'Due 2.5 hours before the wake');
    const recent = await schedule('12:45', 'Due 15 minutes before the wake');
    t.clock.sleep(3 * HOUR);
    t.clock.advance(WATCHDOG_MAX_MS);
    await letItRun();
    expect(await state(long.id)).toBe('published');
    expect(await state(recent.id)).toBe('published');
  });

  it('looks at the wall clock at least every 30 s, even when asked to wait longer', async () => {
    const clock = new FakeClock();
    const silent: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
    let looks = 0;
    const queue = {
      nextWake: () => null,
      inFlight: () => [],
      unfinishedChains: () => [],
      unboundDue: () => [],
      reconcileDueFor: () => [],
      dueFor: () => [],
      accountsWithWork: () => {
        looks++;
        return [];
      },
    } as unknown as PublishQueue;
    const scheduler = createScheduler({ queue, publisher: {} as Publisher, clock, log: silent, watchdogMs: 5 * MIN });
    await scheduler.start();
    const before = looks;
    clock.sleep(HOUR);
    clock.advance(WATCHDOG_MAX_MS);
    await letItRun();
    expect(looks).toBe(before + 1);
    await scheduler.stop();
  });
});
