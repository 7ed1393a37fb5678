/**
 * The generation queue's other jobs, through the contract against local servers speaking the
 * providers' APIs through the real SDKs: a voice (its tone, words and examples) goes into the
 * prompt and is recorded with each draft; variants written together are linked as one set; an
 * idea, a planned slot, a rewrite for a platform, a shorter version and a thread each land in
 * Review with their provenance; two jobs run at once when Settings → Writing says so; a queued
 * job can move up, and a failed one be tried again.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { GenerationJobDto } from '../../shared/contract/features/generation';
import type { WritingProvenanceDto } from '../../shared/contract/features/review';
import { PLATFORM_CLIENTS } from '../../electron/core/platforms/registry';
import { startAnthropicFake, type AnthropicFake } from '../fakes/ai/anthropic-server';
import { startOpenAiFake, type OpenAiFake } from '../fakes/ai/openai-server';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';

const one = (text: string, thread: string[] = []) => ({ json: { text, thread } });

describe('generation jobs', () => {
  let fake: OpenAiFake;
  let claude: AnthropicFake;
  let t: TestCore;
  let mastodon: string;
  let linkedin: string;

  beforeAll(async () => {
    fake = await startOpenAiFake();
    claude = await startAnthropicFake();
  });
  afterAll(async () => {
    await fake.stop();
    await claude.stop();
  });
  afterEach(async () => {
    await t?.close();
    fake.reset();
    claude.reset();
  });

  async function setup(provider: Record<string, unknown> = {}, kind: 'openai' | 'anthropic' = 'openai') {
    t = await createTestCore({ vault: memoryVault(), clients: PLATFORM_CLIENTS });
    mastodon = (await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'a' } })).id;
    linkedin = (await t.core.services.accounts.add({ platform: 'linkedin', handle: 'Me on LinkedIn', credentials: { accessToken: 'b' } })).id;
    const server = kind === 'openai' ? fake : claude;
    await call(t.core, 'writing:set', { provider: { kind, baseURL: kind === 'openai' ? `${fake.url}/v1` : claude.url, model: kind === 'openai' ? 'llama3.1' : 'claude-sonnet-4-5', ...provider } });
    await call(t.core, 'writing:setKey', { key: server.apiKey });
  }
  const job = async (id: string) => (await call<GenerationJobDto[]>(t.core, 'generation:list')).find((j) => j.id === id)!;
  const until = (id: string, state: GenerationJobDto['state']) =>
    vi.waitFor(
      async () => {
        const j = await job(id);
        expect(j.state, j.lastError ?? '').toBe(state);
        return j;
      },
      { timeout: 5_000, interval: 5 },
    );
  const db = () => new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
  const row = <T>(sql: string, ...args: unknown[]): T => {
    const d = db();
    try {
      return d.prepare(sql).get(...args) as T;
    } finally {
      d.close();
    }
  };
  const provenance = async (postId: string) => (await call<WritingProvenanceDto[]>(t.core, 'planner:provenance', { postIds: [postId] }))[0]!;
  const lastPrompt = (server: OpenAiFake | AnthropicFake = fake) => JSON.stringify(server.requests.filter((r) => /\/(chat\/completions|messages)$/.test(r.path)).at(-1)!.body);
  const post = (text: string, accounts = [mastodon], thread: string[] = []) => call<PostDto>(t.core, 'posts:create', { text, accounts, schedule: null, thread });

  it('writes variants in a voice: its tone, words and examples go into the prompt, and each draft records them as arms of one set', async () => {
    await setup();
    const voice = await call<{ id: string }>(t.core, 'voices:save', { name: 'Warm', tone: 'friendly, plain-spoken', wordsToUse: ['crumb'], wordsToAvoid: ['hack'], examples: ['My loaf failed three times before it rose. Worth it.'] });
    const template = await call<{ id: string }>(t.core, 'templates:save', { name: 'Lesson', category: 'hook', body: 'What {topic} taught me' });
    fake.script({ json: { variants: [{ text: 'What sourdough taught me: patience beats recipes. Bake along?', hook: 'What sourdough taught me', cta: 'Bake along?' }, { text: 'Sourdough taught me one thing: slow is fine. Your turn — share a crumb shot', hook: 'Sourdough taught me one thing', cta: 'share a crumb shot' }] } });
    const queued = await call<GenerationJobDto>(t.core, 'generation:variants', { templateId: template.id, values: { topic: 'sourdough' }, accountIds: [mastodon], count: 2, voiceId: voice.id });
    expect(queued.title).toBe('2 variants of “Lesson”');
    const done = await until(queued.id, 'done');

    const prompt = lastPrompt();
    for (const bit of ['friendly, plain-spoken', 'crumb', 'Never use: hack', 'My loaf failed three times']) expect(prompt).toContain(bit);
    const arms = done.postIds.map((id) => row<{ set_id: string; arm: number; hook: string; cta: string }>('SELECT set_id, arm, hook, cta FROM variant_arms WHERE post_id = ?', id));
    expect(arms.map((a) => a.arm)).toEqual([0, 1]);
    expect(arms[0]!.set_id).toBe(arms[1]!.set_id);
    expect(arms[1]).toMatchObject({ hook: 'Sourdough taught me one thing', cta: 'share a crumb shot' });
    expect(row('SELECT job_id, template_id FROM variant_sets WHERE id = ?', arms[0]!.set_id)).toEqual({ job_id: queued.id, template_id: template.id });
    const p = await provenance(done.postIds[1]!);
    expect(p).toMatchObject({ writer: 'ai', writerVersion: 'variants-2', task: 'variants', voiceName: 'Warm', examples: 1, variant: { arm: 1, of: 2 } });
    expect(p.label).toBe('Written by AI from “Lesson” — variant 2 of 2, in the voice “Warm” (shown 1 example)');
    expect(row('SELECT voice_id, examples FROM version_provenance WHERE post_id = ?', done.postIds[0])).toEqual({ voice_id: voice.id, examples: '[{"pinned":0}]' });
  });

  it('writes a post from an idea, lands it in Review and marks the idea used', async () => {
    await setup();
    const idea = await call<{ id: string }>(t.core, 'ideas:capture', { text: 'Why I stopped buying starter kits', link: 'https://example.com/kits', tags: ['baking'] });
    const text = 'I stopped buying starter kits. Flour, water, a jar — that is the kit. https://example.com/kits';
    const pieces: { jobId: string; variant: number; delta: string }[] = [];
    t.core.subscribe((event, payload) => {
      if (event === 'generation:token') pieces.push(payload as (typeof pieces)[number]);
    });
    fake.script(one(text));
    const queued = await call<GenerationJobDto>(t.core, 'generation:fromIdea', { ideaId: idea.id, accountIds: [mastodon] });
    expect(queued).toMatchObject({ kind: 'idea', title: 'A post from the idea “Why I stopped buying starter kits”' });
    const done = await until(queued.id, 'done');
    expect(lastPrompt()).toContain('Why I stopped buying starter kits');
    // The one draft streams as variant 0, piece by piece, adding up to what was saved.
    expect(pieces.length).toBeGreaterThan(1);
    expect(new Set(pieces.map((p) => p.variant))).toEqual(new Set([0]));
    expect(pieces.map((p) => p.delta).join('')).toBe(text);
    const [postId] = done.postIds;
    expect(row('SELECT state FROM targets WHERE post_id = ?', postId)).toEqual({ state: 'in_review' });
    expect(row('SELECT post_id FROM ideas WHERE id = ?', idea.id)).toEqual({ post_id: postId });
    expect(await provenance(postId!)).toMatchObject({ task: 'idea', label: 'Written by AI from an idea' });
  });

  it('writes a planned slot as a new version of its draft, and leaves a draft the creator edited meanwhile as they wrote it', async () => {
    await setup();
    await call(t.core, 'queue:setSlots', { accountId: mastodon, slots: [{ weekday: 2, time: '09:00' }] });
    const pillar = await call<{ id: string }>(t.core, 'pillars:save', { name: 'Bread', description: 'Home baking', color: '#aa5500' });
    const template = await call<{ id: string }>(t.core, 'templates:save', { name: 'Tip', category: 'hook', body: 'A tip about {topic}' });
    const plan = await call<{ postIds: string[] }>(t.core, 'planner:commit', { startDate: '2026-11-24', days: 14, pillarIds: [pillar.id], templateIds: [template.id], accountIds: [mastodon] });
    expect(plan.postIds).toHaveLength(2);
    const [first, second] = plan.postIds as [string, string];
    // The creator edits the second draft while the first is being written.
    fake.fault({ kind: 'stall', afterChunks: 2 });
    fake.script(one('Bread tip: weigh your flour, do not scoop it. Your loaves will thank you.'), one('Never written'));
    const jobs = await call<GenerationJobDto[]>(t.core, 'generation:slots', { postIds: plan.postIds });
    expect(jobs.map((j) => j.kind)).toEqual(['slot', 'slot']);
    // Asking twice does not queue the same draft twice.
    expect((await call<GenerationJobDto[]>(t.core, 'generation:slots', { postIds: [first] })).map((j) => j.id)).toEqual([jobs[0]!.id]);
    await call(t.core, 'posts:update', { id: second, text: 'My own words for this one.' });
    fake.reset();
    fake.script(one('Bread tip: weigh your flour, do not scoop it. Your loaves will thank you.'), one('Never written'));
    await call(t.core, 'generation:cancel', { id: jobs[0]!.id });
    await call(t.core, 'generation:retry', { id: jobs[0]!.id });
    await until(jobs[0]!.id, 'done');
    const failed = await until(jobs[1]!.id, 'failed');
    expect(failed.lastError).toBe('You edited this draft after asking, so your words were kept.');

    expect(lastPrompt()).toContain('Home baking');
    const got = await call<PostDto>(t.core, 'posts:get', { id: first });
    expect(got).toMatchObject({ text: 'Bread tip: weigh your flour, do not scoop it. Your loaves will thank you.', version: 2 });
    expect(got.targets[0]).toMatchObject({ state: 'in_review', lastError: null });
    expect(await provenance(first)).toMatchObject({ version: 2, writer: 'ai', task: 'slot', label: 'Written by AI for the plan from “Tip”' });
    expect(row('SELECT text FROM post_versions WHERE post_id = ? ORDER BY number DESC', second)).toEqual({ text: 'My own words for this one.' });
  });

  it('rewrites a post for another platform as a new draft for that account, leaving the post as it was', async () => {
    fake.models = [{ id: 'llama3.1', label: 'llama3.1' }, { id: 'big-model', label: 'big-model' }];
    await setup({ taskModels: { rewrites: 'big-model' } });
    const original = await post('Weigh your flour. Short and sweet.');
    fake.script(one('Three years of baking taught me one habit that changed everything: weigh your flour. What habit changed your craft?'));
    const queued = await call<GenerationJobDto>(t.core, 'generation:rewrite', { postId: original.id, task: 'rewrite', platform: 'linkedin' });
    expect(queued).toMatchObject({ kind: 'rewrite', title: 'Rewrite for LinkedIn: “Weigh your flour. Short and sweet.”', sourcePostId: original.id });
    const done = await until(queued.id, 'done');
    const body = fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!.body as { model: string };
    expect(body.model).toBe('big-model'); // the model picked for rewrites
    expect(lastPrompt()).toContain('Rewrite the post below for LinkedIn');
    expect(row('SELECT platform, account_id, state FROM targets WHERE post_id = ?', done.postIds[0])).toEqual({ platform: 'linkedin', account_id: linkedin, state: 'in_review' });
    expect(row('SELECT count(*) AS n FROM post_versions WHERE post_id = ?', original.id)).toEqual({ n: 1 });
    expect(await provenance(done.postIds[0]!)).toMatchObject({ task: 'rewrite', label: 'Rewritten by AI for LinkedIn' });
  });

  it('shortens to fit, asking again when the answer is still too long, and never cuts it', async () => {
    await setup();
    const long = `${'A long story about flour and water and time. '.repeat(12)}The end.`;
    const original = await post(long, [linkedin]);
    fake.script(one(`${long} Still long.`), one('Flour, water, time: that is the whole story. The end.'));
    const queued = await call<GenerationJobDto>(t.core, 'generation:rewrite', { postId: original.id, task: 'shorten', platform: 'mastodon' });
    const done = await until(queued.id, 'done');
    const completions = fake.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(completions).toHaveLength(2);
    expect(JSON.stringify(completions[1]!.body)).toMatch(/Mastodon allows at most 500/);
    expect(row('SELECT v.text, t.platform FROM post_versions v JOIN targets t ON t.post_id = v.post_id WHERE v.post_id = ?', done.postIds[0])).toEqual({ text: 'Flour, water, time: that is the whole story. The end.', platform: 'mastodon' });
  });

  it('turns a post into a thread through Anthropic, and refuses a thread where no platform takes one', async () => {
    await setup({}, 'anthropic');
    const original = await post('Five things I learned baking 100 loaves.', [mastodon, linkedin]);
    claude.script(one('Five things I learned baking 100 loaves 🧵', ['1. Weigh everything.', '2. Warm water, slow rise.', '3. Bake darker than you think.']));
    const queued = await call<GenerationJobDto>(t.core, 'generation:rewrite', { postId: original.id, task: 'thread' });
    const done = await until(queued.id, 'done');
    const made = (await call<PostDto[]>(t.core, 'posts:list', { scope: 'all' })).find((p) => p.id === done.postIds[0])!;
    expect(made.thread).toEqual(['1. Weigh everything.', '2. Warm water, slow rise.', '3. Bake darker than you think.']);
    expect(made.targets.map((x) => x.platform)).toEqual(['mastodon']); // LinkedIn takes no threads
    expect(lastPrompt(claude)).toContain('Turn the post below into a thread');

    const single = await post('LinkedIn only', [linkedin]);
    const refused = await t.core.dispatch('generation:rewrite', { postId: single.id, task: 'thread' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('can publish a thread') } });
    const noPlatform = await t.core.dispatch('generation:rewrite', { postId: single.id, task: 'shorten' });
    expect(noPlatform).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Pick the platform to shorten it for.' } });
  });

  it('runs two jobs at once when allowed, and a queued job moved up runs before older ones', async () => {
    await setup({ concurrency: 2 });
    const a = await post('First post to rewrite');
    fake.fault({ kind: 'stall', afterChunks: 1 }).fault({ kind: 'stall', afterChunks: 1 });
    const j1 = await call<GenerationJobDto>(t.core, 'generation:rewrite', { postId: a.id, task: 'rewrite', platform: 'linkedin' });
    const j2 = await call<GenerationJobDto>(t.core, 'generation:rewrite', { postId: a.id, task: 'shorten', platform: 'mastodon' });
    const j3 = await call<GenerationJobDto>(t.core, 'generation:rewrite', { postId: a.id, task: 'rewrite', platform: 'mastodon' });
    const j4 = await call<GenerationJobDto>(t.core, 'generation:rewrite', { postId: a.id, task: 'thread' });
    await until(j1.id, 'running');
    await until(j2.id, 'running');
    expect((await job(j3.id)).state).toBe('queued');
    await vi.waitFor(() => expect(fake.openResponses).toBe(2), { timeout: 5_000, interval: 5 });

    const moved = await call<GenerationJobDto>(t.core, 'generation:prioritize', { id: j4.id, priority: 10 });
    expect(moved.priority).toBe(10);
    fake.script(one('Thread opener', ['and its second part']), one('Mastodon rewrite'));
    await call(t.core, 'generation:cancel', { id: j1.id });
    await until(j4.id, 'done');
    await call(t.core, 'generation:cancel', { id: j2.id });
    await until(j3.id, 'done');
    const bad = await t.core.dispatch('generation:prioritize', { id: j3.id, priority: 5 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('a job retried the moment it was cancelled, two at a time, runs once and can still be cancelled', async () => {
    await setup({ concurrency: 2 });
    const a = await post('A post to shorten');
    fake.fault({ kind: 'stall', afterChunks: 1 }, { kind: 'stall', afterChunks: 1 });
    const j = await call<GenerationJobDto>(t.core, 'generation:rewrite', { postId: a.id, task: 'shorten', platform: 'mastodon' });
    await vi.waitFor(() => expect(fake.openResponses).toBe(1), { timeout: 5_000, interval: 5 });
    // Retry arrives while the cancelled run is still letting go of its request.
    await Promise.all([call(t.core, 'generation:cancel', { id: j.id }), call(t.core, 'generation:retry', { id: j.id })]);
    await vi.waitFor(() => expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(2), { timeout: 5_000, interval: 5 });
    await vi.waitFor(() => expect(fake.openResponses).toBe(1), { timeout: 5_000, interval: 5 });
    expect(await job(j.id)).toMatchObject({ state: 'running', attempts: 1 });
    await call(t.core, 'generation:cancel', { id: j.id });
    await vi.waitFor(() => expect(fake.openResponses).toBe(0), { timeout: 5_000, interval: 5 });
    expect(await job(j.id)).toMatchObject({ state: 'cancelled', postIds: [] });
  });
});
