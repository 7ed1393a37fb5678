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
/** One account that can post, as in every case below but the ones about accounts. */
const ok = [{ status: 'connected' as const }];
const needing = (total: number) => ({ failed: total, missed: 0, unconfirmed: 0, unreadAlerts: 0, total });

const labels = (menu: TrayMenuItem[]) => menu.map((i) => (i.type === 'separator' ? '---' : i.label));
const item = (menu: TrayMenuItem[], action: string) => menu.find((i) => i.type === 'normal' && i.action === action) as Extract<TrayMenuItem, { type: 'normal' }> | undefined;

describe('the tray state model', () => {
  it('shows publishing with the next post and the queue', () => {
    const s = trayState({ accounts: ok, status: status(), zone: 'Europe/Berlin', format: gb });
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
    const s = trayState({ accounts: ok, status: status(), zone: 'America/New_York', format: us });
    expect(s.tooltip).toContain('Next post Mon, Dec 7, 8:30 AM to X and Mastodon');
  });

  it('shows paused with Resume, and keeps Publish next post now off with the reason', () => {
    const s = trayState({ accounts: ok, status: status({ paused: true, pausedAt: AT, attention: needing(2) }), zone: 'Europe/Berlin', format: gb });
    expect(s.variant).toBe('paused');
    expect(s.tooltip.split('\n')[0]).toBe('Loomcast: publishing paused · 2 need attention');
    expect(item(s.menu, 'resume')).toMatchObject({ label: 'Resume publishing', enabled: true });
    expect(item(s.menu, 'pause')).toBeUndefined();
    expect(item(s.menu, 'publishNext')).toMatchObject({ label: 'Publish next post now (publishing is paused)', enabled: false, toolTip: 'Publishing is paused' });
  });

  it('shows what needs attention on the icon, in the tooltip and in the menu', () => {
    const s = trayState({ accounts: ok, status: status({ attention: needing(1) }), zone: 'Europe/Berlin', format: gb });
    expect(s.variant).toBe('attention');
    expect(s.tooltip.split('\n')[0]).toBe('Loomcast: publishing on · 1 needs attention');
    expect(labels(s.menu)).toContain('12 copies queued · 1 needs attention');
  });

  it('disables Publish next post now when nothing is scheduled, and says so', () => {
    const s = trayState({ accounts: ok, status: status({ next: null, queued: 0 }), zone: 'Europe/Berlin', format: gb });
    expect(s.tooltip).toBe('Loomcast: publishing on\nNo post scheduled\n0 post copies queued');
    expect(labels(s.menu).slice(0, 3)).toEqual(['Publishing on', 'No post scheduled', '0 copies queued']);
    expect(item(s.menu, 'publishNext')).toMatchObject({ label: 'Publish next post now (nothing is scheduled)', enabled: false, toolTip: 'Nothing is scheduled' });
    expect(s.nextPostId).toBeNull();
  });

  it('offers only Open, New post and Quit until the core answers', () => {
    const s = trayState({ accounts: ok, status: null, zone: 'UTC', format: gb });
    expect(s.variant).toBe('publishing');
    expect(s.tooltip).toBe('Loomcast');
    expect(s.menu.filter((i) => i.type === 'normal' && i.enabled).map((i) => (i as { action: string }).action)).toEqual(['open', 'newPost', 'quit']);
    expect(item(s.menu, 'publishNext')).toMatchObject({ enabled: false, toolTip: 'Loomcast is still starting' });
  });

  it('keeps the tooltip within what Windows shows, and long first words short in the menu', () => {
    const long = 'word '.repeat(40).trim();
    const s = trayState({ accounts: ok, status: status({ next: { ...status().next!, excerpt: long, accounts: [{ id: 'a', platform: 'linkedin', handle: 'me' }, { id: 'b', platform: 'instagram', handle: 'me' }, { id: 'c', platform: 'pinterest', handle: 'me' }, { id: 'd', platform: 'bluesky', handle: 'me' }, { id: 'e', platform: 'youtube', handle: 'me' }] }, attention: needing(120), queued: 1 }), zone: 'Europe/Berlin', format: gb });
    expect(s.tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
    for (const label of labels(s.menu)) expect(label.length).toBeLessThanOrEqual(60);
    expect(labels(s.menu)).toContain('1 copy queued · 120 need attention');
  });
});

describe('the tray when posts cannot go out', () => {
  // As the core gives it with no account able to post: no next post, the scheduled ones held.
  const held = (over: Partial<PublishingStatusDto> = {}) => status({ next: null, queued: 3, ...over });

  it('with no account connected: says so, reads as needing the creator, offers Connect an account… instead of Pause', () => {
    const s = trayState({ accounts: [], status: held({ blocked: [{ platform: 'mastodon', reason: 'no_account', posts: 3 }] }), zone: 'Europe/Berlin', format: gb });
    expect(s.variant).toBe('attention');
    expect(s.tooltip).toBe('Loomcast: no accounts connected\nScheduled posts go out once you connect one\n3 post copies queued');
    expect(s.tooltip).not.toMatch(/next post|publishing on/i);
    expect(labels(s.menu).slice(0, 2)).toEqual(['No accounts connected', '3 copies queued']);
    expect(item(s.menu, 'pause')).toBeUndefined();
    expect(item(s.menu, 'accounts')).toMatchObject({ label: 'Connect an account…', enabled: true, toolTip: expect.stringContaining('Open Accounts') });
    expect(item(s.menu, 'publishNext')).toMatchObject({ enabled: false, toolTip: 'No account can post' });
  });

  it('with every account to reconnect: names the held posts briefly and offers Reconnect…, even with nothing scheduled', () => {
    const s = trayState({ accounts: [{ status: 'needs_reconnect' }], status: held({ blocked: [{ platform: 'mastodon', reason: 'needs_reconnect', posts: 2 }] }), zone: 'Europe/Berlin', format: gb });
    expect(s.variant).toBe('attention');
    expect(s.tooltip).toBe('Loomcast: no account can post\n2 Mastodon posts can’t go out: account needs reconnecting\n3 post copies queued');
    expect(labels(s.menu)).toContain('2 Mastodon posts can’t go out: account needs reconnecting');
    expect(item(s.menu, 'pause')).toBeUndefined();
    expect(item(s.menu, 'accounts')).toMatchObject({ label: 'Reconnect…', enabled: true });

    const empty = trayState({ accounts: [{ status: 'disconnected' }], status: held({ queued: 0 }), zone: 'Europe/Berlin', format: gb });
    expect(empty.variant).toBe('attention');
    expect(item(empty.menu, 'accounts')).toMatchObject({ label: 'Reconnect…' });
  });

  it('with some posts held and others able to go out: publishing on, the next post, the held ones in a line, Pause', () => {
    const blocked = [
      { platform: 'linkedin' as const, reason: 'no_account_picked' as const, posts: 2 },
      { platform: 'bluesky' as const, reason: 'no_account' as const, posts: 1 },
    ];
    const s = trayState({ accounts: [{ status: 'connected' }, { status: 'needs_reconnect' }], status: status({ blocked }), zone: 'Europe/Berlin', format: gb });
    expect(s.variant).toBe('attention');
    // The queue's size is left off first: with it, the tooltip would pass Windows' 127 characters.
    expect(s.tooltip).toBe('Loomcast: publishing on\nNext post Mon 7 Dec, 14:30 to X and Mastodon\nLinkedIn and Bluesky posts can’t go out');
    expect(item(s.menu, 'pause')).toMatchObject({ enabled: true });
    expect(item(s.menu, 'accounts')).toBeUndefined();
    expect(item(s.menu, 'publishNext')).toMatchObject({ enabled: true });

    // Held ones only, while an account can post: nothing "scheduled" is claimed to be missing.
    const none = trayState({ accounts: ok, status: status({ next: null, blocked: [blocked[1]!] }), zone: 'Europe/Berlin', format: gb });
    expect(none.tooltip).toBe('Loomcast: publishing on\n1 Bluesky post can’t go out: no account connected\n12 post copies queued');
    expect(labels(none.menu)).not.toContain('No post scheduled');
    expect(item(none.menu, 'publishNext')).toMatchObject({ enabled: false, toolTip: 'No scheduled post can go out' });
  });

  it('paused with no account able to post: paused, the held posts (not "No post scheduled"), with Resume', () => {
    const s = trayState({ accounts: [{ status: 'needs_reconnect' }], status: held({ paused: true, pausedAt: AT, blocked: [{ platform: 'mastodon', reason: 'needs_reconnect', posts: 2 }] }), zone: 'Europe/Berlin', format: gb });
    expect(s.variant).toBe('paused');
    expect(s.tooltip).toBe('Loomcast: publishing paused\n2 Mastodon posts can’t go out: account needs reconnecting\n3 post copies queued');
    expect(item(s.menu, 'resume')).toMatchObject({ label: 'Resume publishing', enabled: true });
    expect(item(s.menu, 'accounts')).toBeUndefined();
  });

  it('with every account fine and nothing held: as before, publishing on with Pause', () => {
    const s = trayState({ accounts: [{ status: 'connected' }, { status: 'rate_limited' }], status: status(), zone: 'Europe/Berlin', format: gb });
    expect(s.variant).toBe('publishing');
    expect(s.tooltip.split('\n')[0]).toBe('Loomcast: publishing on');
    expect(item(s.menu, 'pause')).toMatchObject({ label: 'Pause publishing', enabled: true });
    expect(item(s.menu, 'accounts')).toBeUndefined();
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
