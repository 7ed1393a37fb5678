/**
 * What a hashtag claim may rest on (analytics.md), through the contract on a real SQLite core:
 * no tag is ranked until 10 posts in view have numbers (the screen says how many there are and how
 * many more it takes, and lists tags by how often they were used); a tag is ranked only from 5
 * posts with numbers; by the median, not the mean; and a tag in a first comment is the post's, in
 * suggestions and in what works alike, counted once per post.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WhatWorksDto } from '../../shared/contract/features/analytics';
import type { HashtagSuggestionsDto } from '../../shared/contract/features/hashtags';
import { dayKey } from '../../shared/domain/time';
import { createRollups } from '../../electron/core/analytics/rollups';
import { DAY, HOUR, seeder } from '../support/analytics-seed';
import { call, createTestCore, type TestCore } from '../support/core';

describe('hashtag suggestions: floors, median and first comments', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  /** Publishes the post's copies 20 days before the test clock's now, with a rate of `likes` ‰ a day out (none for null). */
  function publish(postId: string, likes: number | null) {
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    db.pragma('busy_timeout = 5000');
    try {
      const publishedAt = t.clock.now() - 20 * DAY;
      const targets = db.prepare("UPDATE targets SET state = 'published', published_at = ? WHERE post_id = ? RETURNING id").all(publishedAt, postId) as { id: string }[];
      if (likes !== null) for (const target of targets) createRollups(db).record(target.id, publishedAt + DAY, { views: 1000, likes });
    } finally {
      db.close();
    }
  }
  const post = async (text: string, extra: Record<string, unknown> = {}) =>
    (await call<{ id: string }>(t.core, 'posts:create', { text, platforms: ['bluesky'], schedule: null, ...extra })).id;
  /** The first comment each copy went out with, as the publisher keeps it (the test core has no platform clients to take one). */
  function comment(postId: string, text: string) {
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    db.pragma('busy_timeout = 5000');
    try {
      db.prepare("INSERT INTO target_parts (target_id, position, kind, text) SELECT id, 1, 'comment', ? FROM targets WHERE post_id = ?").run(text, postId);
    } finally {
      db.close();
    }
  }
  const suggest = (text = '') => call<HashtagSuggestionsDto>(t.core, 'hashtags:suggest', { text, limit: 30 });

  it('ranks nothing until 10 posts have numbers: it says how many there are and how many more it takes, and lists tags by how often they were used', async () => {
    t = await createTestCore();
    for (const likes of [20, 30, 30, 40, 20]) publish(await post('Bread again #bread'), likes);
    publish(await post('The cake everyone shared #cake'), 500);
    publish(await post('Crumb shot #bread'), null);

    const below = await suggest();
    expect(below).toMatchObject({ basedOn: 7, withNumbers: 6 });
    expect(below.floorNote).toBe('Not ranked yet: only 6 of your 7 posts have numbers 24 h after going out, and ranking takes 10 (4 more). Until then, your tags are listed by how often you used them.');
    // By how often they were used, with no rate: not the cake's one post at 50 %.
    expect(below.history.map((h) => [h.tag, h.posts, h.withNumbers, h.ranked, h.engagementRate])).toEqual([
      ['bread', 6, 5, false, null],
      ['cake', 1, 1, false, null],
    ]);
    expect(below.history[0]!.reason).toBe('On 6 of your posts, 5 with numbers 24 h after going out: not ranked until 10 of your posts have numbers');
    expect(below.history.map((h) => h.reason).join(' ')).not.toMatch(/%/);

    // Four more posts with numbers (untagged ones count too): now ranked.
    for (let i = 0; i < 4; i++) publish(await post('Plain words'), 30);
    const ranked = await suggest();
    expect(ranked).toMatchObject({ basedOn: 11, withNumbers: 10, floorNote: null });
    expect(ranked.history[0]).toMatchObject({ tag: 'bread', ranked: true, reason: 'On 6 of your posts; median 3.0 % engagement, each post 24 h after it went out (5 with numbers then)' });
    expect(ranked.history[1]).toMatchObject({ tag: 'cake', ranked: false, engagementRate: null });
  });

  it('ranks by the median, so a few posts that went far do not carry a tag', async () => {
    t = await createTestCore();
    for (const likes of [20, 30, 30, 40, 600]) publish(await post('Bread again #bread'), likes); // median 3 %, mean 14.4 %
    for (const likes of [50, 50, 50, 50, 50]) publish(await post('Cake again #cake'), likes); // 5 % every time
    const r = await suggest();
    expect(r.history.map((h) => h.tag)).toEqual(['cake', 'bread']);
    expect(r.history[1]!.engagementRate).toBeCloseTo(0.03, 6);
    expect(r.history[1]!.reason).toBe('On 5 of your posts; median 3.0 % engagement, each post 24 h after it went out (5 with numbers then)');
  });

  it('never ranks a tag on fewer than 5 posts with numbers above one on 5, however well its few did', async () => {
    t = await createTestCore();
    for (const likes of [20, 20, 20, 20, 20, 20]) publish(await post('Bread again #bread'), likes); // 2 %, six posts
    for (const likes of [90, 90, 90, 90]) publish(await post('Cake again #cake'), likes); // 9 %, four posts
    publish(await post('Pie, once #pie'), 300); // 30 %, one post
    const r = await suggest();
    expect(r.history.map((h) => [h.tag, h.ranked, h.posts])).toEqual([
      ['bread', true, 6],
      ['cake', false, 4],
      ['pie', false, 1],
    ]);
    expect(r.history[1]!.reason).toBe('Too few posts to judge: on 4 of your posts, only 4 with numbers 24 h after going out (it takes 5)');
  });

  it('reads the tags of a first comment, once per post however many copies and places carry a tag', async () => {
    t = await createTestCore();
    const platforms = ['bluesky', 'mastodon'];
    // The tag in the text and again in the comment, on two copies: still one post.
    const loaf = await post('Fresh loaf #Bread', { platforms });
    comment(loaf, '#bread #crumb');
    publish(loaf, 30);
    const another = await post('Another loaf', { platforms });
    comment(another, 'Tags: #crumb');
    publish(another, 40);
    publish(await post('Just words', { platforms }), 40);
    const r = await suggest();
    expect(r.basedOn).toBe(3);
    expect(r.history.map((h) => [h.tag, h.posts, h.withNumbers])).toEqual([
      ['crumb', 2, 2],
      ['Bread', 1, 1],
    ]);
  });
});

