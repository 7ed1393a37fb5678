/**
 * Settings → Writing through the contract: a provider set up, its key kept in the keychain only
 * (never in SQLite, the log or an answer), a connection test in plain words against a local
 * server speaking OpenAI's API, and where the text goes said before anything is sent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WritingStateDto, WritingTestDto } from '../../shared/contract/features/writing';
import { startOpenAiFake, type OpenAiFake } from '../fakes/ai/openai-server';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';

describe('Settings → Writing', () => {
  let t: TestCore;
  let fake: OpenAiFake;
  const vault = memoryVault();

  beforeAll(async () => {
    fake = await startOpenAiFake();
    fake.models = [{ id: 'llama3.1', label: 'llama3.1' }];
    t = await createTestCore({ vault });
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('writes offline until a model is set up, and says so', async () => {
    const s = await call<WritingStateDto>(t.core, 'writing:get');
    expect(s).toEqual({ provider: null, keySaved: false, local: true, where: expect.stringContaining('offline writer') });
    expect(await call<WritingTestDto>(t.core, 'writing:test')).toMatchObject({ ok: true, message: expect.stringContaining('sends nothing anywhere') });
  });

  it('says a local server keeps the text on this computer, and a remote one where it goes', async () => {
    const local = await call<WritingStateDto>(t.core, 'writing:set', { provider: { kind: 'openai', baseURL: `${fake.url}/v1`, model: 'llama3.1', label: 'Ollama' } });
    expect(local).toMatchObject({ local: true, where: 'on this computer (Ollama, llama3.1)' });
    const remote = await call<WritingStateDto>(t.core, 'writing:set', { provider: { kind: 'anthropic', model: 'claude-sonnet' } });
    expect(remote).toMatchObject({ local: false, where: expect.stringContaining('sent to api.anthropic.com') });
    const bad = await t.core.dispatch('writing:set', { provider: { kind: 'openai', baseURL: 'localhost:11434', model: 'x' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: ['provider', 'baseURL'] }] } });
  });

  it('keeps the key in the keychain only, and tests the connection with it', async () => {
    await call(t.core, 'writing:set', { provider: { kind: 'openai', baseURL: `${fake.url}/v1`, model: 'llama3.1', label: 'Ollama' } });
    const saved = await call<WritingStateDto>(t.core, 'writing:setKey', { key: fake.apiKey });
    expect(saved.keySaved).toBe(true);
    expect(JSON.stringify(saved)).not.toContain(fake.apiKey);
    expect([...vault.entries.values()]).toContain(fake.apiKey);

    const ok = await call<WritingTestDto>(t.core, 'writing:test');
    expect(ok).toMatchObject({ ok: true, models: [expect.objectContaining({ id: 'llama3.1' })] });
    expect(fake.requests.some((r) => r.headers.authorization === `Bearer ${fake.apiKey}`)).toBe(true);

    await call(t.core, 'writing:setKey', { key: 'sk-wrong' });
    const wrong = await call<WritingTestDto>(t.core, 'writing:test');
    expect(wrong.ok).toBe(false);
    expect(wrong.message.length).toBeGreaterThan(10);

    // The key is nowhere in the database, its WAL or the log.
    for (const f of ['loomcast.sqlite', 'loomcast.sqlite-wal', 'logs/loomcast.log'].map((x) => join(t.dataDir, x)).filter(existsSync)) {
      const bytes = readFileSync(f);
      expect(bytes.includes(Buffer.from(fake.apiKey)), f).toBe(false);
      expect(bytes.includes(Buffer.from('sk-wrong')), f).toBe(false);
    }
    // Nor in anything Loomcast exports: the posts as CSV and the calendar as iCal.
    await call(t.core, 'posts:create', { text: 'An export with a post in it', platforms: ['mastodon'], schedule: null });
    for (const channel of ['io:exportCsv', 'io:exportIcs']) {
      const file = await call<{ content: string }>(t.core, channel, {});
      expect(file.content, channel).not.toContain(fake.apiKey);
      expect(file.content, channel).not.toContain('sk-wrong');
    }
    expect(await call<WritingStateDto>(t.core, 'writing:setKey', { key: null })).toMatchObject({ keySaved: false });
  });
});
