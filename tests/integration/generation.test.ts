/**
 * The generation queue through the contract, against a local server speaking OpenAI's API driven
 * through the real SDK: variants stream in token by token and land in Review as drafts written by
 * AI; cancel mid-stream keeps nothing; a 429 is waited out on the clock; an unusable answer is
 * asked for again once; a job running at shutdown runs again after the restart, while it has tries left.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GenerationJobDto } from '../../shared/contract/features/generation';
import { startOpenAiFake, type OpenAiFake } from '../fakes/ai/openai-server';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';

const V = (text: string, hook?: string, cta?: string) => ({ text, ...(hook ? { hook } : {}), ...(cta ? { cta } : {}) });
const THREE = {
  variants: [
    V('Stop guessing your posting time. Check when your people are online, then post. Try it this week #growth', 'Stop guessing', 'Try it this week'),
    V('Your best hour is in your stats, not in a blog post. Look tonight and share what you find #socialmedia', 'Your best hour', 'Share what you find'),
    V('I doubled replies by posting at 7 am. Find your own hour — follow for the method #creators', 'I doubled replies', 'Follow for the method'),
  ],
};

describe('generation queue', () => {
  let fake: OpenAiFake;
  let t: TestCore;
  let vault: ReturnType<typeof memoryVault>;
  let accountId: string;
  let templateId: string;
  const jobEvents: GenerationJobDto[] = [];
  const tokens: { jobId: string; variant: number; delta: string }[] = [];

  beforeAll(async () => {
    fake = await startOpenAiFake();
  });
  afterAll(async () => {
    await fake.stop();
  });
  afterEach(async () => {
    await t?.close();
    fake.reset();
    jobEvents.length = 0;
    tokens.length = 0;
  });

  const listen = (core: TestCore['core']) =>
    core.subscribe((event, payload) => {
      if (event === 'generation:job') jobEvents.push(payload as GenerationJobDto);
      if (event === 'generation:token') tokens.push(payload as (typeof tokens)[number]);
    });

  async function setup(opts: { model?: boolean } = {}) {
    vault = memoryVault();
    t = await createTestCore({ vault });
    listen(t.core);
    accountId = (await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'a' } })).id;
    templateId = (await call<{ id: string }>(t.core, 'templates:save', { name: 'Best time', category: 'hook', body: 'Stop guessing {topic}. Try it this week.' })).id;
    if (opts.model !== false) {
      await call(t.core, 'writing:set', { provider: { kind: 'openai', baseURL: `${fake.url}/v1`, model: 'llama3.1', label: 'Ollama' } });
      await call(t.core, 'writing:setKey', { key: fake.apiKey });
    }
  }
  const ask = (count = 3) => call<GenerationJobDto>(t.core, 'generation:variants', { templateId, values: { topic: 'your posting time' }, accountIds: [accountId], count });
  const job = async (id: string) => (await call<GenerationJobDto[]>(t.core, 'generation:list')).find((j) => j.id === id)!;
  const until = (id: string, state: GenerationJobDto['state']) =>
    vi.waitFor(
      async () => {
        const j = await job(id);
        expect(j.state).toBe(state);
        return j;
      },
      { timeout: 5_000, interval: 5 },
    );
  const drafts = () => {
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
    try {
      return db
        .prepare(`SELECT p.id, p.template_id, p.created_by, v.text, v.source, t.state, t.account_id, t.scheduled_at, t.last_error, vp.writer FROM posts p
          JOIN post_versions v ON v.post_id = p.id JOIN targets t ON t.post_id = p.id LEFT JOIN version_provenance vp ON vp.post_id = p.id
          ORDER BY p.rowid`)
        .all() as { id: string; template_id: string; created_by: string | null; text: string; source: string; state: string; account_id: string; scheduled_at: number | null; last_error: string | null; writer: string | null }[];
    } finally {
      db.close();
    }
  };
  const completions = () => fake.requests.filter((r) => r.path === '/v1/chat/completions');

  it('streams three variants token by token and lands them in Review as drafts written by AI', async () => {
    await setup();
    fake.script({ json: THREE });
    const queued = await ask();
    expect(queued).toMatchObject({ kind: 'template_variants', count: 3, templateId, postIds: [] });
    const done = await until(queued.id, 'done');
    expect(done).toMatchObject({ attempts: 1, lastError: null });
    expect(done.postIds).toHaveLength(3);

    // Each variant's text arrives in pieces, in order, and adds up to what was saved.
    for (let i = 0; i < 3; i++) {
      const pieces = tokens.filter((x) => x.jobId === queued.id && x.variant === i);
      expect(pieces.length).toBeGreaterThan(1);
      expect(pieces.map((x) => x.delta).join('')).toBe(THREE.variants[i]!.text);
    }
    expect(jobEvents.filter((j) => j.id === queued.id).map((j) => j.state)).toEqual(['queued', 'running', 'done']);

    const rows = drafts();
    expect(rows.map((r) => r.text)).toEqual(THREE.variants.map((v) => v.text));
    for (const r of rows) expect(r).toMatchObject({ template_id: templateId, created_by: 'system', source: 'ai', state: 'in_review', account_id: accountId, scheduled_at: null, last_error: null, writer: 'ai' });

    // The prompt carried the rendered template and Mastodon's limit; the log carries neither.
    const body = JSON.stringify(completions()[0]!.body);
    expect(body).toContain('Stop guessing your posting time');
    expect(body).toContain('Mastodon: at most 500');
    const { readFileSync } = await import('node:fs');
    const logText = readFileSync(t.logFile, 'utf8');
    expect(logText).not.toContain('Stop guessing');
    expect(logText).not.toContain('doubled replies');
  });

  it('cancels in the middle of a stream: the request stops and nothing is saved', async () => {
    await setup();
    fake.fault({ kind: 'stall', afterChunks: 4 }).script({ json: THREE });
    const queued = await ask();
    await vi.waitFor(() => expect(tokens.length).toBeGreaterThan(0), { timeout: 5_000, interval: 5 });
    const cancelled = await call<GenerationJobDto>(t.core, 'generation:cancel', { id: queued.id });
    expect(cancelled).toMatchObject({ state: 'cancelled', postIds: [] });
    await vi.waitFor(() => expect(fake.openResponses).toBe(0), { timeout: 5_000, interval: 5 });
    expect(await job(queued.id)).toMatchObject({ state: 'cancelled' });
    expect(drafts()).toEqual([]);
  });

  it('waits out a 429 for its Retry-After on the clock, then writes the drafts', async () => {
    await setup();
    fake.fault({ kind: 'rate_limit', retryAfterSeconds: 7 }).script({ json: THREE });
    const start = t.clock.now();
    const queued = await ask();
    const waiting = await until(queued.id, 'queued').then(async () =>
      vi.waitFor(
        async () => {
          const j = await job(queued.id);
          expect(j.attempts).toBe(1);
          return j;
        },
        { timeout: 5_000, interval: 5 },
      ),
    );
    expect(waiting).toMatchObject({ state: 'queued', nextAttemptAt: start + 7_000, lastError: expect.stringContaining('7 seconds') });
    t.clock.advance(6_999);
    await new Promise((r) => setTimeout(r, 30));
    expect(completions()).toHaveLength(1);
    t.clock.advance(1);
    const done = await until(queued.id, 'done');
    expect(done).toMatchObject({ attempts: 2, lastError: null });
    expect(completions()).toHaveLength(2);
    expect(drafts()).toHaveLength(3);
  });

  it('fails at once, in words, when the provider says the quota is used up: a 429 no wait cures', async () => {
    await setup();
    fake.fault({ kind: 'quota' }).script({ json: THREE });
    const queued = await ask();
    const failed = await until(queued.id, 'failed');
    expect(failed).toMatchObject({ attempts: 1, nextAttemptAt: null, lastError: expect.stringContaining('used up its quota or credit') });
    expect(failed.lastError).not.toMatch(/try again in/);
    t.clock.advance(60 * 60_000);
    await new Promise((r) => setTimeout(r, 30));
    expect(completions()).toHaveLength(1);
    expect(drafts()).toEqual([]);
  });

  it('fails a job the model declines, in its words, without asking again for JSON', async () => {
    await setup();
    fake.script({ refusal: "I can't help with that." }, { json: THREE });
    const queued = await ask();
    const failed = await until(queued.id, 'failed');
    expect(failed.lastError).toBe(`Ollama declined to write this. It said: “I can't help with that.” Nothing was kept; reword what you asked for, or try another model.`);
    expect(completions()).toHaveLength(1);
    expect(drafts()).toEqual([]);
  });

  it('asks again once when the answer is not the shape asked for, and uses the second answer', async () => {
    await setup();
    fake.script({ raw: '{"variants":"three of them"}' }, { json: THREE });
    const queued = await ask();
    await until(queued.id, 'done');
    expect(completions()).toHaveLength(2);
    const again = completions()[1]!.body as { messages: { role: string; content: string }[] };
    expect(again.messages.at(-1)!.content).toContain('could not be used');
    expect(drafts().map((r) => r.text)).toEqual(THREE.variants.map((v) => v.text));
  });

  it('asks again once with the reason when a variant is too long, then lands what still fails flagged in Review, uncut', async () => {
    await setup();
    const long = `${'Thirty days of posting taught me more than any course. '.repeat(10)}Follow along.`;
    const first = { variants: [THREE.variants[0]!, V(long)] };
    const second = { variants: [THREE.variants[1]!, V(`${long} Really.`)] };
    fake.script({ json: first }, { json: second });
    const queued = await ask(2);
    await until(queued.id, 'done');
    expect(completions()).toHaveLength(2);
    const again = completions()[1]!.body as { messages: { role: string; content: string }[] };
    expect(again.messages.at(-1)!.content).toMatch(/Variant 2: .*Mastodon allows at most 500/);
    const rows = drafts();
    expect(rows.map((r) => r.text)).toEqual([THREE.variants[1]!.text, `${long} Really.`]);
    expect(rows[0]).toMatchObject({ state: 'in_review', last_error: null });
    expect(rows[1]).toMatchObject({ state: 'in_review', source: 'ai', last_error: expect.stringContaining('Mastodon allows at most 500') });
  });

  it('runs a job again after a restart when it was running at shutdown', async () => {
    await setup();
    fake.fault({ kind: 'stall', afterChunks: 3 }).script({ json: THREE }, { json: THREE });
    const queued = await ask();
    await vi.waitFor(() => expect(tokens.length).toBeGreaterThan(0), { timeout: 5_000, interval: 5 });
    const { dataDir, clock } = t;
    await t.core.close();
    const db = new Database(join(dataDir, 'loomcast.sqlite'), { readonly: true });
    expect(db.prepare('SELECT state FROM generation_jobs WHERE id = ?').get(queued.id)).toEqual({ state: 'running' });
    db.close();
    expect(drafts()).toEqual([]);

    t = await createTestCore({ dataDir, vault, clock });
    listen(t.core);
    const done = await until(queued.id, 'done');
    expect(done.attempts).toBe(2);
    expect(drafts()).toHaveLength(3);
  });

  it('fails a job in words, instead of running it at every start, once restarts have used up its tries', async () => {
    await setup();
    const stall = { kind: 'stall', afterChunks: 3 } as const;
    fake.fault(stall, stall, stall).script({ json: THREE }, { json: THREE }, { json: THREE }, { json: THREE });
    const queued = await ask();
    // Loomcast stops mid-answer three times over (as when the job itself brings it down).
    for (let run = 1; run <= 3; run++) {
      await vi.waitFor(() => expect(tokens.length).toBeGreaterThan(0), { timeout: 5_000, interval: 5 });
      const { dataDir, clock } = t;
      await t.core.close();
      tokens.length = 0;
      t = await createTestCore({ dataDir, vault, clock });
      listen(t.core);
    }
    const failed = await until(queued.id, 'failed');
    expect(failed.attempts).toBe(3);
    expect(failed.lastError).toBe('Gave up after 3 tries: Loomcast stopped while writing this (it was closed or crashed) and the job had no tries left, so it was not started again. Nothing was kept; try again.');
    expect(completions()).toHaveLength(3);
    expect(drafts()).toEqual([]);

    // Asked again by the creator, it starts afresh.
    await call(t.core, 'generation:retry', { id: queued.id });
    expect((await until(queued.id, 'done')).attempts).toBe(1);
    expect(drafts()).toHaveLength(3);
  });

  it('refuses to queue anything with no model set up, and says where to set one up', async () => {
    await setup({ model: false });
    const r = await t.core.dispatch('generation:variants', { templateId, values: {}, accountIds: [accountId], count: 3 });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Settings → Writing') } });
    expect(await call(t.core, 'generation:list')).toEqual([]);
    const bad = await t.core.dispatch('generation:variants', { templateId, values: {}, accountIds: [], count: 6 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
