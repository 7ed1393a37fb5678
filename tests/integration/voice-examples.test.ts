import Database from 'better-sqlite3';
import { createRollups } from '../../electron/core/analytics/rollups';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core';
import { createVoiceExamples } from '../../electron/core/features/library/voice-examples';
import { LEARN_WINDOW } from '../../electron/core/features/library/voice-learned';
import type { PostDto } from '../../shared/contract';
import type { VoiceDto, VoiceExamplesDto } from '../../shared/contract/features/library';
import { call, createTestCore, type TestCore } from '../support/core';
import { seedPosts } from '../support/seed-scale';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC (10:00 in Berlin).
const DAY = 86_400_000;

describe('a voice that learns from the creator’s posts', () => {
  let t: TestCore;
  let db: Database.Database;
  afterEach(async () => {
    db?.close();
    await t?.close();
  });

  async function start() {
    t = await createTestCore();
    db = new Database(join(t.dataDir, DATABASE_FILE));
  }

  const fail = async (channel: string, input: unknown) => {
    const r = await t.core.dispatch(channel, input);
    if (r.ok) throw new Error(`${channel} was expected to fail`);
    return r.error;
  };
  const voice = (input: Record<string, unknown>) => call<VoiceDto>(t.core, 'voices:save', input);
  const examples = (voiceId: string) => call<VoiceExamplesDto>(t.core, 'voices:examples', { voiceId });

  /** A post on Mastodon moved to `state` (and published `daysAgo` when published). */
  async function post(text: string, state: 'draft' | 'approved' | 'published', opts: { daysAgo?: number; voiceId?: string } = {}) {
    const p = await call<PostDto>(t.core, 'posts:create', { text, platforms: ['mastodon'], schedule: null });
    const at = t.clock.now() - (opts.daysAgo ?? 1) * DAY;
    db.prepare('UPDATE targets SET state = ?, published_at = ?, updated_at = ? WHERE post_id = ?').run(state, state === 'published' ? at : null, at, p.id);
    if (opts.voiceId) await call(t.core, 'posts:setVoice', { postId: p.id, voiceId: opts.voiceId });
    return p.id;
  }

  function metrics(postId: string, m: { views?: number; impressions?: number; likes?: number; replies?: number; reposts?: number }, at = t.clock.now()) {
    const target = db.prepare('SELECT id FROM targets WHERE post_id = ?').get(postId) as { id: string };
    // Through the one writer of numbers, as the collector records them.
    createRollups(db).record(target.id, at, m);
  }

  /** Marks the post's current version as written by the offline writer, as the planner would. */
  function writtenByWriter(postId: string) {
    const { number } = db.prepare('SELECT MAX(number) AS number FROM post_versions WHERE post_id = ?').get(postId) as { number: number };
    db.prepare(`INSERT INTO version_provenance (post_id, number, writer, writer_version, seed, created_at, task) VALUES (?, ?, 'offline', 'offline-1', 'seed', ?, 'plan')`).run(postId, number, t.clock.now());
  }

  it('shows pinned examples alone while learning is off, and pinned first once it is on', async () => {
    await start();
    const v = await voice({ name: 'Calm chef', examples: ['Pinned one', 'Pinned two'] });
    expect(v.learnFromPosts).toBe(false);
    const approved = await post('Soup for a cold Tuesday.', 'approved');
    await post('Just a draft, not mine to learn from yet.', 'draft');

    expect(await examples(v.id)).toEqual({
      examples: [
        { text: 'Pinned one', postId: null, pinned: true, why: 'Pinned by you' },
        { text: 'Pinned two', postId: null, pinned: true, why: 'Pinned by you' },
      ],
      basedOn: 0,
    });

    const on = await voice({ id: v.id, name: 'Calm chef', examples: ['Pinned one', 'Pinned two'], learnFromPosts: true });
    expect(on.learnFromPosts).toBe(true);
    expect((await call<VoiceDto[]>(t.core, 'voices:list'))[0]!.learnFromPosts).toBe(true);
    // A save that doesn't mention learning (an older client, an agent) leaves it as it was.
    expect((await voice({ id: v.id, name: 'Calm chef', examples: ['Pinned one', 'Pinned two'] })).learnFromPosts).toBe(true);
    const r = await examples(v.id);
    expect(r.basedOn).toBe(1);
    expect(r.examples.map((e) => [e.text, e.pinned, e.postId])).toEqual([
      ['Pinned one', true, null],
      ['Pinned two', true, null],
      ['Soup for a cold Tuesday.', false, approved],
    ]);
    expect(r.examples[2]!.why).toBe('Approved 22 Nov; no numbers yet');

    // What generation asks for is the same list, cut to the limit.
    const service = createVoiceExamples({ db, clock: t.clock, audit: { record: () => {} }, events: { emit: () => {} } } as never);
    expect(service.examplesFor(v.id).map((e) => e.text)).toEqual(r.examples.map((e) => e.text));
    expect(service.examplesFor(v.id, 1).map((e) => e.text)).toEqual(['Pinned one']);
    expect(service.examplesFor('no-such-voice')).toEqual([]);
  });

  it('ranks posts in this voice first, then by engagement rate, then published before approved and newest first', async () => {
    await start();
    const v = await voice({ name: 'Calm chef', learnFromPosts: true });
    const other = await voice({ name: 'Loud chef' });
    const oldApproved = await post('Old approved', 'approved', { daysAgo: 9 });
    const newApproved = await post('New approved', 'approved', { daysAgo: 2 });
    const quietPublished = await post('Published, no numbers', 'published', { daysAgo: 5 });
    const low = await post('Low rate', 'published', { daysAgo: 3 });
    const high = await post('High rate', 'published', { daysAgo: 4 });
    const mine = await post('In this voice', 'approved', { daysAgo: 20, voiceId: v.id });
    await post('In another voice', 'approved', { daysAgo: 30, voiceId: other.id });
    // An older snapshot of "Low rate" looked great; only the latest counts.
    metrics(low, { views: 100, likes: 90 }, t.clock.now() - DAY);
    metrics(low, { views: 1_000, likes: 10 });
    metrics(high, { impressions: 1_200, likes: 40, replies: 5, reposts: 5 });

    const r = await call<VoiceExamplesDto>(t.core, 'voices:examples', { voiceId: v.id });
    expect(r.basedOn).toBe(7);
    expect(r.examples.map((e) => e.postId)).toEqual([mine, high, low, quietPublished, newApproved]);
    expect(r.examples.map((e) => e.why)).toEqual([
      'Approved 3 Nov; no numbers yet; written in this voice',
      'Published 19 Nov; 4.2 % engagement on 1,200 impressions',
      'Published 20 Nov; 1.0 % engagement on 1,000 views',
      'Published 18 Nov; no numbers yet',
      'Approved 21 Nov; no numbers yet',
    ]);
    expect(r.examples.map((e) => e.postId)).not.toContain(oldApproved);
  });

  it('leaves out words a writer wrote until the creator edits them, and empty or repeated texts', async () => {
    await start();
    const v = await voice({ name: 'Calm chef', learnFromPosts: true, examples: ['Already pinned'] });
    const machine = await post('Written by the planner', 'approved');
    writtenByWriter(machine);
    const edited = await post('Planner draft', 'approved');
    writtenByWriter(edited);
    const own = await post('Already pinned', 'published');
    expect((await examples(v.id)).examples.map((e) => e.text)).toEqual(['Already pinned']);

    await call(t.core, 'posts:update', { id: edited, text: 'Planner draft, rewritten by me' });
    const r = await examples(v.id);
    expect(r.examples.map((e) => [e.text, e.postId])).toEqual([
      ['Already pinned', null],
      ['Planner draft, rewritten by me', edited],
    ]);
    expect(r.examples.map((e) => e.postId)).not.toContain(machine);
    expect(r.examples.map((e) => e.postId)).not.toContain(own);
  });

  it('drops a post for this voice only, and pins another so it shows once, as pinned', async () => {
    await start();
    const a = await voice({ name: 'Calm chef', learnFromPosts: true });
    const b = await voice({ name: 'Loud chef', learnFromPosts: true });
    const first = await post('First post', 'published', { daysAgo: 1 });
    const second = await post('Second post', 'approved', { daysAgo: 2 });

    const afterDrop = await call<VoiceExamplesDto>(t.core, 'voices:dropExample', { voiceId: a.id, postId: first });
    expect(afterDrop.examples.map((e) => e.postId)).toEqual([second]);
    expect(afterDrop.basedOn).toBe(1);
    expect((await examples(b.id)).examples.map((e) => e.postId)).toEqual([first, second]);
    // Dropping twice changes nothing.
    expect((await call<VoiceExamplesDto>(t.core, 'voices:dropExample', { voiceId: a.id, postId: first })).examples).toEqual(afterDrop.examples);

    const pinned = await call<VoiceDto>(t.core, 'voices:pinExample', { voiceId: a.id, postId: second });
    expect(pinned.examples).toEqual(['Second post']);
    expect((await examples(a.id)).examples).toEqual([{ text: 'Second post', postId: null, pinned: true, why: 'Pinned by you' }]);
    // Pinning the same words again keeps one copy.
    expect((await call<VoiceDto>(t.core, 'voices:pinExample', { voiceId: a.id, postId: second })).examples).toEqual(['Second post']);

    const unpinned = await call<VoiceDto>(t.core, 'voices:unpinExample', { voiceId: a.id, index: 0 });
    expect(unpinned.examples).toEqual([]);
    expect((await examples(a.id)).examples.map((e) => [e.postId, e.pinned])).toEqual([[second, false]]);

    const actions = db.prepare("SELECT action FROM audit_log WHERE action LIKE 'voice.example.%' ORDER BY id").all() as { action: string }[];
    expect(actions.map((x) => x.action)).toEqual(['voice.example.drop', 'voice.example.drop', 'voice.example.pin', 'voice.example.unpin']);
  });

  it('refuses unknown voices and posts, a 21st pinned example, and an index past the end, in plain words', async () => {
    await start();
    const v = await voice({ name: 'Calm chef', learnFromPosts: true, examples: Array.from({ length: 20 }, (_, i) => `Example ${i + 1}`) });
    const p = await post('One more', 'approved');
    expect(await fail('voices:examples', { voiceId: 'nope' })).toMatchObject({ code: 'not_found', message: expect.stringContaining('voice no longer exists') });
    expect(await fail('voices:dropExample', { voiceId: 'nope', postId: p })).toMatchObject({ code: 'not_found' });
    expect(await fail('voices:dropExample', { voiceId: v.id, postId: 'nope' })).toMatchObject({ code: 'invalid_input', issues: [{ path: ['postId'] }] });
    expect(await fail('voices:pinExample', { voiceId: v.id, postId: 'nope' })).toMatchObject({ code: 'invalid_input' });
    expect(await fail('voices:pinExample', { voiceId: v.id, postId: p })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('at most 20 pinned examples') });
    expect(await fail('voices:unpinExample', { voiceId: v.id, index: 20 })).toMatchObject({ code: 'invalid_input', issues: [{ path: ['index'] }] });
    expect(await fail('voices:unpinExample', { voiceId: v.id, index: -1 })).toMatchObject({ code: 'invalid_input' });
    expect((await call<VoiceDto[]>(t.core, 'voices:list'))[0]!.examples).toHaveLength(20);
  });

  it('learns from the latest posts only, however long the history: the best of an old year does not come back', async () => {
    await start();
    // Four years of history, then a post written this morning in the voice.
    seedPosts(t.dataDir, 1_000, t.clock, { pastDays: 1460, futureDays: 30 });
    const v = await voice({ name: 'Calm chef', learnFromPosts: true });
    const fresh = await post('Written this morning, in this voice', 'approved', { daysAgo: 0, voiceId: v.id });
    // The oldest published post, given numbers that would put it first among the others.
    const oldest = db.prepare(`SELECT p.id FROM posts p WHERE EXISTS (SELECT 1 FROM targets t WHERE t.post_id = p.id AND t.state = 'published') ORDER BY p.updated_at, p.id LIMIT 1`).pluck().get() as string;
    metrics(oldest, { views: 100, likes: 90 });
    const newest = db.prepare(`SELECT p.id FROM posts p WHERE p.id <> ? AND EXISTS (SELECT 1 FROM targets t WHERE t.post_id = p.id AND t.state = 'published') ORDER BY p.updated_at DESC, p.id DESC LIMIT 1`).pluck().get(fresh) as string;
    metrics(newest, { views: 100, likes: 10 });

    const r = await examples(v.id);
    expect(r.basedOn).toBe(LEARN_WINDOW);
    expect(r.examples[0]!.postId).toBe(fresh);
    expect(r.examples[1]!.postId).toBe(newest);
    expect(r.examples.map((e) => e.postId)).not.toContain(oldest);
    expect(r.examples).toHaveLength(5);
  });
});
