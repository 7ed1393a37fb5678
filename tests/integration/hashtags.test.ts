/**
 * Hashtag suggestions through the contract, on a real SQLite core: the creator's own tags ranked
 * by how their published posts did (each as it stood 24 h after it went out, 72 h on TikTok and
 * YouTube; current text), by the median, only where at least 5 posts with numbers back it and 10
 * posts in view have numbers, with how many posts each rests on (the floors themselves, the
 * median and first comments: hashtags-floors.test.ts); the model's beside them only when one is set up, cleaned and deduplicated; a failing model
 * leaves the creator's own tags and says what happened.
 */
import Database from 'better-sqlite3';
import { createRollups } from '../../electron/core/analytics/rollups';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HashtagSuggestionsDto } from '../../shared/contract/features/hashtags';
import { startOpenAiFake, type OpenAiFake } from '../fakes/ai/openai-server';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Metrics = Partial<Record<'views' | 'impressions' | 'likes' | 'replies' | 'reposts' | 'quotes' | 'shares' | 'saves', number>>;

describe('hashtag suggestions', () => {
  let fake: OpenAiFake;
  let t: TestCore;

  beforeAll(async () => {
    fake = await startOpenAiFake();
  });
  afterAll(async () => {
    await fake.stop();
  });
  afterEach(async () => {
    await t?.close();
    fake.reset();
  });

  /**
   * Writes what the publisher and the metrics sweep would have: the copy went out `ago` before the
   * test clock's now (20 days unless told), then its numbers, each look `after` its going out.
   */
  function publish(postId: string, snapshots: (Metrics & { after: number })[] = [], ago = 20 * DAY) {
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    db.pragma('busy_timeout = 5000');
    try {
      const publishedAt = t.clock.now() - ago;
      const targets = db.prepare("UPDATE targets SET state = 'published', published_at = ? WHERE post_id = ? RETURNING id").all(publishedAt, postId) as { id: string }[];
      // Through the one writer of numbers, as the collector records them.
      const rollups = createRollups(db);
      for (const target of targets) for (const { after, ...values } of snapshots) rollups.record(target.id, publishedAt + after, values);
    } finally {
      db.close();
    }
  }
  const post = async (text: string, platforms = ['bluesky']) => (await call<{ id: string }>(t.core, 'posts:create', { text, platforms, schedule: null })).id;
  const suggest = (input: Record<string, unknown>) => call<HashtagSuggestionsDto>(t.core, 'hashtags:suggest', input);

  /**
   * Twelve published posts, ten with numbers a day out (enough to rank), and one draft; each post's
   * numbers a day out differ from its newest. #cooking and #dinner have five posts with numbers a
   * day out; #knives, #viral and #Weeknight fewer, however high their one rate.
   */
  async function seed() {
    publish(await post('Sharp knives save dinners #Cooking #knives'), [
      { after: DAY, views: 1000, likes: 50 }, // 5 % a day out: this counts
      { after: 10 * DAY, views: 1000, likes: 500 }, // its newest, 50 % ten days on: not this
    ]);
    const edited = await post('First words #oldtag');
    await call(t.core, 'posts:update', { id: edited, text: 'Dinner in ten minutes #cooking #dinner' });
    publish(edited, [{ after: DAY, views: 1000, likes: 20, replies: 5, reposts: 3, saves: 2 }]); // 3 %
    publish(await post('A quiet kitchen tonight #cooking'), [{ after: DAY, views: 1000, likes: 40 }]); // 4 %
    publish(await post('Soup for a cold night #cooking'), [{ after: DAY, views: 1000, likes: 40 }]); // 4 %
    publish(await post('The one that went far #cooking #viral'), [{ after: DAY, views: 1000, likes: 400 }]); // 40 %, on one post
    publish(await post('Weeknight pasta for two #dinner #Weeknight', ['mastodon']), [{ after: DAY, impressions: 200, likes: 2 }]); // 1 %, from impressions
    publish(await post('Another weeknight, another pan #Weeknight #dinner'), [{ after: DAY, views: 0, likes: 4 }]); // seen by nobody: no rate
    publish(await post('Pan sauce in five #dinner'), [{ after: DAY, views: 1000, likes: 20 }]); // 2 %
    publish(await post('Beans on toast #dinner'), [{ after: DAY, views: 1000, likes: 20 }]); // 2 %
    publish(await post('Dinner for friends #dinner'), [{ after: DAY, views: 1000, likes: 60 }]); // 6 %
    publish(await post('Plain words, nothing else'), [{ after: DAY, views: 1000, likes: 30 }]); // 3 %, no tag: counts towards the ten
    // Out two hours ago, 90 % in its first hour: too young to set beside the others.
    publish(await post('Just out #cooking'), [{ after: HOUR, views: 1000, likes: 900 }], 2 * HOUR);
    await post('Not out yet #secret');
  }

  it('ranks by median rate only the tags with at least 5 posts with numbers, and lists the rest after as too few to judge, saying how many posts each rests on', async () => {
    t = await createTestCore();
    await seed();
    const r = await suggest({ text: 'Tonight: risotto' });

    expect(r).toMatchObject({ basedOn: 12, withNumbers: 10, floorNote: null });
    // One post at 40 % is noise: it does not outrank five posts at a median of 4 %.
    expect(r.history.map((h) => h.tag)).toEqual(['cooking', 'dinner', 'Weeknight', 'knives', 'viral']);
    const [cooking, dinner, weeknight, knives, viral] = r.history;
    // "cooking" in the casing used most (five times against once), on six posts, five with numbers a day out.
    expect(cooking).toMatchObject({ posts: 6, withNumbers: 5, ranked: true, reason: 'On 6 of your posts; median 4.0 % engagement, each post 24 h after it went out (5 with numbers then)' });
    // The median of 5, 3, 4, 4 and 40 %, not their mean (11.2 %), which the one post that went far would carry.
    expect(cooking!.engagementRate).toBeCloseTo(0.04, 6);
    expect(dinner).toMatchObject({ posts: 6, withNumbers: 5, ranked: true });
    expect(dinner!.engagementRate).toBeCloseTo(0.02, 6);
    expect(weeknight).toMatchObject({ posts: 2, withNumbers: 1, ranked: false, engagementRate: null, reason: 'Too few posts to judge: on 2 of your posts, only 1 with numbers 24 h after going out (it takes 5)' });
    expect(knives).toMatchObject({ posts: 1, withNumbers: 1, ranked: false, reason: 'Too few posts to judge: on 1 of your posts, only 1 with numbers 24 h after going out (it takes 5)' });
    expect(viral).toMatchObject({ posts: 1, withNumbers: 1, ranked: false, engagementRate: null });
    expect(viral!.reason).not.toContain('40');
    // The edited post's first words and the unpublished draft are not the creator's published tags.
    expect(r.history.map((h) => h.tag)).not.toContain('oldtag');
    expect(r.history.map((h) => h.tag)).not.toContain('secret');
  });

  it('rates each post as it stood 24 h after it went out (72 h on TikTok and YouTube), not by its newest numbers, and says so', async () => {
    t = await createTestCore();
    await seed();
    const cooking = (await suggest({ text: '' })).history.find((h) => h.tag === 'cooking');
    // Newest numbers would give a median of 50, 4, 4, 3, 40 and 90 %; a day out, and without the post too young for that, 4 %.
    expect(cooking!.engagementRate).toBeCloseTo(0.04, 6);
    expect(cooking).toMatchObject({ posts: 6, withNumbers: 5 });
    expect(cooking!.reason).toContain('24 h after it went out');

    // TikTok's numbers lag: its posts are read three days out.
    for (const likes of [40, 50, 60, 70, 80]) {
      for (const text of ['Loom in motion #loom', 'A clip without tags']) {
        publish(await post(text, ['tiktok']), [
          { after: DAY, views: 1000, likes: 10 },
          { after: 3 * DAY, views: 1000, likes },
          { after: 10 * DAY, views: 1000, likes: 400 },
        ]);
      }
    }
    const tiktok = await suggest({ text: '', platforms: ['tiktok'] });
    expect(tiktok.withNumbers).toBe(10);
    expect(tiktok.history[0]).toMatchObject({ tag: 'loom', posts: 5, withNumbers: 5, reason: 'On 5 of your posts; median 6.0 % engagement, each post 72 h after it went out (5 with numbers then)' });
    publish(await post('Loom, still #loom'), [{ after: DAY, views: 1000, likes: 60 }]);
    const loom = (await suggest({ text: '' })).history.find((h) => h.tag === 'loom')!;
    expect(loom.reason).toBe('On 6 of your posts; median 6.0 % engagement, each post 24 h (72 h on TikTok and YouTube, whose numbers lag) after it went out (6 with numbers then)');
  });

  it('counts a tag typed with a separate accent mark or in full-width letters as the same tag', async () => {
    t = await createTestCore();
    publish(await post('Morning coffee #Cafe\u0301'), [{ after: DAY, views: 1000, likes: 40 }]); // é as e + a combining accent (macOS)
    publish(await post('Afternoon tea #caf\u00e9'), [{ after: DAY, views: 1000, likes: 20 }]);
    publish(await post('Tools I use #\uff21\uff29')); // ＡＩ typed on a Japanese keyboard
    publish(await post('More tools #ai'));
    const r = await suggest({ text: 'Back at the café' });
    expect(r.history.map((h) => [h.tag.normalize('NFC'), h.posts])).toEqual([['Café', 2], ['\uff21\uff29', 2]]);
    expect(r.history[0]!.withNumbers).toBe(2);
    // Already in the text in the other form: left out.
    expect((await suggest({ text: 'Lunch #CAFÉ and #ＡＩ' })).history).toEqual([]);
  });

  it('leaves out tags already in the text, lists those too few to judge after by how many posts carry them, and looks only where asked', async () => {
    t = await createTestCore();
    await seed();
    publish(await post('Knife drawer tidy #drawers #organise'));
    publish(await post('Drawer again #drawers'));
    publish(await post('Drawer, third time #drawers'));

    const r = await suggest({ text: 'Risotto night #COOKING #knives', limit: 30 });
    // Then, on as many posts, the one with numbers first.
    expect(r.history.map((h) => h.tag)).toEqual(['dinner', 'drawers', 'Weeknight', 'viral', 'organise']);
    // Three posts, but none with numbers: after the ranked ones, not ranked by a rate it does not have.
    expect(r.history[1]).toMatchObject({ posts: 3, withNumbers: 0, engagementRate: null, reason: 'Too few posts to judge: on 3 of your posts, none with numbers 24 h after going out (it takes 5)' });

    expect((await suggest({ text: '', limit: 2 })).history.map((h) => h.tag)).toEqual(['cooking', 'dinner']);
    const mastodon = await suggest({ text: '', platforms: ['mastodon'] });
    expect(mastodon.basedOn).toBe(1);
    // One post on Mastodon: too few to rank anything there.
    expect(mastodon.floorNote).toMatch(/^Not ranked yet: only 1 of your 1 post has numbers/);
    expect(mastodon.history.map((h) => h.tag)).toEqual(['dinner', 'Weeknight']);
  });

  it('sends nothing anywhere without a model and says where the suggestions come from', async () => {
    t = await createTestCore();
    await seed();
    const r = await suggest({ text: 'Tonight: risotto #italian' });
    expect(r.model).toEqual([]);
    expect(r.modelNote).toBe('No model is set up in Settings → Writing; these come from your own posts only.');
    expect(r.where).toBeNull();
    expect(r.history.length).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(0);
  });

  async function withModel() {
    t = await createTestCore({ vault: memoryVault() });
    await seed();
    await call(t.core, 'writing:set', { provider: { kind: 'openai', baseURL: `${fake.url}/v1`, model: 'llama3.1', label: 'Ollama' } });
    await call(t.core, 'writing:setKey', { key: fake.apiKey });
  }
  const completions = () => fake.requests.filter((r) => r.path === '/v1/chat/completions');

  it('asks the model when one is set up: its tags come cleaned, without repeats of the text or the creator\'s own, each with its reason', async () => {
    await withModel();
    fake.script({
      json: {
        hashtags: [
          { tag: '#Risotto Night!', reason: 'Names the dish the post is about' },
          { tag: 'cooking', reason: 'Already one of yours' },
          { tag: '#italian', reason: 'Already in the post' },
          { tag: 'MealPrep', reason: '  People planning weeknight dinners   follow it ' },
          { tag: 'mealprep', reason: 'Said twice' },
          { tag: '#!!', reason: 'Nothing left once cleaned' },
          { tag: '2026', reason: 'Only digits' },
          { tag: 'home_cooks', reason: 'A community of home cooks' },
        ],
      },
    });
    const r = await suggest({ text: 'Tonight: risotto with lemon #italian', platforms: ['bluesky', 'mastodon'] });

    expect(r.model).toEqual([
      { tag: 'RisottoNight', reason: 'Names the dish the post is about' },
      { tag: 'MealPrep', reason: 'People planning weeknight dinners follow it' },
      { tag: 'home_cooks', reason: 'A community of home cooks' },
    ]);
    expect(r.modelNote).toBeNull();
    expect(r.where).toBe('on this computer (Ollama, llama3.1)');
    expect(r.history.map((h) => h.tag)).toContain('cooking');

    expect(completions()).toHaveLength(1);
    const body = JSON.stringify(completions()[0]!.body);
    expect(body).toContain('Tonight: risotto with lemon');
    expect(body).toContain('Bluesky');
    // Sizes and timings in the log, never the words sent or answered.
    const logText = readFileSync(t.logFile, 'utf8');
    expect(logText).toContain('hashtags suggested');
    expect(logText).not.toContain('risotto');
    expect(logText).not.toContain('RisottoNight');
  });

  it('keeps the creator\'s own tags and says why when the model fails or answers nonsense', async () => {
    await withModel();
    fake.fault({ kind: 'server_error', status: 500 });
    const failed = await suggest({ text: 'Tonight: risotto' });
    expect(failed.history.map((h) => h.tag)).toEqual(['cooking', 'dinner', 'Weeknight', 'knives', 'viral']);
    expect(failed.model).toEqual([]);
    expect(failed.modelNote).toMatch(/^Your model could not suggest hashtags: .+/);
    expect(failed.where).toBe('on this computer (Ollama, llama3.1)');

    fake.script({ raw: 'here are some hashtags: #food #yum' });
    const nonsense = await suggest({ text: 'Tonight: risotto' });
    expect(nonsense.history).toHaveLength(5);
    expect(nonsense.model).toEqual([]);
    expect(nonsense.modelNote).toMatch(/^Your model could not suggest hashtags: .+/);
    expect(nonsense.modelNote).not.toBe(failed.modelNote);
  });
});
