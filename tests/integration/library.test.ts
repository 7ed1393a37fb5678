import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core';
import type { PostDto, PostVersionDto } from '../../shared/contract';
import type { PillarDto, PostLinksDto, TemplateDto, TemplateRenderDto, VoiceDto } from '../../shared/contract/features/library';
import { call, createTestCore, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC (10:00 in Berlin).
const tomorrowAt = (time: string) => ({ date: '2026-11-24', time });

describe('the template library through the contract', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  const list = (input: { query?: string; category?: string } = {}) => call<TemplateDto[]>(t.core, 'templates:list', input);
  const fail = async (channel: string, input: unknown) => {
    const r = await t.core.dispatch(channel, input);
    if (r.ok) throw new Error(`${channel} was expected to fail`);
    return r.error;
  };

  it('ships at least ten hooks and five short-video frameworks, built in and with variables', async () => {
    t = await createTestCore();
    const hooks = await list({ category: 'hook' });
    const videos = await list({ category: 'video_script' });
    expect(hooks.length).toBeGreaterThanOrEqual(10);
    expect(videos.length).toBeGreaterThanOrEqual(5);
    expect((await list({ category: 'cta' })).length).toBeGreaterThanOrEqual(3);
    expect((await list({ category: 'thread' })).length).toBeGreaterThanOrEqual(2);
    for (const tpl of [...hooks, ...videos]) {
      expect(tpl.builtin).toBe(true);
      expect(tpl.variables.length, tpl.name).toBeGreaterThan(0);
      expect(tpl.description, tpl.name).not.toBe('');
    }
    const everything = await list();
    expect(everything.map((x) => x.category).indexOf('video_script')).toBeGreaterThan(everything.map((x) => x.category).lastIndexOf('hook'));
    expect(await call<TemplateDto>(t.core, 'templates:get', { id: 'builtin-hook-product-benefit' })).toMatchObject({ variables: ['product', 'benefit'], useCount: 0 });
  });

  it('searches names, descriptions, bodies and categories by word prefixes, best matches first', async () => {
    t = await createTestCore();
    const myth = await list({ query: 'myth' });
    expect(myth.map((x) => x.id)).toEqual(expect.arrayContaining(['builtin-hook-myth', 'builtin-video-myth-fact']));
    expect((await list({ query: 'myth', category: 'hook' })).map((x) => x.id)).toEqual(['builtin-hook-myth']);
    // "scrol" finds the description that says "stop scrolling"; two words must both match.
    expect((await list({ query: 'scrol' })).map((x) => x.id)).toContain('builtin-hook-if-youre-struggling');
    expect((await list({ query: 'struggling audience' })).map((x) => x.id)).toEqual(['builtin-hook-if-youre-struggling']);
    // Category words: "call to action" finds the CTAs by their category alone.
    const ctas = await list({ query: 'call to action' });
    expect(ctas.filter((x) => x.category === 'cta').length).toBeGreaterThanOrEqual(5);
    // The name weighs more than the body.
    expect((await list({ query: 'product' }))[0]!.id).toBe('builtin-hook-product-benefit');
    expect(await list({ query: 'zzzqqq' })).toEqual([]);
    // Text that would be FTS syntax is only words.
    for (const query of ['"myth*', 'myth)(:^', '-myth']) expect((await list({ query })).map((x) => x.id)).toEqual(myth.map((x) => x.id));
    expect(await list({ query: '{}*"' })).toHaveLength((await list()).length);
  });

  it('creates, edits, finds and deletes the creator’s own templates', async () => {
    t = await createTestCore();
    const mine = await call<TemplateDto>(t.core, 'templates:save', { name: 'Launch teaser', category: 'general', body: 'Something new for {audience} lands {day}.' });
    expect(mine).toMatchObject({ builtin: false, variables: ['audience', 'day'], description: '', deletedAt: null });
    const edited = await call<TemplateDto>(t.core, 'templates:save', { id: mine.id, name: 'Launch teaser', category: 'hook', description: 'Countdown opener', body: '{days} days until {product} ships.' });
    expect(edited).toMatchObject({ category: 'hook', variables: ['days', 'product'], description: 'Countdown opener' });
    expect((await list({ query: 'countdown' })).map((x) => x.id)).toEqual([mine.id]);
    expect((await list({ query: 'lands' })).map((x) => x.id)).toEqual([]);

    await call(t.core, 'templates:delete', { id: mine.id });
    expect((await list()).map((x) => x.id)).not.toContain(mine.id);
    expect(await list({ query: 'countdown' })).toEqual([]);
    expect((await call<TemplateDto>(t.core, 'templates:get', { id: mine.id })).deletedAt).not.toBeNull();
    expect(await fail('templates:save', { id: mine.id, name: 'again', category: 'hook', body: 'x' })).toMatchObject({ code: 'not_found' });
    expect(await fail('templates:delete', { id: mine.id })).toMatchObject({ code: 'not_found' });
  });

  it('refuses to change or delete a built-in template and offers a copy instead', async () => {
    t = await createTestCore();
    const del = await fail('templates:delete', { id: 'builtin-hook-stop-doing' });
    expect(del.code).toBe('conflict');
    expect(del.message).toMatch(/comes with Loomcast.*Duplicate it/);
    expect(await fail('templates:save', { id: 'builtin-hook-stop-doing', name: 'Mine now', category: 'hook', body: 'x' })).toMatchObject({ code: 'conflict' });
    expect((await call<TemplateDto>(t.core, 'templates:get', { id: 'builtin-hook-stop-doing' })).name).toBe('Stop doing this');

    const copy = await call<TemplateDto>(t.core, 'templates:duplicate', { id: 'builtin-hook-stop-doing' });
    expect(copy).toMatchObject({ name: 'Stop doing this (copy)', builtin: false, category: 'hook' });
    await call(t.core, 'templates:save', { id: copy.id, name: 'Stop doing this, my way', category: 'hook', body: 'Quit {bad habit}. Today.' });
    await call(t.core, 'templates:delete', { id: copy.id });
  });

  it('explains a variable it cannot read, by line, and saves nothing', async () => {
    t = await createTestCore();
    const before = (await list()).length;
    const err = await fail('templates:save', { name: 'Broken', category: 'general', body: 'fine line\nBuy {product now' });
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/Line 2: “\{product now” opens a variable that is never closed/);
    expect(err.issues).toEqual([expect.objectContaining({ path: ['body'] })]);
    expect(await fail('templates:save', { name: '  ', category: 'general', body: 'x' })).toMatchObject({ issues: [expect.objectContaining({ path: ['name'], message: 'Give the template a name' })] });
    expect(await fail('templates:save', { name: 'x', category: 'memes', body: 'x' })).toMatchObject({ issues: [expect.objectContaining({ path: ['category'] })] });
    expect((await list()).length).toBe(before);
  });

  it('renders with values and reports the ones missing and the ones it does not know', async () => {
    t = await createTestCore();
    const r = await call<TemplateRenderDto>(t.core, 'templates:render', { id: 'builtin-hook-product-benefit', values: { Product: 'Loomcast', prodcut: 'typo' } });
    expect(r).toEqual({ text: 'Loomcast does one thing better than anything I’ve used: {benefit}.', missing: ['benefit'], unknown: ['prodcut'] });
  });

  it('makes a post from a template that remembers the template and says its first version came from it', async () => {
    t = await createTestCore();
    const values = { product: 'Loomcast', benefit: 'a week of posts planned before Monday coffee' };
    const post = await call<PostDto>(t.core, 'templates:use', { templateId: 'builtin-hook-product-benefit', values, platforms: ['x', 'bluesky'], schedule: tomorrowAt('14:30') });
    expect(post.text).toBe('Loomcast does one thing better than anything I’ve used: a week of posts planned before Monday coffee.');
    expect(post.targets.map((x) => x.state)).toEqual(['scheduled', 'scheduled']);
    expect(post.scheduledAt).toBe('2026-11-24T13:30:00.000Z');

    const [links] = await call<PostLinksDto[]>(t.core, 'posts:links', { ids: [post.id] });
    expect(links).toEqual({ postId: post.id, templateId: 'builtin-hook-product-benefit', pillarId: null, voiceId: null });
    const versions = await call<PostVersionDto[]>(t.core, 'posts:versions', { id: post.id });
    expect(versions.map((v) => [v.number, v.source])).toEqual([[1, 'template']]);
    expect((await call<TemplateDto>(t.core, 'templates:get', { id: 'builtin-hook-product-benefit' })).useCount).toBe(1);

    // An edit afterwards is the creator's own words; the link to the template stays.
    await call(t.core, 'posts:update', { id: post.id, text: 'Edited by hand' });
    const after = await call<PostVersionDto[]>(t.core, 'posts:versions', { id: post.id });
    expect(after.map((v) => [v.number, v.source])).toEqual([
      [2, 'manual'],
      [1, 'template'],
    ]);
    expect((await call<PostLinksDto[]>(t.core, 'posts:links', { ids: [post.id] }))[0]!.templateId).toBe('builtin-hook-product-benefit');

    // Deleting a template of one's own keeps the posts' link to it.
    const mine = await call<TemplateDto>(t.core, 'templates:save', { name: 'Mine', category: 'cta', body: 'Reply with {word}.' });
    const draft = await call<PostDto>(t.core, 'templates:use', { templateId: mine.id, values: { word: 'yes' }, platforms: ['mastodon'], schedule: null });
    expect(draft.targets[0]!.state).toBe('draft');
    await call(t.core, 'templates:delete', { id: mine.id });
    expect((await call<PostLinksDto[]>(t.core, 'posts:links', { ids: [draft.id] }))[0]!.templateId).toBe(mine.id);
  });

  it('refuses to use a template with a variable unfilled or unknown, and makes no post', async () => {
    t = await createTestCore();
    const missing = await fail('templates:use', { templateId: 'builtin-hook-product-benefit', values: { product: 'Loomcast', benefit: '  ' }, platforms: ['x'], schedule: null });
    expect(missing).toMatchObject({ code: 'invalid_input', issues: [{ path: ['values', 'benefit'], message: 'Fill in {benefit}' }] });
    expect(missing.message).toBe('Fill in {benefit} before using “The product in one benefit”.');
    const unknown = await fail('templates:use', { templateId: 'builtin-hook-product-benefit', values: { product: 'a', benefit: 'b', bonus: 'c' }, platforms: ['x'], schedule: null });
    expect(unknown.message).toMatch(/has no \{bonus\}/);
    const past = await fail('templates:use', { templateId: 'builtin-hook-product-benefit', values: { product: 'a', benefit: 'b' }, platforms: ['x'], schedule: { date: '2026-11-22', time: '10:00' } });
    expect(past.code).toBe('invalid_time');
    expect(await call<PostDto[]>(t.core, 'posts:list', { scope: 'all' })).toEqual([]);
  });

  it('turns a thread skeleton into a post with its thread parts where the platform has threads', async () => {
    t = await createTestCore({ clients: { bluesky: scriptedClient('bluesky').client } });
    const values = { duration: 'a year', 'doing what': 'posting daily', 'lesson one': 'Batch on Mondays', 'why it matters': 'Decisions tire you', 'lesson two': 'Reuse winners', 'lesson three': 'Reply fast', audience: 'creator', topic: 'planning' };
    const post = await call<PostDto>(t.core, 'templates:use', { templateId: 'builtin-thread-lessons', values, platforms: ['bluesky'], schedule: null });
    expect(post.text).toBe('I spent a year posting daily. Here are 3 lessons I wish I’d known on day one 🧵');
    expect(post.thread).toEqual(['1. Batch on Mondays\n\nDecisions tire you', '2. Reuse winners', '3. Reply fast', 'If this helped, repost the first post so another creator sees it. I write about planning every week.']);
  });
});

