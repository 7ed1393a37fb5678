import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { AlertItemDto, AlertRulesDto } from '../../shared/contract/features/alerts';
import { NOTIFICATION_KINDS, type NotificationSwitchesDto } from '../../shared/contract/features/desktop';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

const MIN = 60_000;
// The fake clock starts at Mon 23 Nov 2026 09:00 UTC = 10:00 in Berlin.
const at = (time: string) => ({ date: '2026-11-23', time, zone: 'Europe/Berlin' });

describe('per-kind desktop notification switches on a real core', () => {
  let t: TestCore;
  let script: ReturnType<typeof scriptedClient>;

  async function setup() {
    script = scriptedClient('threads');
    t = await createTestCore({ vault: memoryVault(), clients: { threads: script.client }, publishing: { autoStart: false, retry: { maxAttempts: 1, baseMs: MIN, capMs: MIN }, random: () => 0.5 } });
    await t.core.services.accounts.add({ platform: 'threads', handle: '@me', credentials: { accessToken: 'token' } });
    await t.core.services.scheduler.start();
  }
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    await t.core.services.scheduler.wake();
  };
  afterEach(async () => {
    await t?.close();
  });

  it('every kind starts switched on, and a change to some kinds keeps the others and survives a restart', async () => {
    await setup();
    const initial = await call<NotificationSwitchesDto>(t.core, 'notifications:switches');
    expect(Object.keys(initial).sort()).toEqual([...NOTIFICATION_KINDS].sort());
    expect(Object.values(initial).every((on) => on)).toBe(true);

    const saved = await call<NotificationSwitchesDto>(t.core, 'notifications:setSwitches', { zero_views: false, still_running: false });
    expect(saved).toMatchObject({ zero_views: false, still_running: false, post_failed: true, backlog: true });
    t = await t.restart();
    expect(await call<NotificationSwitchesDto>(t.core, 'notifications:switches')).toEqual(saved);
  });

  it('refuses a kind it does not know and a value that is not on or off, and changes nothing', async () => {
    await setup();
    await expect(call(t.core, 'notifications:setSwitches', { post_exploded: false })).rejects.toThrow(/invalid_input/);
    await expect(call(t.core, 'notifications:setSwitches', { post_failed: 'no' })).rejects.toThrow(/invalid_input/);
    expect((await call<NotificationSwitchesDto>(t.core, 'notifications:switches')).post_failed).toBe(true);
  });

  it('a failed post with its kind switched off is kept in the alerts list but not notified; switched back on, the next one is', async () => {
    await setup();
    await call(t.core, 'notifications:setSwitches', { post_failed: false });
    script.onPublish({ kind: 'failed', reason: 'The text was refused.' }, { kind: 'failed', reason: 'Still refused.' });
    const first = await call<PostDto>(t.core, 'posts:create', { text: 'One', platforms: ['threads'], schedule: at('10:30') });
    await advance(31 * MIN);

    const list = await call<AlertItemDto[]>(t.core, 'alerts:list');
    expect(list.map((a) => [a.kind, a.subject])).toContainEqual(['post_failed', { kind: 'post', id: first.id }]);
    expect(t.notifications.filter((n) => n.kind === 'post_failed')).toEqual([]);

    await call(t.core, 'notifications:setSwitches', { post_failed: true });
    const second = await call<PostDto>(t.core, 'posts:create', { text: 'Two', platforms: ['threads'], schedule: at('11:30') });
    await advance(60 * MIN);
    expect(t.notifications.filter((n) => n.kind === 'post_failed').map((n) => [n.subject, n.urgency])).toEqual([[{ kind: 'post', id: second.id }, 'critical']]);
  });

  it('a queue backed up with its notice off still opens its alert; other kinds keep notifying', async () => {
    await setup();
    await call(t.core, 'settings:update', { autoApproveOwnPosts: false });
    const rules = await call<AlertRulesDto>(t.core, 'alerts:rules');
    rules.backlog.count = 1;
    await call(t.core, 'alerts:setRules', rules);
    await call(t.core, 'notifications:setSwitches', { backlog: false });
    for (const text of ['a', 'b']) await call(t.core, 'posts:create', { text, platforms: ['threads'], schedule: at('18:00') });
    await call(t.core, 'alerts:check');
    expect((await call<AlertItemDto[]>(t.core, 'alerts:list')).filter((a) => a.kind === 'backlog' && a.state === 'open')).toHaveLength(1);
    expect(t.notifications.filter((n) => n.kind === 'backlog')).toEqual([]);

    // The shells' own notices go through the same switches (the tray's "still running").
    t.core.services.notifier.notify({ kind: 'still_running', title: 'Loomcast is still running', body: 'Scheduled posts keep publishing.' });
    await call(t.core, 'notifications:setSwitches', { still_running: false });
    t.core.services.notifier.notify({ kind: 'still_running', title: 'Loomcast is still running', body: 'Scheduled posts keep publishing.' });
    expect(t.notifications.filter((n) => n.kind === 'still_running')).toHaveLength(1);
  });
});
