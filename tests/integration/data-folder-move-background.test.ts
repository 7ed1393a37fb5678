/**
 * The work Loomcast does on its own pauses while the data folder is moved (the connection is
 * read-only then) and does what waited once the move is over, whether it committed (in the core
 * restarted on the copy), failed or was stopped: a generation job due meanwhile runs after it, a
 * job that was running is put back in the queue (not failed), an alert whose condition arose
 * meanwhile opens after it, and a calendar app's fetch is answered and noted.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AlertItemDto } from '../../shared/contract/features/alerts';
import type { GenerationJobDto } from '../../shared/contract/features/generation';
import { scriptedClient } from '../support/scripted-client';
import { startOpenAiFake, type OpenAiFake } from '../fakes/ai/openai-server';
import { call, createTestCore, memoryVault, tempDir, type TestCore } from '../support/core';
import { endOf, readonlyWrites, settle, slowDisk } from '../support/held-move';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const V = (text: string) => ({ text, hook: text.split(' ').slice(0, 2).join(' '), cta: 'Try it this week' });
const THREE = { variants: [V('Stop guessing your posting time. Try it this week #growth'), V('Your best hour is in your stats. Try it this week #socialmedia'), V('Find your own hour and post then. Try it this week #creators')] };

describe('background work during a move of the data folder', () => {
  let fake: OpenAiFake;
  let t: TestCore | null = null;
  let vault = memoryVault();
  const dirs: { remove(): void }[] = [];
  const target = () => {
    const d = tempDir('loomcast-move-bg-');
    dirs.push(d);
    return join(d.path, 'Loomcast');
  };

  beforeAll(async () => {
    fake = await startOpenAiFake();
  });
  afterAll(async () => {
    await fake.stop();
  });
  afterEach(async () => {
    await t?.close();
    t = null;
    fake.reset();
    for (const d of dirs.splice(0)) d.remove();
  });

  /** A workspace with a model set up to write with (Settings → Writing) and one account to write for. */
  async function writing(): Promise<{ t: TestCore; ask: () => Promise<GenerationJobDto> }> {
    vault = memoryVault();
    const core = await createTestCore({ vault });
    t = core;
    const accountId = (await core.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'a' } })).id;
    const templateId = (await call<{ id: string }>(core.core, 'templates:save', { name: 'Best time', category: 'hook', body: 'Stop guessing {topic}. Try it this week.' })).id;
    await call(core.core, 'writing:set', { provider: { kind: 'openai', baseURL: `${fake.url}/v1`, model: 'llama3.1', label: 'Ollama' } });
    await call(core.core, 'writing:setKey', { key: fake.apiKey });
    return { t: core, ask: () => call<GenerationJobDto>(core.core, 'generation:variants', { templateId, values: { topic: 'your posting time' }, accountIds: [accountId], count: 3 }) };
  }
  const jobOf = async (core: TestCore, id: string) => (await call<GenerationJobDto[]>(core.core, 'generation:list')).find((j) => j.id === id)!;
  const until = (core: TestCore, id: string, match: Partial<GenerationJobDto>) =>
    vi.waitFor(async () => expect(await jobOf(core, id)).toMatchObject(match), { timeout: 5_000, interval: 5 });
  const completions = () => fake.requests.filter((r) => r.path === '/v1/chat/completions');
  const draftsIn = (dataDir: string) => {
    const db = new Database(join(dataDir, 'loomcast.sqlite'), { readonly: true });
    try {
      return (db.prepare(`SELECT v.text FROM posts p JOIN post_versions v ON v.post_id = p.id ORDER BY p.rowid`).all() as { text: string }[]).map((r) => r.text);
    } finally {
      db.close();
    }
  };

  it('a generation job whose wait ends during the move asks the model only after it (the move stopped)', async () => {
    const { t, ask } = await writing();
    fake.fault({ kind: 'rate_limit', retryAfterSeconds: 7 }).script({ json: THREE });
    const queued = await ask();
    await until(t, queued.id, { state: 'queued', attempts: 1 });

    const disk = slowDisk(1);
    const moving = endOf(t.core.services.moveWorkspaceTo(target(), { io: disk.io }));
    await disk.atSlowFile;
    // Its Retry-After is over mid-copy: it waits, nothing is written, the model is not asked.
    t.clock.advance(7_000);
    await settle();
    expect(completions()).toHaveLength(1);
    expect(await jobOf(t, queued.id)).toMatchObject({ state: 'queued', attempts: 1 });

    expect(await call(t.core, 'desktop:cancelMove', {})).toEqual({ cancelled: true });
    disk.release();
    expect(await moving).toMatchObject({ ok: false, code: 'cancelled' });
    await until(t, queued.id, { state: 'done', attempts: 2, lastError: null });
    expect(draftsIn(t.dataDir)).toEqual(THREE.variants.map((v) => v.text));
    expect(readonlyWrites(t.logFile)).toEqual([]);
  });

  it('a generation job running when the move starts goes back in the queue, its try not counted, and runs on the copy', async () => {
    const { t, ask } = await writing();
    fake.fault({ kind: 'stall', afterChunks: 2 }).script({ json: THREE }, { json: THREE });
    let tokens = 0;
    t.core.subscribe((event) => void (event === 'generation:token' && tokens++));
    const queued = await ask();
    // Mid-answer: the model has begun to stream (and stalls there).
    await vi.waitFor(() => expect(tokens).toBeGreaterThan(0), { timeout: 5_000, interval: 5 });
    expect(await jobOf(t, queued.id)).toMatchObject({ state: 'running', attempts: 1 });

    const to = target();
    const disk = slowDisk(1);
    const moving = endOf(t.core.services.moveWorkspaceTo(to, { io: disk.io }));
    await disk.atSlowFile;
    // Stopped before the database went read-only: waiting again, as before it ran; the request is gone.
    expect(await jobOf(t, queued.id)).toMatchObject({ state: 'queued', attempts: 0 });
    await vi.waitFor(() => expect(fake.openResponses).toBe(0), { timeout: 5_000, interval: 5 });
    const asked = completions().length;
    disk.release();
    expect(await moving).toMatchObject({ ok: true });
    // Committed: the old folder stays as it was until the restart; nothing runs there meanwhile.
    await settle();
    expect(completions()).toHaveLength(asked);
    expect(draftsIn(t.dataDir)).toEqual([]);

    const moved = await createTestCore({ dataDir: to, vault, clock: t.clock });
    try {
      await until(moved, queued.id, { state: 'done', attempts: 1, lastError: null });
      expect(draftsIn(to)).toEqual(THREE.variants.map((v) => v.text));
    } finally {
      await moved.close();
    }
    expect(readonlyWrites(t.logFile)).toEqual([]);
  });

  it('an alert whose condition arises during the move opens (and is notified) right after it fails', async () => {
    t = await createTestCore({ vault: memoryVault(), clients: { linkedin: scriptedClient('linkedin').client } });
    const core = t;
    const tokenAlerts = async () => (await call<AlertItemDto[]>(core.core, 'alerts:list')).filter((a) => a.kind === 'token_expiring');
    // The sign-in ends in 7 days and 4 minutes: not yet "expiring" (7 days), but in five minutes it is.
    await core.core.services.accounts.add({ platform: 'linkedin', handle: 'ada', credentials: { accessToken: 'tok', expiresAt: core.clock.now() + 7 * DAY + 4 * MIN } });
    await call(core.core, 'alerts:check');
    expect(await tokenAlerts()).toEqual([]);

    const disk = slowDisk(1, { fail: true });
    const moving = endOf(core.core.services.moveWorkspaceTo(target(), { io: disk.io }));
    await disk.atSlowFile;
    // The five-minute look falls due mid-copy, with the condition now true: nothing is looked at yet.
    core.clock.advance(5 * MIN + 1);
    await settle();
    expect(await tokenAlerts()).toEqual([]);
    expect(core.notifications.filter((n) => n.kind === 'token_expiring')).toEqual([]);

    disk.release();
    expect(await moving).toMatchObject({ ok: false, code: 'internal' });
    // No wait for the next five-minute look: the one after the pause opens it.
    await vi.waitFor(async () => expect((await tokenAlerts()).map((a) => a.state)).toEqual(['open']), { timeout: 2_000, interval: 5 });
    expect(core.notifications.filter((n) => n.kind === 'token_expiring')).toHaveLength(1);
    expect(readonlyWrites(core.logFile)).toEqual([]);
  });

  it('a calendar app fetching the feed during the move is answered; the fetch is noted after it', async () => {
    t = await createTestCore();
    const core = t;
    const { path } = await call<{ path: string }>(core.core, 'io:feedEnable', {});
    const token = path.slice('/ical/'.length, -'.ics'.length);

    const disk = slowDisk(1);
    const moving = endOf(core.core.services.moveWorkspaceTo(target(), { io: disk.io }));
    await disk.atSlowFile;
    core.clock.advance(10 * MIN);
    const fetchedAt = core.clock.now();
    const feed = await core.core.dispatch('io:feed', { token });
    expect(feed).toMatchObject({ ok: true, value: { mime: expect.stringContaining('calendar') } });
    expect(await call(core.core, 'io:feedStatus', {})).toMatchObject({ lastFetchedAt: null });

    expect(await call(core.core, 'desktop:cancelMove', {})).toEqual({ cancelled: true });
    disk.release();
    expect(await moving).toMatchObject({ ok: false, code: 'cancelled' });
    expect(await call(core.core, 'io:feedStatus', {})).toMatchObject({ enabled: true, lastFetchedAt: new Date(fetchedAt).toISOString() });
    expect(readonlyWrites(core.logFile)).toEqual([]);
  });
});
