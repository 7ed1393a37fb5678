import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { GuardCheckDto, GuardSettingsDto } from '../../shared/contract/features/guard';
import { assertNotDuplicate } from '../../electron/core/features/guard';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC (10:00 in Berlin, the creator's zone).
const WED_0900Z = '2026-11-25T09:00:00.000Z';

describe('duplicate guard', () => {
  let t: TestCore;
  afterEach(async () => t?.close());

  async function setup() {
    t = await createTestCore({ vault: memoryVault() });
    const add = (handle: string) => t.core.services.accounts.add({ platform: 'mastodon', handle, serverUrl: 'https://example.social', credentials: { accessToken: 'a' } });
    const main = await add('@main@example.social');
    const second = await add('@second@example.social');
    return { main: main.id, second: second.id };
  }

  /** A stored post going to one account at a Berlin wall-clock time. */
  async function stored(text: string, accountId: string, date: string, time = '10:00', state?: string) {
    const post = await call<PostDto>(t.core, 'posts:create', { text, accounts: [accountId], schedule: { date, time }, override: true });
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    try {
      if (state === 'published') db.prepare("UPDATE targets SET state = 'published', published_at = scheduled_at WHERE post_id = ?").run(post.id);
      if (state === 'cancelled') db.prepare("UPDATE targets SET state = 'cancelled' WHERE post_id = ?").run(post.id);
    } finally {
      db.close();
    }
    return post.id;
  }

  const check = (input: Record<string, unknown>) => call<GuardCheckDto>(t.core, 'guard:check', input);

  it('warns about the same words to the same account within the window, ignoring case, spaces and tracking', async () => {
    const { main } = await setup();
    const postId = await stored('Our new course is live https://loom.example/c?utm_source=x', main, '2026-11-27');
    const r = await check({ text: 'our NEW  course is live https://loom.example/c!', accountIds: [main], scheduledAt: WED_0900Z });
    expect(r.windowDays).toBe(7);
    expect(r.blocks).toEqual([]);
    expect(r.warnings).toEqual([{ kind: 'same_account_window', postId, accountId: main, platform: 'mastodon', scheduledAt: '2026-11-27T09:00:00.000Z', state: 'scheduled' }]);
  });

  it('counts posts already published, but not cancelled ones or the post being edited', async () => {
    const { main } = await setup();
    const published = await stored('Morning tip: drink water', main, '2026-11-24', '10:00', 'published');
    await stored('Morning tip: drink water', main, '2026-11-26', '10:00', 'cancelled');
    const r = await check({ text: 'Morning tip: drink water', accountIds: [main], scheduledAt: WED_0900Z });
    expect(r.warnings.map((w) => [w.postId, w.state])).toEqual([[published, 'published']]);
    const self = await check({ text: 'Morning tip: drink water', accountIds: [main], scheduledAt: WED_0900Z, excludePostId: published });
    expect(self.warnings).toEqual([]);
  });

  it('says nothing outside the window, for other words or media, or for copies not tied to that account', async () => {
    const { main } = await setup();
    await stored('Big launch today', main, '2026-12-10');
    const beyond = await check({ text: 'Big launch today', accountIds: [main], scheduledAt: WED_0900Z });
    expect(beyond.warnings).toEqual([]);
    const other = await check({ text: 'Big launch tomorrow', accountIds: [main], scheduledAt: '2026-12-09T09:00:00Z' });
    expect(other.warnings).toEqual([]);
    const withMedia = await check({ text: 'Big launch today', mediaHashes: ['a'.repeat(64)], accountIds: [main], scheduledAt: '2026-12-09T09:00:00Z' });
    expect(withMedia.warnings).toEqual([]);
    const unassigned = await check({ text: 'Big launch today', platforms: ['mastodon'], scheduledAt: '2026-12-09T09:00:00Z' });
    expect(unassigned.warnings).toEqual([]);
    const inside = await check({ text: 'Big launch today', accountIds: [main], scheduledAt: '2026-12-09T09:00:00Z' });
    expect(inside.warnings).toHaveLength(1);
  });

  it('follows the window the creator sets, and 0 switches the warning off', async () => {
    const { main } = await setup();
    await stored('Weekly recap', main, '2026-11-27');
    expect(await call<GuardSettingsDto>(t.core, 'guard:settings')).toEqual({ windowDays: 7 });
    const seen: unknown[] = [];
    t.core.subscribe((event, payload) => event === 'guard:settingsChanged' && seen.push(payload));
    expect(await call(t.core, 'guard:setSettings', { windowDays: 1 })).toEqual({ windowDays: 1 });
    expect(seen).toEqual([{ windowDays: 1 }]);
    expect((await check({ text: 'Weekly recap', accountIds: [main], scheduledAt: WED_0900Z })).warnings).toEqual([]);
    await call(t.core, 'guard:setSettings', { windowDays: 3 });
    expect((await check({ text: 'Weekly recap', accountIds: [main], scheduledAt: WED_0900Z })).warnings).toHaveLength(1);
    await call(t.core, 'guard:setSettings', { windowDays: 0 });
    expect((await check({ text: 'Weekly recap', accountIds: [main], scheduledAt: WED_0900Z })).warnings).toEqual([]);

    const restarted = await t.restart();
    t = restarted;
    expect(await call(t.core, 'guard:settings')).toEqual({ windowDays: 0 });
    const bad = await t.core.dispatch('guard:setSettings', { windowDays: 2.5 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('invalid_input');
  });

  it('blocks the identical post to two accounts of the same platform, in one post or within the window', async () => {
    const { main, second } = await setup();
    const together = await check({ text: 'Giveaway ends Friday', accountIds: [main, second], scheduledAt: WED_0900Z });
    expect(together.blocks).toEqual([{ kind: 'same_platform_two_accounts', platform: 'mastodon', accountIds: [main, second].sort(), postIds: [] }]);

    const earlier = await stored('Giveaway ends Friday', main, '2026-11-26');
    const apart = await check({ text: 'Giveaway ends Friday.', accountIds: [second], scheduledAt: WED_0900Z });
    expect(apart.warnings).toEqual([]);
    expect(apart.blocks).toEqual([{ kind: 'same_platform_two_accounts', platform: 'mastodon', accountIds: [main, second].sort(), postIds: [earlier] }]);

    const different = await check({ text: 'A different giveaway', accountIds: [second], scheduledAt: WED_0900Z });
    expect(different.blocks).toEqual([]);
  });

  it('enforces the block in the core unless overridden', async () => {
    const { main, second } = await setup();
    await stored('Giveaway ends Friday', main, '2026-11-26');
    const deps = { db: new Database(join(t.dataDir, 'loomcast.sqlite')), clock: t.clock, log: { warn() {} } as never };
    try {
      expect(() => assertNotDuplicate(deps, { text: 'Giveaway ends Friday', accountIds: [second], scheduledAt: WED_0900Z })).toThrowError(
        expect.objectContaining({ code: 'conflict', message: expect.stringMatching(/two Mastodon accounts.*Post anyway/) }),
      );
      const allowed = assertNotDuplicate(deps, { text: 'Giveaway ends Friday', accountIds: [second], scheduledAt: WED_0900Z, override: true });
      expect(allowed.blocks).toHaveLength(1);
      const warnOnly = assertNotDuplicate(deps, { text: 'Giveaway ends Friday', accountIds: [main], scheduledAt: Date.parse(WED_0900Z) });
      expect(warnOnly.warnings).toHaveLength(1);
    } finally {
      deps.db.close();
    }
  });

  it('refuses the same words and photo on the same account at the very same time, "Post anyway" or not, whatever the window', async () => {
    const { main } = await setup();
    const photo = 'b'.repeat(64);
    const first = await stored('Door photo day', main, '2026-11-27', '10:00');
    const second = await stored('Door photo day', main, '2026-11-27', '10:01');
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    try {
      db.prepare("INSERT INTO media (hash, mime, bytes, created_at) VALUES (?, 'image/png', 10, 1)").run(photo);
      for (const id of [first, second]) db.prepare("INSERT INTO post_media (post_id, position, media_hash, alt_text) VALUES (?, 1, ?, 'A red door')").run(id, photo);
    } finally {
      db.close();
    }
    // A minute apart is a repeat nearby (a warning); on top of it is the same post twice at once.
    await call(t.core, 'guard:setSettings', { windowDays: 0 });
    const onTop = await t.core.dispatch('posts:update', { id: second, schedule: { date: '2026-11-27', time: '10:00' }, override: true });
    expect(onTop).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'The same post is already planned for @main@example.social on Mastodon at that exact time, so it would go out twice at once. Pick another time, or change the words.' },
    });
    expect((await call<PostDto>(t.core, 'posts:get', { id: second })).scheduledAt).toBe('2026-11-27T09:01:00.000Z');
    // Without time, or with other media, it is not the same post at that moment.
    await call(t.core, 'posts:update', { id: second, schedule: null });
    const plain = await call<PostDto>(t.core, 'posts:create', { text: 'Door photo day', accounts: [main], schedule: { date: '2026-11-27', time: '10:00' } });
    expect(plain.scheduledAt).toBe('2026-11-27T09:00:00.000Z');
  });

  it('refuses unclear input in the creator’s words', async () => {
    await setup();
    const both = await t.core.dispatch('guard:check', { text: 'x' });
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.error.issues?.[0]?.message).toBe('Give either the accounts or the platforms the post goes to');
    const unknown = await t.core.dispatch('guard:check', { text: 'x', accountIds: ['nope'] });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('invalid_input');
  });
});
