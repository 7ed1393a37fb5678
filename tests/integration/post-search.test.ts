/**
 * posts:search finds any post ever written by its words (schema 20): its text, thread, first
 * comment and per-account texts, any case and with or without accents, the last word as a
 * prefix; and it is up to date with every edit, delete and new post by the time it answers.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import { seeder } from '../support/analytics-seed';
import { call, createTestCore, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

type Found = { posts: PostDto[]; more: boolean; total: number };
const DAY = 86_400_000;

describe('searching every post', () => {
  let t: TestCore;
  const search = async (text: string, limit?: number) => call<Found>(t.core, 'posts:search', { text, ...(limit ? { limit } : {}) });
  const texts = async (text: string) => (await search(text)).posts.map((p) => p.text).sort();

  afterEach(async () => {
    await t?.close();
  });

  it('finds a post by any of its words, in its text, thread, first comment or a platform’s own text', async () => {
    // Parts are kept per copy, where its platform takes them (these clients take both).
    t = await createTestCore({ clients: { bluesky: scriptedClient('bluesky').client, linkedin: scriptedClient('linkedin').client } });
    const bsky = await t.core.services.accounts.add({ platform: 'bluesky', handle: 'studio.bsky.social', credentials: { accessToken: 'b' } });
    const linkedin = await t.core.services.accounts.add({ platform: 'linkedin', handle: 'studio', credentials: { accessToken: 'l' } });
    await call(t.core, 'posts:create', { text: 'Our café opens on Friday', platforms: ['mastodon'], schedule: null });
    await call(t.core, 'posts:create', { text: 'Launch week, day one', accounts: [bsky.id], schedule: null, thread: ['What we shipped: the loom tracker'] });
    await call(t.core, 'posts:create', { text: 'Studio tour', accounts: [linkedin.id], schedule: null, firstComment: 'Tickets at the door' });
    await call(t.core, 'posts:create', { text: 'A ﬁne day for it', platforms: ['mastodon'], schedule: null });
    const both = await call<PostDto>(t.core, 'posts:create', { text: 'A scarf for winter', platforms: ['mastodon', 'x'], schedule: null });
    await call(t.core, 'compose:setOverrides', { postId: both.id, overrides: [{ platform: 'x', text: 'Knitted on our own looms #handmade' }] });

    expect(await texts('CAFE')).toEqual(['Our café opens on Friday']); // case and accents do not matter
    expect(await texts('ｆｒｉｄａｙ')).toEqual(['Our café opens on Friday']); // nor full-width letters
    expect(await texts('laun')).toEqual(['Launch week, day one']); // the last word as a prefix
    expect(await texts('loom tracker')).toEqual(['Launch week, day one']); // a thread part
    expect(await texts('tickets')).toEqual(['Studio tour']); // the first comment
    expect(await texts('#handmade')).toEqual(['A scarf for winter']); // X's own text
    expect(await texts('fine')).toEqual(['A ﬁne day for it']); // a ligature in the text
    expect(await texts('loom')).toEqual(['A scarf for winter', 'Launch week, day one']); // loom, looms
    expect(await texts('studio friday')).toEqual([]); // every word must be there
    expect(await search('!!! …')).toEqual({ posts: [], more: false, total: 0 }); // nothing searchable typed
    // Words that look like query syntax are only words.
    expect(await texts('tour OR "café" NEAR(x) *')).toEqual([]);
  });

  it('finds emoji and flags, which the index reads as spaces between words', async () => {
    t = await createTestCore({ clients: { mastodon: scriptedClient('mastodon').client } });
    const mk = (text: string, thread: string[] = []) => call(t.core, 'posts:create', { text, platforms: ['mastodon'], schedule: null, thread });
    await mk('Launch day 🎉 thank you all');
    await mk('Morning ☕ and a new loom');
    await mk('Great work 👍🏽 team');
    await mk('Coding 👩‍💻 late again');
    await mk('Shipping to 🇩🇪 and 🇫🇷 now');
    await mk('No pictures here', ['The party was fun 🎉🎉']);
    await mk('I ❤️ this scarf');

    expect(await texts('🎉')).toEqual(['Launch day 🎉 thank you all', 'No pictures here']); // in a thread too
    expect(await texts('🎉 launch')).toEqual(['Launch day 🎉 thank you all']);
    expect(await texts('laun 🎉')).toEqual([]); // an emoji is matched whole, the prefix is the last word's
    expect(await texts('☕')).toEqual(['Morning ☕ and a new loom']);
    expect(await texts('👍')).toEqual(['Great work 👍🏽 team']); // any skin tone
    expect(await texts('👍🏽')).toEqual(['Great work 👍🏽 team']);
    expect(await texts('👩‍💻')).toEqual(['Coding 👩‍💻 late again']);
    expect(await texts('🇩🇪')).toEqual(['Shipping to 🇩🇪 and 🇫🇷 now']);
    expect(await texts('❤️')).toEqual(['I ❤️ this scarf']); // with its variation selector
    expect(await texts('❤')).toEqual(['I ❤️ this scarf']); // and without
    expect(await texts('🚀')).toEqual([]);
    // A lone variation selector or accent is not a word: nothing searchable was typed.
    expect(await search('\uFE0F \u0301')).toEqual({ posts: [], more: false, total: 0 });
    // An edit's new emoji is found, the old one no longer.
    const [party] = (await search('🎉 launch')).posts;
    await call(t.core, 'posts:update', { id: party!.id, text: 'Launch day 🚀 thank you all' });
    expect(await texts('🚀')).toEqual(['Launch day 🚀 thank you all']);
    expect(await texts('🎉')).toEqual(['No pictures here']);
  });

  it('answers with the posts whole, the best matches first, and says when there are more', async () => {
    t = await createTestCore();
    for (let n = 0; n < 5; n++) await call(t.core, 'posts:create', { text: `Weekly tips number ${n}`, platforms: ['mastodon'], schedule: null });
    const best = await call<PostDto>(t.core, 'posts:create', { text: 'Tips, tips and more tips', platforms: ['mastodon'], schedule: null });
    const page = await search('tips', 3);
    expect(page.more).toBe(true);
    expect(page.posts).toHaveLength(3);
    // How many match in all, not "3 or more".
    expect(page.total).toBe(6);
    expect(page.posts[0]).toEqual(await call<PostDto>(t.core, 'posts:get', { id: best.id }));
    expect(await search('tips', 6)).toMatchObject({ more: false, total: 6 });
  });

  it('counts every match beyond the page, under the list’s filters, and the posts the screen shows once each', async () => {
    t = await createTestCore();
    const loom = await t.core.services.accounts.add({ platform: 'mastodon', handle: 'weaver@loom.social', credentials: { accessToken: 'm' } });
    const drafts: PostDto[] = [];
    for (let n = 0; n < 7; n++) drafts.push(await call<PostDto>(t.core, 'posts:create', { text: `Loom diary, day ${n}`, accounts: [loom.id], schedule: null }));
    // The fake clock is Monday 23 November 2026: these are ahead.
    for (let n = 0; n < 4; n++) await call(t.core, 'posts:create', { text: `Loom diary extra ${n}`, platforms: ['x'], schedule: { date: '2026-12-01', time: `1${n}:00` } });
    const other = await call<PostDto>(t.core, 'posts:create', { text: 'Studio news from the workshop', platforms: ['x'], schedule: null });
    const count = (input: Record<string, unknown>) => call<Found>(t.core, 'posts:search', { text: 'diary', limit: 2, ...input });

    expect(await count({})).toMatchObject({ more: true, total: 11 });
    // The filters: a copy on the account, in a state.
    const onLoom = await count({ accountIds: [loom.id] });
    expect(onLoom).toMatchObject({ more: true, total: 7 });
    expect(onLoom.posts.every((p) => p.targets.some((c) => c.accountId === loom.id))).toBe(true);
    expect(await count({ states: ['scheduled'] })).toMatchObject({ total: 4 });
    expect(await count({ accountIds: [loom.id], states: ['scheduled'] })).toMatchObject({ more: false, total: 0, posts: [] });
    expect(await count({ states: ['scheduled'], limit: 4 })).toMatchObject({ more: false, total: 4 });

    // Posts the screen shows as matches count once: those the words match already are; another is one more.
    const shown = [drafts[0]!.id, drafts[6]!.id, drafts[6]!.id, other.id];
    expect(await count({ shown })).toMatchObject({ total: 12 });
    // A shown post outside the filters is still shown: it counts too.
    expect(await count({ shown, states: ['scheduled'] })).toMatchObject({ total: 4 + 3 });
    expect(await count({ shown: ['no-such-post'] })).toMatchObject({ total: 11 });
    // With nothing searchable typed, what the screen shows is all there is.
    expect(await call<Found>(t.core, 'posts:search', { text: '…', shown })).toEqual({ posts: [], more: false, total: 3 });
  });

  it('is up to date with edits, deletes and new posts, also after the clock was set back', async () => {
    t = await createTestCore();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Spring collection drops tomorrow', platforms: ['mastodon'], schedule: null });
    expect(await texts('spring')).toEqual(['Spring collection drops tomorrow']);

    await call(t.core, 'posts:update', { id: post.id, text: 'Autumn collection drops tomorrow' });
    expect(await texts('spring')).toEqual([]);
    expect(await texts('autumn')).toEqual(['Autumn collection drops tomorrow']);
    // A platform's own text is no new version of the post, and is found too.
    await call(t.core, 'compose:setOverrides', { postId: post.id, overrides: [{ platform: 'mastodon', text: 'Preorders open at noon' }] });
    expect(await texts('preorders')).toEqual(['Autumn collection drops tomorrow']);

    // The computer's clock goes back an hour; an edit then is still found.
    t.clock.jump(-3_600_000);
    await call(t.core, 'posts:update', { id: post.id, text: 'Winter collection drops tomorrow' });
    expect(await texts('autumn')).toEqual([]);
    expect(await texts('winter')).toEqual(['Winter collection drops tomorrow']);

    const later = await call<PostDto>(t.core, 'posts:create', { text: 'Winter sale', platforms: ['mastodon'], schedule: null });
    expect(await texts('winter')).toEqual(['Winter collection drops tomorrow', 'Winter sale']);
    await call(t.core, 'posts:delete', { id: later.id });
    expect(await texts('winter')).toEqual(['Winter collection drops tomorrow']);

    // Set back three days, further than each look for new posts goes back: a new post is found
    // by the first search after a restart, which looks from the start.
    t.clock.jump(-3 * DAY);
    await call(t.core, 'posts:create', { text: 'Winter market stall', platforms: ['mastodon'], schedule: null });
    t = await t.restart();
    expect(await texts('winter')).toEqual(['Winter collection drops tomorrow', 'Winter market stall']);
  });

  it('finds posts long gone from the lists, in a history bigger than one catch-up', async () => {
    t = await createTestCore();
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    try {
      const s = seeder(db, t.clock.now());
      const account = s.account('mastodon', '@weaver@loom.social');
      db.transaction(() => {
        for (let n = 0; n < 1_234; n++) s.post({ accountId: account, text: n === 0 ? 'The very first post: hello loom' : `Post number ${n}`, publishedAt: t.clock.now() - (1_300 - n) * DAY });
      })();
    } finally {
      db.close();
    }
    const lists = await call<{ published: PostDto[] }>(t.core, 'posts:lists');
    expect(lists.published.some((p) => p.text.includes('very first'))).toBe(false);
    expect(await texts('hello')).toEqual(['The very first post: hello loom']);
    expect(await texts('1233')).toEqual(['Post number 1233']);
    // Everything is read once: a second search reads nothing again.
    const docs = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
    try {
      expect(docs.prepare('SELECT count(*) AS n FROM post_search_docs').get()).toEqual({ n: 1_234 });
    } finally {
      docs.close();
    }
  });

  it('refuses input it cannot search with', async () => {
    t = await createTestCore();
    for (const [input, path] of [
      [{ text: '   ' }, 'text'],
      [{ text: 'x'.repeat(201) }, 'text'],
      [{ text: 'tips', limit: 0 }, 'limit'],
      [{ text: 'tips', limit: 201 }, 'limit'],
      [{ text: 'tips', order: 'newest' }, 'input'],
      [{ text: 'tips', states: [] }, 'states'],
      [{ text: 'tips', states: ['sent'] }, 'states.0'],
      [{ text: 'tips', accountIds: [] }, 'accountIds'],
      [{ text: 'tips', shown: Array.from({ length: 10_001 }, (_, n) => `p${n}`) }, 'shown'],
      [{}, 'text'],
    ] as const) {
      const r = await t.core.dispatch('posts:search', input);
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!r.ok) expect(r.error.message).toContain(path === 'input' ? 'Invalid input for posts:search' : `${path}:`);
    }
  });
});
