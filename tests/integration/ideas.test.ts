import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract';
import type { PostDto, RpcErrorBody } from '../../shared/contract';
import type { IdeaDto } from '../../shared/contract/features/ideas';
import { DATABASE_FILE } from '../../electron/core';
import { call, createTestCore, type TestCore } from '../support/core';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC (10:00 in Berlin).
const MINUTE = 60_000;

async function refused(t: TestCore, channel: string, input: unknown): Promise<RpcErrorBody> {
  const r = await t.core.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} was accepted: ${JSON.stringify(r.value)}`);
  return r.error;
}

const texts = (list: IdeaDto[]) => list.map((i) => i.text);

describe('the idea bank', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  it('captures an idea with a link and tags, answers with it, and lists it newest first', async () => {
    t = await createTestCore();
    const seen: { event: EventName; payload: unknown }[] = [];
    t.core.subscribe((event, payload) => seen.push({ event, payload }));

    const first = await call<IdeaDto>(t.core, 'ideas:capture', { text: 'Thread: five things the first month taught me' });
    t.clock.advance(MINUTE);
    const second = await call<IdeaDto>(t.core, 'ideas:capture', { text: 'React to this benchmark', link: ' https://example.com/bench?src=rss ', tags: ['#Research', 'research', 'perf '] });

    expect(first).toMatchObject({ link: null, tags: [], archivedAt: null, postId: null, usedAt: null, createdAt: '2026-11-23T09:00:00.000Z' });
    expect(second).toMatchObject({ text: 'React to this benchmark', link: 'https://example.com/bench?src=rss', tags: ['research', 'perf'], createdAt: '2026-11-23T09:01:00.000Z' });
    expect(texts(await call<IdeaDto[]>(t.core, 'ideas:list', {}))).toEqual(['React to this benchmark', 'Thread: five things the first month taught me']);
    expect(seen.filter((e) => e.event === 'ideas:changed').map((e) => e.payload)).toEqual([
      { ids: [first.id], reason: 'captured' },
      { ids: [second.id], reason: 'captured' },
    ]);

    t = await t.restart();
    expect(await call<IdeaDto[]>(t.core, 'ideas:list')).toEqual([second, first]);
  });

  it('finds ideas by every word of the query in the text, link or tags, ignoring case and accents', async () => {
    t = await createTestCore();
    await call(t.core, 'ideas:capture', { text: 'Café culture and remote work', tags: ['lifestyle'] });
    await call(t.core, 'ideas:capture', { text: 'Pricing page teardown', link: 'https://stripe.com/pricing', tags: ['launch'] });
    await call(t.core, 'ideas:capture', { text: 'Launch checklist for week one' });

    const search = async (query: string) => texts(await call<IdeaDto[]>(t.core, 'ideas:list', { query }));
    expect(await search('CAFE')).toEqual(['Café culture and remote work']);
    expect(await search('stripe')).toEqual(['Pricing page teardown']);
    expect(await search('#launch')).toEqual(['Launch checklist for week one', 'Pricing page teardown']);
    expect(await search('launch week')).toEqual(['Launch checklist for week one']);
    expect(await search('   ')).toHaveLength(3);
    expect(await search('podcast')).toEqual([]);
  });

  it('refuses a link that is not a web address with invalid_input naming the link field, and saves nothing', async () => {
    t = await createTestCore();
    for (const link of ['example.com/article', 'ftp://files.example.com/a', 'javascript:alert(1)', 'https://']) {
      const error = await refused(t, 'ideas:capture', { text: 'A good read', link });
      expect(error.code).toBe('invalid_input');
      expect(error.issues).toEqual([{ path: ['link'], message: expect.stringMatching(/starting with https:\/\//) }]);
      expect(error.message).toMatch(/^Invalid input for ideas:capture: link: /);
    }
    const empty = await refused(t, 'ideas:capture', { text: '  \n ' });
    expect(empty.issues).toEqual([{ path: ['text'], message: 'Write the idea first: it is empty' }]);
    expect(await call<IdeaDto[]>(t.core, 'ideas:list', {})).toEqual([]);

    const idea = await call<IdeaDto>(t.core, 'ideas:capture', { text: 'A good read', link: 'https://example.com/a' });
    const bad = await refused(t, 'ideas:update', { id: idea.id, link: 'not a link' });
    expect(bad.issues?.map((i) => i.path)).toEqual([['link']]);
    expect((await call<IdeaDto>(t.core, 'ideas:update', { id: idea.id, link: null })).link).toBeNull();
  });

  it('the database itself refuses a link that is not http(s), whatever writes it', async () => {
    t = await createTestCore();
    const idea = await call<IdeaDto>(t.core, 'ideas:capture', { text: 'x', link: 'https://example.com' });
    await t.close();
    const db = new Database(join(t.dataDir, DATABASE_FILE));
    try {
      expect(() => db.prepare("UPDATE ideas SET link = 'file:///etc/passwd' WHERE id = ?").run(idea.id)).toThrow(/CHECK constraint/);
      expect(() => db.prepare('UPDATE ideas SET tags = \'{"a":1}\' WHERE id = ?').run(idea.id)).toThrow(/CHECK constraint/);
    } finally {
      db.close();
    }
    t = await t.restart();
  });

  it('edits an idea and leaves it untouched when nothing changed', async () => {
    t = await createTestCore();
    const idea = await call<IdeaDto>(t.core, 'ideas:capture', { text: 'first words' });
    t.clock.advance(MINUTE);
    const same = await call<IdeaDto>(t.core, 'ideas:update', { id: idea.id, text: 'first words' });
    expect(same.updatedAt).toBe(idea.updatedAt);
    const edited = await call<IdeaDto>(t.core, 'ideas:update', { id: idea.id, text: 'better words', tags: ['hooks'] });
    expect(edited).toMatchObject({ text: 'better words', tags: ['hooks'], createdAt: idea.createdAt, updatedAt: '2026-11-23T09:01:00.000Z' });
    expect(await refused(t, 'ideas:update', { id: 'nope', text: 'x' })).toMatchObject({ code: 'not_found' });
  });

  it('hides archived ideas unless asked, brings them back, and deletes for good', async () => {
    t = await createTestCore();
    const keep = await call<IdeaDto>(t.core, 'ideas:capture', { text: 'keep this one' });
    const shelve = await call<IdeaDto>(t.core, 'ideas:capture', { text: 'shelve this one' });
    t.clock.advance(MINUTE);

    const archived = await call<IdeaDto>(t.core, 'ideas:archive', { id: shelve.id });
    expect(archived.archivedAt).toBe('2026-11-23T09:01:00.000Z');
    expect(texts(await call<IdeaDto[]>(t.core, 'ideas:list', {}))).toEqual(['keep this one']);
    expect(texts(await call<IdeaDto[]>(t.core, 'ideas:list', { query: 'shelve' }))).toEqual([]);
    expect(texts(await call<IdeaDto[]>(t.core, 'ideas:list', { includeArchived: true }))).toEqual(['keep this one', 'shelve this one']);

    const back = await call<IdeaDto>(t.core, 'ideas:unarchive', { id: shelve.id });
    expect(back.archivedAt).toBeNull();
    expect(texts(await call<IdeaDto[]>(t.core, 'ideas:list', {}))).toEqual(['shelve this one', 'keep this one']);

    await call(t.core, 'ideas:delete', { id: keep.id });
    expect(texts(await call<IdeaDto[]>(t.core, 'ideas:list', { includeArchived: true }))).toEqual(['shelve this one']);
    expect(await refused(t, 'ideas:archive', { id: keep.id })).toMatchObject({ code: 'not_found' });
  });

  it('turns an idea into a draft with the link appended, links the two, and says so when asked again', async () => {
    t = await createTestCore();
    const seen: string[] = [];
    t.core.subscribe((event, payload) => seen.push(`${event}:${(payload as { reason: string }).reason}`));
    const idea = await call<IdeaDto>(t.core, 'ideas:capture', { text: 'Why we dropped the free plan ', link: 'https://example.com/blog/free-plan' });
    t.clock.advance(MINUTE);

    const post = await call<PostDto>(t.core, 'ideas:toPost', { id: idea.id, platforms: ['x', 'linkedin'], schedule: null });
    expect(post.text).toBe('Why we dropped the free plan\n\nhttps://example.com/blog/free-plan');
    expect(post.targets.map((x) => [x.platform, x.state])).toEqual([
      ['x', 'draft'],
      ['linkedin', 'draft'],
    ]);
    expect((await call<PostDto[]>(t.core, 'posts:list', { scope: 'drafts' })).map((p) => p.id)).toEqual([post.id]);
    const [used] = await call<IdeaDto[]>(t.core, 'ideas:list', {});
    expect(used).toMatchObject({ id: idea.id, postId: post.id, usedAt: '2026-11-23T09:01:00.000Z', archivedAt: null });
    expect(seen).toEqual(['ideas:changed:captured', 'posts:changed:created', 'ideas:changed:used']);

    const again = await refused(t, 'ideas:toPost', { id: idea.id, platforms: ['bluesky'], schedule: null });
    expect(again.code).toBe('conflict');
    expect(again.message).toMatch(/already turned into a post on Mon 23 Nov 2026, 10:01/);
    expect(await call<PostDto[]>(t.core, 'posts:list', { scope: 'all' })).toHaveLength(1);

    // Deleting the post frees the idea; it remembers it was used once.
    await call(t.core, 'posts:delete', { id: post.id });
    const [freed] = await call<IdeaDto[]>(t.core, 'ideas:list', {});
    expect(freed).toMatchObject({ postId: null, usedAt: '2026-11-23T09:01:00.000Z' });
    const second = await call<PostDto>(t.core, 'ideas:toPost', { id: idea.id, platforms: ['bluesky'], schedule: null });
    expect((await call<IdeaDto[]>(t.core, 'ideas:list', {}))[0]!.postId).toBe(second.id);
  });

  it('schedules the post in the creator zone and does not repeat a link the text already has', async () => {
    t = await createTestCore({ zone: 'Europe/Berlin' });
    const idea = await call<IdeaDto>(t.core, 'ideas:capture', { text: 'Read https://example.com/a first', link: 'https://example.com/a' });
    const post = await call<PostDto>(t.core, 'ideas:toPost', { id: idea.id, platforms: ['mastodon'], schedule: { date: '2026-11-24', time: '14:30' } });
    expect(post).toMatchObject({ text: 'Read https://example.com/a first', scheduledAt: '2026-11-24T13:30:00.000Z', zone: 'Europe/Berlin' });
    expect(post.targets[0]!.state).toBe('scheduled');
  });

  it('leaves the idea unused and makes no post when the post cannot be made', async () => {
    t = await createTestCore({ zone: 'Europe/Berlin' });
    const idea = await call<IdeaDto>(t.core, 'ideas:capture', { text: 'Too late for this slot' });

    const past = await refused(t, 'ideas:toPost', { id: idea.id, platforms: ['x'], schedule: { date: '2026-11-23', time: '09:30' } });
    expect(past).toMatchObject({ code: 'invalid_time', message: expect.stringMatching(/has already passed/) });
    const noPlatform = await refused(t, 'ideas:toPost', { id: idea.id, platforms: [], schedule: null });
    expect(noPlatform.issues).toEqual([{ path: ['platforms'], message: 'Pick at least one platform' }]);
    expect(await refused(t, 'ideas:toPost', { id: 'gone', platforms: ['x'], schedule: null })).toMatchObject({ code: 'not_found' });

    expect(await call<PostDto[]>(t.core, 'posts:list', { scope: 'all' })).toEqual([]);
    expect((await call<IdeaDto[]>(t.core, 'ideas:list', {}))[0]).toMatchObject({ postId: null, usedAt: null });
  });

  it('rolls the new post back when linking the idea fails inside the same flow', async () => {
    t = await createTestCore();
    const idea = await call<IdeaDto>(t.core, 'ideas:capture', { text: 'Linked twice?' });
    const other = await call<IdeaDto>(t.core, 'ideas:capture', { text: 'Another idea' });
    const post = await call<PostDto>(t.core, 'ideas:toPost', { id: other.id, platforms: ['x'], schedule: null });
    // Make the step after the post's creation fail, as a full disk would: a test-only trigger
    // refuses to link any idea to a post.
    const db = new Database(join(t.dataDir, DATABASE_FILE));
    db.exec(`CREATE TRIGGER refuse_link BEFORE UPDATE OF post_id ON ideas WHEN NEW.post_id IS NOT NULL BEGIN SELECT RAISE(ABORT, 'disk said no'); END`);
    db.close();

    const r = await t.core.dispatch('ideas:toPost', { id: idea.id, platforms: ['x'], schedule: null });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect((await call<PostDto[]>(t.core, 'posts:list', { scope: 'all' })).map((p) => p.id)).toEqual([post.id]);
    expect((await call<IdeaDto[]>(t.core, 'ideas:list', { query: 'linked' }))[0]).toMatchObject({ postId: null, usedAt: null });
  });
});
