import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PublishingStatusDto } from '../../shared/contract/features/publishing';
import { dateFormat } from '../../shared/domain/datetime-format';
import { TOOLTIP_MAX, trayState, type TrayMenuItem } from '../../electron/main/tray-model';
import { firstHideNotice } from '../../electron/main/tray-notice';
import type { Notification } from '../../electron/core/deps';

const gb = dateFormat({ locale: 'en-GB', timeFormat: 'h23' });
const us = dateFormat({ locale: 'en-US', timeFormat: 'h12' });
// A Monday in winter (no DST change near it) at 14:30 in Berlin; the model never reads the clock.
const AT = '2026-12-07T13:30:00.000Z';

const status = (over: Partial<PublishingStatusDto> = {}): PublishingStatusDto => ({
  paused: false,
  pausedAt: null,
  next: {
    postId: 'post-1',
    at: AT,
    excerpt: 'Our spring collection is here',
    accounts: [
      { id: 'a1', platform: 'x', handle: '@shop' },
      { id: 'a2', platform: 'mastodon', handle: '@shop@example.social' },
      { id: 'a3', platform: 'x', handle: '@shop_eu' },
    ],
  },
  blocked: [],
  queued: 12,
  attention: { failed: 0, missed: 0, unconfirmed: 0, unreadAlerts: 0, total: 0 },
  ...over,
});
const needing = (total: number) => ({ failed: total, missed: 0, unconfirmed: 0, unreadAlerts: 0, total });

const labels = (menu: TrayMenuItem[]) => menu.map((i) => (i.type === 'separator' ? '---' : i.label));
const item = (menu: TrayMenuItem[], action: string) => menu.find((i) => i.type === 'normal' && i.action === action) as Extract<TrayMenuItem, { type: 'normal' }> | undefined;

describe('the tray state model', () => {
  it('shows publishing with the next post and the queue', () => {
    const s = trayState({ status: status(), zone: 'Europe/Berlin', format: gb });
    expect(s.variant).toBe('publishing');
    expect(s.tooltip).toBe('Loomcast: publishing on\nNext post Mon 7 Dec, 14:30 to X and Mastodon\n12 post copies queued');
    expect(labels(s.menu)).toEqual([
      'Publishing on',
      'Next: Mon 7 Dec, 14:30 to X and Mastodon',
      '“Our spring collection is here”',
      '12 copies queued',
      '---',
      'Open Loomcast',
      'New post',
      '---',
      'Pause publishing',
      'Publish next post now',
      '---',
      'Quit Loomcast',
    ]);
    expect(s.nextPostId).toBe('post-1');
    // The lines that only inform can't be clicked; every action can.
    for (const i of s.menu) if (i.type === 'normal') expect(i.enabled).toBe(i.action !== undefined);
  });

  it("writes the time in the creator's zone and format", () => {
    const s = trayState({ status: status(), zone: 'America/New_York', format: us });
    expect(s.tooltip).toContain('Next post Mon, Dec 7, 8:30 AM to X and Mastodon');
  });

  it('shows paused with Resume, and keeps Publish next post now off with the reason', () => {
    const s = trayState({ status: status({ paused: true, pausedAt: AT, attention: needing(2) }), zone: 'Europe/Berlin', format: gb });
    expect(s.variant).toBe('paused');
    expect(s.tooltip.split('\n')[0]).toBe('Loomcast: publishing paused · 2 need attention');
    expect(item(s.menu, 'resume')).toMatchObject({ label: 'Resume publishing', enabled: true });
    expect(item(s.menu, 'pause')).toBeUndefined();
    expect(item(s.menu, 'publishNext')).toMatchObject({ label: 'Publish next post now (publishing is paused)', enabled: false, toolTip: 'Publishing is paused' });
  });

  it('shows what needs attention on the icon, in the tooltip and in the menu', () => {
    const s = trayState({ status: status({ attention: needing(1) }), zone: 'Europe/Berlin', format: gb });
    expect(s.variant).toBe('attention');
    expect(s.tooltip.split('\n')[0]).toBe('Loomcast: publishing on · 1 needs attention');
    expect(labels(s.menu)).toContain('12 copies queued · 1 needs attention');
  });

  it('disables Publish next post now when nothing is scheduled, and says so', () => {
    const s = trayState({ status: status({ next: null, queued: 0 }), zone: 'Europe/Berlin', format: gb });
    expect(s.tooltip).toBe('Loomcast: publishing on\nNo post scheduled\n0 post copies queued');
    expect(labels(s.menu).slice(0, 3)).toEqual(['Publishing on', 'No post scheduled', '0 copies queued']);
    expect(item(s.menu, 'publishNext')).toMatchObject({ label: 'Publish next post now (nothing is scheduled)', enabled: false, toolTip: 'Nothing is scheduled' });
    expect(s.nextPostId).toBeNull();
  });

  it('offers only Open, New post and Quit until the core answers', () => {
    const s = trayState({ status: null, zone: 'UTC', format: gb });
    expect(s.variant).toBe('publishing');
    expect(s.tooltip).toBe('Loomcast');
    expect(s.menu.filter((i) => i.type === 'normal' && i.enabled).map((i) => (i as { action: string }).action)).toEqual(['open', 'newPost', 'quit']);
    expect(item(s.menu, 'publishNext')).toMatchObject({ enabled: false, toolTip: 'Loomcast is still starting' });
  });

  it('keeps the tooltip within what Windows shows, and long first words short in the menu', () => {
    const long = 'word '.repeat(40).trim();
    const s = trayState({ status: status({ next: { ...status().next!, excerpt: long, accounts: [{ id: 'a', platform: 'linkedin', handle: 'me' }, { id: 'b', platform: 'instagram', handle: 'me' }, { id: 'c', platform: 'pinterest', handle: 'me' }, { id: 'd', platform: 'bluesky', handle: 'me' }, { id: 'e', platform: 'youtube', handle: 'me' }] }, attention: needing(120), queued: 1 }), zone: 'Europe/Berlin', format: gb });
    expect(s.tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
    for (const label of labels(s.menu)) expect(label.length).toBeLessThanOrEqual(60);
    expect(labels(s.menu)).toContain('1 copy queued · 120 need attention');
  });
});

describe('the notice when closing the window hides it to the tray', () => {
  it('is shown the first time ever, and not after a restart', () => {
    const stored = new Map<string, unknown>();
    const store = {
      get: ((key: string) => stored.get(key) ?? false) as never,
      set: ((key: string, value: unknown) => stored.set(key, value)) as never,
    };
    const shown: Notification[] = [];
    const notifier = { notify: (n: Notification) => void shown.push(n) };
    firstHideNotice(store, notifier)();
    firstHideNotice(store, notifier)(); // a second launch, same settings
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ title: 'Loomcast is still running' });
    expect(stored.get('shell.trayNoticeShown')).toBe(true);
  });
});

describe('the tray icons', () => {
  it('exist for every state in every file electron/main/paths.ts picks (macOS template, Linux @2x, Windows)', () => {
    const dir = join(__dirname, '../../resources');
    for (const state of ['', 'Paused', 'Attention']) {
      for (const suffix of ['.png', '@2x.png', 'Template.png', 'Template@2x.png']) {
        const file = join(dir, `tray${state}${suffix}`);
        expect(existsSync(file), file).toBe(true);
        // A PNG of 16 or 32 px, as the OS trays want.
        const head = readFileSync(file);
        expect(head.subarray(1, 4).toString('ascii')).toBe('PNG');
        expect(head.readUInt32BE(16)).toBe(suffix.includes('@2x') ? 32 : 16);
      }
    }
  });
});