describe('what works: hashtags in a first comment', () => {
  let t: TestCore;
  let db: Database.Database;
  afterEach(async () => {
    db?.close();
    await t?.close();
  });

  it('counts a hashtag in a first comment as one of the post\'s tags, once however many times it appears', async () => {
    const zone = 'Europe/Berlin';
    t = await createTestCore({ zone });
    const now = t.clock.now();
    db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    const s = seeder(db, now);
    const a = s.account('instagram', 'weaver');
    const part = db.prepare("INSERT INTO target_parts (target_id, position, kind, text) VALUES (?, 1, 'comment', ?)");
    let i = 0;
    const add = (text: string, likes: number, comment: string | null = null) => {
      const publishedAt = now - 2 * DAY - ++i * HOUR * 5;
      const p = s.post({ accountId: a, text, publishedAt });
      if (comment) part.run(p.targetId, comment);
      s.record(p.targetId, publishedAt + DAY, { views: 1000, likes });
    };
    // Five posts whose tag is only in their first comment (one also in the caption), and a sixth with it in the caption only.
    for (const likes of [80, 90, 100, 70]) add('A new weave, close up', likes, '#Craft #loom');
    add('Warp and weft #craft', 90, '#craft again');
    add('Loom tips #craft', 80);
    for (const likes of [30, 40, 30, 20]) add('Plain words, nothing else', likes);
    const w = await call<WhatWorksDto>(t.core, 'analytics:whatWorks', { from: dayKey(now - 6 * DAY, zone), to: dayKey(now, zone), accountId: a });
    const tags = w.dimensions.find((d) => d.dimension === 'hashtags')!;
    expect(tags.groups.map((g) => [g.label, g.n])).toEqual([['#craft', 6]]);
    // #loom, on four posts: hidden, and counted as hidden.
    expect(tags.hidden).toBe(1);
  });
});
