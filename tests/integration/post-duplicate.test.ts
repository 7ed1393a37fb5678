import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { PostLinksDto } from '../../shared/contract/features/library';
import type { MediaInfoDto, PostMediaItemDto } from '../../shared/contract/features/media-library';
import { call, createTestCore, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';
import { png } from '../e2e/support/media';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC; tomorrow is always ahead of it.
const tomorrow = { date: '2026-11-24', time: '12:00' };

/** Stands in for the scheduler and for time passing: what a copy became, from another connection. */
function sql(t: TestCore, statement: string, ...args: unknown[]): void {
  const db = new Database(`${t.dataDir}/loomcast.sqlite`);
  db.prepare(statement).run(...args);
  db.close();
}

function read<T>(t: TestCore, statement: string, ...args: unknown[]): T {
  const db = new Database(`${t.dataDir}/loomcast.sqlite`, { readonly: true });
  try {
    return db.prepare(statement).get(...args) as T;
  } finally {
    db.close();
  }
}

describe('posts:duplicate', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  it('makes a draft with everything the creator wrote and chose, without a time, from a post already out', async () => {
    // Parts are kept per copy, where its platform takes them (these clients take both).
    t = await createTestCore({ clients: { x: scriptedClient('x').client, mastodon: scriptedClient('mastodon').client } });
    const x = await t.core.services.accounts.add({ platform: 'x', handle: 'studio', credentials: { accessToken: 'a' } });
    const masto = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@studio@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'b' } });
    const pillar = await call<{ id: string }>(t.core, 'pillars:save', { name: 'Tips', color: '#112233' });
    const voice = await call<{ id: string }>(t.core, 'voices:save', { name: 'Warm', tone: 'friendly and casual', wordsToUse: [], wordsToAvoid: [] });
    const campaign = await call<{ id: string }>(t.core, 'campaigns:save', { name: 'Launch' });
    const source = await call<PostDto>(t.core, 'posts:create', {
      text: 'Five things I learned shipping a desktop app',
      accounts: [x.id, masto.id],
      schedule: tomorrow,
      thread: ['One: the clock is a dependency', 'Two: keep the words'],
      firstComment: 'Questions welcome',
    });
    await call(t.core, 'compose:setOverrides', { postId: source.id, overrides: [{ platform: 'mastodon', text: 'Five things, for the fediverse' }] });
    const a = (await call<MediaInfoDto>(t.core, 'media:upload', { name: 'a.png', mime: 'image/png', dataBase64: png(64, 48, [200, 80, 40]).toString('base64') })).hash;
    const b = (await call<MediaInfoDto>(t.core, 'media:upload', { name: 'b.png', mime: 'image/png', dataBase64: png(64, 48, [40, 80, 200]).toString('base64') })).hash;
    await call(t.core, 'media:setForPost', { postId: source.id, items: [{ hash: a, altText: 'A chart of the week' }, { hash: b, altText: 'The same chart, by month' }] });
    await call(t.core, 'posts:setPillar', { postId: source.id, pillarId: pillar.id });
    await call(t.core, 'posts:setVoice', { postId: source.id, voiceId: voice.id });
    await call(t.core, 'campaigns:assign', { postIds: [source.id], campaignId: campaign.id });
    sql(t, "UPDATE targets SET state = 'published', published_at = ?, platform_url = 'https://x.com/studio/status/1' WHERE post_id = ? AND platform = 'x'", Date.now(), source.id);
    const before = await call<PostDto>(t.core, 'posts:get', { id: source.id });

    const copy = await call<PostDto>(t.core, 'posts:duplicate', { id: source.id });

    expect(copy.id).not.toBe(source.id);
    expect(copy).toMatchObject({ text: 'Five things I learned shipping a desktop app', version: 1, scheduledAt: null, zone: null, thread: ['One: the clock is a dependency', 'Two: keep the words'], firstComment: 'Questions welcome' });
    expect(copy.createdBy).toEqual({ actor: 'user', client: null });
    expect(copy.targets.map((c) => ({ platform: c.platform, accountId: c.accountId, state: c.state, scheduledAt: c.scheduledAt, textOverride: c.textOverride, platformUrl: c.platformUrl }))).toEqual([
      { platform: 'x', accountId: x.id, state: 'draft', scheduledAt: null, textOverride: null, platformUrl: null },
      { platform: 'mastodon', accountId: masto.id, state: 'draft', scheduledAt: null, textOverride: 'Five things, for the fediverse', platformUrl: null },
    ]);
    expect((await call<PostMediaItemDto[]>(t.core, 'media:forPost', { postId: copy.id })).map((m) => [m.hash, m.altText])).toEqual([
      [a, 'A chart of the week'],
      [b, 'The same chart, by month'],
    ]);
    expect(await call<PostLinksDto[]>(t.core, 'posts:links', { ids: [copy.id] })).toEqual([{ postId: copy.id, templateId: null, pillarId: pillar.id, voiceId: voice.id }]);
    expect(read<{ campaign_id: string }>(t, 'SELECT campaign_id FROM posts WHERE id = ?', copy.id).campaign_id).toBe(campaign.id);
    // The source is as it was: nothing moved, nothing re-versioned, the published copy still out.
    expect(await call<PostDto>(t.core, 'posts:get', { id: source.id })).toEqual(before);
    const drafts = await call<{ drafts: PostDto[] }>(t.core, 'posts:lists');
    expect(drafts.drafts.map((p) => p.id)).toContain(copy.id);
  });

  it('is a post of its own: editing and scheduling it leaves the source alone, and the guard sees it once scheduled', async () => {
    t = await createTestCore();
    const x = await t.core.services.accounts.add({ platform: 'x', handle: 'studio', credentials: { accessToken: 'a' } });
    const x2 = await t.core.services.accounts.add({ platform: 'x', handle: 'second', credentials: { accessToken: 'c' } });
    const source = await call<PostDto>(t.core, 'posts:create', { text: 'Worth saying twice', accounts: [x.id], schedule: tomorrow });
    const copy = await call<PostDto>(t.core, 'posts:duplicate', { id: source.id });

    const edited = await call<PostDto>(t.core, 'posts:update', { id: copy.id, text: 'Worth saying twice, better', schedule: { date: '2026-11-25', time: '09:30' } });
    expect(edited.targets.map((c) => c.state)).toEqual(['scheduled']);
    const after = await call<PostDto>(t.core, 'posts:get', { id: source.id });
    expect(after).toMatchObject({ text: 'Worth saying twice', version: 1, scheduledAt: source.scheduledAt });

    // The same words to a second X account is the guard's block, for a duplicate as for any post.
    const again = await call<PostDto>(t.core, 'posts:duplicate', { id: source.id });
    const refused = await t.core.dispatch('posts:update', { id: again.id, accounts: [x2.id], schedule: tomorrow });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('two X accounts') } });
    expect((await call<PostDto>(t.core, 'posts:get', { id: again.id })).targets.map((c) => [c.accountId, c.state])).toEqual([[x.id, 'draft']]);
  });

  it('leaves cancelled copies out (all of them when every copy was cancelled) and keeps a copy whose account was disconnected', async () => {
    t = await createTestCore();
    const x = await t.core.services.accounts.add({ platform: 'x', handle: 'studio', credentials: { accessToken: 'a' } });
    const bsky = await t.core.services.accounts.add({ platform: 'bluesky', handle: 'studio.bsky.social', credentials: { accessToken: 'b' } });
    const source = await call<PostDto>(t.core, 'posts:create', { text: 'Half cancelled', accounts: [x.id, bsky.id], schedule: tomorrow });
    sql(t, "UPDATE targets SET state = 'cancelled' WHERE post_id = ? AND platform = 'bluesky'", source.id);
    expect((await call<PostDto>(t.core, 'posts:duplicate', { id: source.id })).targets.map((c) => c.platform)).toEqual(['x']);

    sql(t, "UPDATE targets SET state = 'cancelled' WHERE post_id = ?", source.id);
    expect((await call<PostDto>(t.core, 'posts:duplicate', { id: source.id })).targets.map((c) => c.platform)).toEqual(['x', 'bluesky']);

    await call(t.core, 'accounts:disconnect', { id: bsky.id });
    const orphan = await call<PostDto>(t.core, 'posts:duplicate', { id: source.id });
    expect(orphan.targets.map((c) => [c.platform, c.accountId, c.state])).toEqual([
      ['x', x.id, 'draft'],
      ['bluesky', null, 'draft'],
    ]);
  });

  it('refuses a post that is gone or an id that is not one, and writes nothing', async () => {
    t = await createTestCore();
    const source = await call<PostDto>(t.core, 'posts:create', { text: 'Soon gone', platforms: ['x'], schedule: null });
    await call(t.core, 'posts:delete', { id: source.id });
    const count = () => read<{ n: number }>(t, 'SELECT count(*) AS n FROM posts').n;
    const before = count();
    expect(await t.core.dispatch('posts:duplicate', { id: source.id })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('no longer exists') } });
    expect(await t.core.dispatch('posts:duplicate', { id: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await t.core.dispatch('posts:duplicate', { id: source.id, schedule: tomorrow })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(count()).toBe(before);
  });
});
