/**
 * Hashtag suggestions through the contract, on a real SQLite core: the creator's own tags ranked
 * by how their published posts did (latest numbers, current text), with how many posts each rests
 * on; the model's beside them only when one is set up, cleaned and deduplicated; a failing model
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

  /** Writes what the publisher and the metrics sweep would have: the copy went out, then its numbers. */
  function publish(postId: string, snapshots: (Metrics & { at: number })[] = []) {
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    db.pragma('busy_timeout = 5000');
    try {
      const targets = db.prepare("UPDATE targets SET state = 'published', published_at = 1000 WHERE post_id = ? RETURNING id").all(postId) as { id: string }[];
      // Through the one writer of numbers, as the collector records them.
      const rollups = createRollups(db);
      for (const target of targets) for (const { at, ...values } of snapshots) rollups.record(target.id, at, values);
    } finally {
      db.close();
    }
  }
  const post = async (text: string, platforms = ['bluesky']) => (await call<{ id: string }>(t.core, 'posts:create', { text, platforms, schedule: null })).id;
  const suggest = (input: Record<string, unknown>) => call<HashtagSuggestionsDto>(t.core, 'hashtags:suggest', input);

  /** Five published posts and one draft; numbers chosen so each tag's average differs. */
  async function seed() {
    publish(await post('Sharp knives save dinners #Cooking #knives'), [
      { at: 2_000, views: 1000, likes: 500 }, // an older check: the latest one counts
      { at: 3_000, views: 1000, likes: 50 },
    ]); // 5 %
    const edited = await post('First words #oldtag');
    await call(t.core, 'posts:update', { id: edited, text: 'Dinner in ten minutes #cooking #dinner' });
    publish(edited, [{ at: 3_000, views: 1000, likes: 20, replies: 5, reposts: 3, saves: 2 }]); // 3 %
    publish(await post('A quiet kitchen tonight #cooking')); // no numbers yet
    publish(await post('Weeknight pasta for two #dinner #Weeknight', ['mastodon']), [{ at: 3_000, impressions: 200, likes: 2 }]); // 1 %, from impressions
    publish(await post('Another weeknight, another pan #Weeknight'), [{ at: 3_000, views: 0, likes: 4 }]); // seen by nobody yet: no rate
    await post('Not out yet #secret');
  }

  it('ranks the creator\'s tags by the engagement of the posts that carried them, saying how many posts each rests on', async () => {
    t = await createTestCore();
    await seed();
    const r = await suggest({ text: 'Tonight: risotto' });

    expect(r.basedOn).toBe(5);
    expect(r.history.map((h) => h.tag)).toEqual(['knives', 'cooking', 'dinner', 'Weeknight']);
    const [knives, cooking, dinner, weeknight] = r.history;
    expect(knives).toMatchObject({ posts: 1, withNumbers: 1, reason: 'Only on 1 of your posts, so this rests on 1 post; 5.0% engagement there' });
    expect(knives!.engagementRate).toBeCloseTo(0.05, 6);
    // "cooking" in the casing used most (twice against once), on three posts, two with numbers.
    expect(cooking).toMatchObject({ posts: 3, withNumbers: 2, reason: 'On 3 of your posts; 4.0% engagement on average (2 with numbers)' });
    expect(cooking!.engagementRate).toBeCloseTo(0.04, 6);
    expect(dinner).toMatchObject({ posts: 2, withNumbers: 2 });
    expect(dinner!.engagementRate).toBeCloseTo(0.02, 6);
    expect(weeknight).toMatchObject({ posts: 2, withNumbers: 1, reason: 'On 2 of your posts; 1.0% engagement on average (1 with numbers)' });
    // The edited post's first words and the unpublished draft are not the creator's published tags.
    expect(r.history.map((h) => h.tag)).not.toContain('oldtag');
    expect(r.history.map((h) => h.tag)).not.toContain('secret');
  });

  it('counts a tag typed with a separate accent mark or in full-width letters as the same tag', async () => {
    t = await createTestCore();
    publish(await post('Morning coffee #Cafe\u0301'), [{ at: 3_000, views: 1000, likes: 40 }]); // é as e + a combining accent (macOS)
    publish(await post('Afternoon tea #caf\u00e9'), [{ at: 3_000, views: 1000, likes: 20 }]);
    publish(await post('Tools I use #\uff21\uff29')); // ＡＩ typed on a Japanese keyboard
    publish(await post('More tools #ai'));
    const r = await suggest({ text: 'Back at the café' });
    expect(r.history.map((h) => [h.tag.normalize('NFC'), h.posts])).toEqual([['Café', 2], ['\uff21\uff29', 2]]);
    expect(r.history[0]!.engagementRate).toBeCloseTo(0.03, 6);
    // Already in the text in the other form: left out.
    expect((await suggest({ text: 'Lunch #CAFÉ and #ＡＩ' })).history).toEqual([]);
  });

  it('leaves out tags already in the text, keeps tags without numbers after those with, and looks only where asked', async () => {
    t = await createTestCore();
    await seed();
    publish(await post('Knife drawer tidy #drawers #organise'));
    publish(await post('Drawer again #drawers'));

    const r = await suggest({ text: 'Risotto night #COOKING #knives', limit: 30 });
    expect(r.history.map((h) => h.tag)).toEqual(['dinner', 'Weeknight', 'drawers', 'organise']);
    expect(r.history[2]).toMatchObject({ posts: 2, withNumbers: 0, engagementRate: null, reason: 'On 2 of your posts; no numbers yet' });
    expect(r.history[3]!.reason).toBe('Only on 1 of your posts, so this rests on 1 post; no numbers yet');

    expect((await suggest({ text: '', limit: 2 })).history.map((h) => h.tag)).toEqual(['knives', 'cooking']);
    const mastodon = await suggest({ text: '', platforms: ['mastodon'] });
    expect(mastodon.basedOn).toBe(1);
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
    expect(failed.history.map((h) => h.tag)).toEqual(['knives', 'cooking', 'dinner', 'Weeknight']);
    expect(failed.model).toEqual([]);
    expect(failed.modelNote).toMatch(/^Your model could not suggest hashtags: .+/);
    expect(failed.where).toBe('on this computer (Ollama, llama3.1)');

    fake.script({ raw: 'here are some hashtags: #food #yum' });
    const nonsense = await suggest({ text: 'Tonight: risotto' });
    expect(nonsense.history).toHaveLength(4);
    expect(nonsense.model).toEqual([]);
    expect(nonsense.modelNote).toMatch(/^Your model could not suggest hashtags: .+/);
    expect(nonsense.modelNote).not.toBe(failed.modelNote);
  });
});