describe('brand voices and content pillars', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  const fail = async (channel: string, input: unknown) => {
    const r = await t.core.dispatch(channel, input);
    if (r.ok) throw new Error(`${channel} was expected to fail`);
    return r.error;
  };

  it('saves a voice with its words and examples, keeping each word once, and refuses a word in both lists', async () => {
    t = await createTestCore();
    const voice = await call<VoiceDto>(t.core, 'voices:save', {
      name: 'Kitchen friend',
      tone: 'warm, practical, no jargon',
      wordsToUse: ['easy', 'weeknight', 'Easy'],
      wordsToAvoid: ['gourmet'],
      examples: ['Three pantry dinners for a Tuesday.'],
    });
    expect(voice).toMatchObject({ name: 'Kitchen friend', wordsToUse: ['easy', 'weeknight'], wordsToAvoid: ['gourmet'], examples: ['Three pantry dinners for a Tuesday.'] });
    expect(await fail('voices:save', { name: 'kitchen FRIEND' })).toMatchObject({ issues: [{ path: ['name'] }] });
    expect((await fail('voices:save', { name: 'Clash', wordsToUse: ['Cheap'], wordsToAvoid: ['cheap'] })).message).toMatch(/“Cheap” is both a word to use and a word to avoid/);
    const renamed = await call<VoiceDto>(t.core, 'voices:save', { id: voice.id, name: 'Kitchen Friend', tone: 'warm' });
    expect(renamed).toMatchObject({ id: voice.id, name: 'Kitchen Friend', wordsToUse: [] });
    expect((await call<VoiceDto[]>(t.core, 'voices:list')).map((v) => v.name)).toEqual(['Kitchen Friend']);
  });

  it('names the example or blank it refuses, by the paths the library’s forms put their errors at, and saves nothing', async () => {
    t = await createTestCore();
    const saved = await call<VoiceDto>(t.core, 'voices:save', { name: 'Calm chef', examples: ['Soup for a Sunday.'] });
    const long = 'b'.repeat(5_001);
    expect(await fail('voices:save', { id: saved.id, name: 'Calm chef', examples: ['Fine.', long] })).toMatchObject({ code: 'invalid_input', issues: [{ path: ['examples', 1], message: 'An example post is at most 5,000 characters' }] });
    expect(await fail('voices:save', { id: saved.id, name: 'Calm chef', examples: ['  '] })).toMatchObject({ issues: [{ path: ['examples', 0], message: 'An example post is empty' }] });
    const many = Array.from({ length: 21 }, (_, i) => `Dinner ${i}.`);
    expect(await fail('voices:save', { id: saved.id, name: 'Calm chef', examples: many })).toMatchObject({ issues: [{ path: ['examples'], message: 'At most 20 example posts' }] });
    expect((await call<VoiceDto[]>(t.core, 'voices:list')).map((v) => v.examples)).toEqual([['Soup for a Sunday.']]);

    const tooLong = await fail('templates:use', { templateId: 'builtin-hook-product-benefit', values: { product: 'Loomcast', benefit: long }, platforms: ['x'], schedule: null });
    expect(tooLong).toMatchObject({ code: 'invalid_input', issues: [{ path: ['values', 'benefit'], message: 'A value is at most 5,000 characters' }] });
    expect(await fail('templates:use', { templateId: 'builtin-hook-product-benefit', values: { product: 'a', benefit: 'b' }, platforms: [], schedule: null })).toMatchObject({ issues: [{ path: ['platforms'], message: 'Pick at least one platform' }] });
    expect(await call<PostDto[]>(t.core, 'posts:list', { scope: 'drafts' })).toEqual([]);
  });

  it('runs four TikTok channels with one pillar each, with colours, accounts and voices', async () => {
    t = await createTestCore();
    const accounts = [];
    for (const handle of ['quickmeals', 'knifeskills', 'baking', 'budget']) {
      accounts.push(await t.core.services.accounts.add({ platform: 'tiktok', handle, credentials: { accessToken: `tok-${handle}` } }));
    }
    const voice = await call<VoiceDto>(t.core, 'voices:save', { name: 'Calm chef' });
    const themes = [
      ['Quick meals', '#F80'],
      ['Knife skills', '#0f766e'],
      ['Baking', '#A855F7'],
      ['Budget', '#2563eb'],
    ] as const;
    const pillars: PillarDto[] = [];
    for (const [i, [name, color]] of themes.entries()) {
      pillars.push(await call<PillarDto>(t.core, 'pillars:save', { name, color, accountIds: [accounts[i]!.id], voiceId: voice.id }));
    }
    expect(pillars.map((p) => p.color)).toEqual(['#ff8800', '#0f766e', '#a855f7', '#2563eb']);
    expect(pillars[0]!.accountIds).toEqual([accounts[0]!.id]);
    expect((await call<PillarDto[]>(t.core, 'pillars:list')).map((p) => p.name)).toEqual(['Baking', 'Budget', 'Knife skills', 'Quick meals']);

    expect(await fail('pillars:save', { name: 'Bad', color: 'teal' })).toMatchObject({ issues: [{ path: ['color'], message: 'Use a hex colour like #0f766e' }] });
    expect(await fail('pillars:save', { name: 'Ghost', color: '#000', accountIds: ['no-such-account'] })).toMatchObject({ code: 'invalid_input', issues: [{ path: ['accountIds', 0] }] });
    expect(await fail('pillars:save', { name: 'baking', color: '#000' })).toMatchObject({ issues: [{ path: ['name'] }] });

    // A post from a template in a pillar speaks in the pillar's voice unless told otherwise.
    const post = await call<PostDto>(t.core, 'templates:use', {
      templateId: 'builtin-cta-follow',
      values: { topic: 'weeknight dinner', cadence: 'weekday' },
      accounts: [accounts[0]!.id],
      schedule: null,
      pillarId: pillars[0]!.id,
    });
    expect((await call<PostLinksDto[]>(t.core, 'posts:links', { ids: [post.id] }))[0]).toMatchObject({ pillarId: pillars[0]!.id, voiceId: voice.id });
    expect((await call<PillarDto[]>(t.core, 'pillars:list')).find((p) => p.id === pillars[0]!.id)!.postCount).toBe(1);

    // Moving it to another pillar, then deleting that pillar, leaves the post without one.
    expect(await call<PostLinksDto>(t.core, 'posts:setPillar', { postId: post.id, pillarId: pillars[1]!.id })).toMatchObject({ pillarId: pillars[1]!.id });
    await call(t.core, 'pillars:delete', { id: pillars[1]!.id });
    expect((await call<PostLinksDto[]>(t.core, 'posts:links', { ids: [post.id] }))[0]).toMatchObject({ pillarId: null, voiceId: voice.id });
    expect(await call<PostLinksDto>(t.core, 'posts:setVoice', { postId: post.id, voiceId: null })).toMatchObject({ voiceId: null });

    // Deleting the voice leaves the pillars without one.
    await call(t.core, 'voices:delete', { id: voice.id });
    expect((await call<PillarDto[]>(t.core, 'pillars:list')).every((p) => p.voiceId === null)).toBe(true);

    expect(await fail('posts:setPillar', { postId: post.id, pillarId: 'nope' })).toMatchObject({ code: 'invalid_input', issues: [{ path: ['pillarId'] }] });
    expect(await fail('posts:setPillar', { postId: 'nope', pillarId: null })).toMatchObject({ code: 'not_found' });
  });

  it('keeps every change in the audit log', async () => {
    t = await createTestCore();
    const p = await call<PillarDto>(t.core, 'pillars:save', { name: 'Behind the scenes', color: '#123456' });
    await call(t.core, 'pillars:delete', { id: p.id });
    await call(t.core, 'templates:duplicate', { id: 'builtin-cta-question' });
    const db = new Database(join(t.dataDir, DATABASE_FILE), { readonly: true });
    try {
      const actions = (db.prepare("SELECT action FROM audit_log WHERE entity IN ('pillar','template') ORDER BY id").all() as { action: string }[]).map((r) => r.action);
      expect(actions).toEqual(['pillar.create', 'pillar.delete', 'template.duplicate']);
    } finally {
      db.close();
    }
  });
});
