/**
 * The text providers through the real `openai` and `@anthropic-ai/sdk` clients against local
 * servers speaking each API's wire format (tests/fakes/ai). Stalls are measured on a FakeClock.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AiError, aiVaultKey, createTextProvider, type GenerateRequest, type ProviderConfig, type TextProvider } from '../../electron/core/ai';
import type { Logger, Vault } from '../../electron/core/deps';
import { startAnthropicFake, type AnthropicFake } from '../fakes/ai/anthropic-server';
import type { ModelApiFake } from '../fakes/ai/kit';
import { startOpenAiFake, type OpenAiFake } from '../fakes/ai/openai-server';
import { FakeClock } from '../support/clock';

class MemoryVault implements Vault {
  readonly secrets = new Map<string, string>();
  async status() {
    return { available: true as const };
  }
  async set(id: string, secret: string) {
    this.secrets.set(id, secret);
  }
  async get(id: string) {
    return this.secrets.get(id) ?? null;
  }
  async delete(id: string) {
    return this.secrets.delete(id);
  }
}

const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
const log: Logger = {
  log: (level, message, fields) => void lines.push({ level, message, ...(fields ? { fields } : {}) }),
  debug: (m, f) => log.log('debug', m, f),
  info: (m, f) => log.log('info', m, f),
  warn: (m, f) => log.log('warn', m, f),
  error: (m, f) => log.log('error', m, f),
};

const Draft = z.object({ text: z.string().min(1), hashtags: z.array(z.string()) });
const PROMPT = 'Write a post about my sourdough starter named Clint';

let openai: OpenAiFake;
let anthropic: AnthropicFake;
let clock: FakeClock;
let vault: MemoryVault;

beforeAll(async () => {
  [openai, anthropic] = await Promise.all([startOpenAiFake(), startAnthropicFake()]);
});
afterAll(async () => {
  await Promise.all([openai.stop(), anthropic.stop()]);
});
beforeEach(() => {
  openai.reset();
  anthropic.reset();
  lines.length = 0;
  clock = new FakeClock();
  anthropic.now = () => clock.now();
  vault = new MemoryVault();
});

function providerFor(kind: 'openai' | 'anthropic', over: Partial<ProviderConfig> = {}): { provider: TextProvider; fake: ModelApiFake } {
  const fake = kind === 'openai' ? openai : anthropic;
  const config: ProviderConfig = {
    id: `test-${kind}`,
    kind,
    baseURL: kind === 'openai' ? `${fake.url}/v1` : fake.url,
    model: kind === 'openai' ? 'gpt-4o-mini' : 'claude-sonnet-4-5',
    label: kind === 'openai' ? 'OpenAI' : 'Anthropic',
    stallTimeoutMs: 10_000,
    firstTokenTimeoutMs: 60_000,
    ...over,
  };
  void vault.set(aiVaultKey(config.id), fake.apiKey);
  return { provider: createTextProvider(config, { http: (i, init) => fetch(i, init), clock, vault, log }), fake };
}

function ask(over: Partial<GenerateRequest<unknown>> = {}): GenerateRequest<unknown> {
  return { system: 'You write like the creator.', messages: [{ role: 'user', content: PROMPT }], maxTokens: 400, ...over };
}

/** Resolves once `n` tokens have streamed in. */
function afterTokens(n: number): { onToken: (t: string) => void; reached: Promise<void>; tokens: string[] } {
  const tokens: string[] = [];
  let done!: () => void;
  const reached = new Promise<void>((r) => (done = r));
  return {
    tokens,
    reached,
    onToken: (t) => {
      tokens.push(t);
      if (tokens.length === n) done();
    },
  };
}

async function failure(p: Promise<unknown>): Promise<AiError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AiError);
  return e as AiError;
}

describe.each(['openai', 'anthropic'] as const)('%s provider through the real SDK', (kind) => {
  it('streams tokens in order and returns the whole answer with usage and model', async () => {
    const { provider, fake } = providerFor(kind);
    fake.script({ text: 'Clint is ten years old and still rising.', chunks: ['Clint ', 'is ten ', 'years old ', 'and still ', 'rising.'] });
    const seen: string[] = [];
    const out = await provider.generate(ask({ onToken: (t) => seen.push(t) }));
    expect(seen).toEqual(['Clint ', 'is ten ', 'years old ', 'and still ', 'rising.']);
    expect(out.text).toBe('Clint is ten years old and still rising.');
    expect(out.finishReason).toBe('stop');
    expect(out.model).toBe(provider.config.model);
    expect(out.usage.outputTokens).toBe(5);
    expect(out.usage.inputTokens).toBeGreaterThan(0);
    const sent = fake.requests.at(-1)!;
    expect(sent.body?.stream).toBe(true);
    expect(JSON.stringify(sent.body)).toContain('You write like the creator.');
  });

  it('answers without streaming too', async () => {
    const { provider, fake } = providerFor(kind);
    fake.script({ text: 'One whole answer.' });
    const out = await provider.generate(ask({ stream: false }));
    expect(out.text).toBe('One whole answer.');
    expect(fake.requests.at(-1)!.body?.stream ?? false).toBe(false);
  });

  it('returns a structured answer validated with zod', async () => {
    const { provider, fake } = providerFor(kind);
    fake.script({ json: { text: 'Clint turned ten today.', hashtags: ['#sourdough'] } });
    const out = await provider.generate({ ...ask(), schema: { name: 'draft', zod: Draft } });
    expect(out.object).toEqual({ text: 'Clint turned ten today.', hashtags: ['#sourdough'] });
    const body = fake.requests.at(-1)!.body!;
    if (kind === 'openai') {
      expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'draft', schema: { type: 'object', required: ['text', 'hashtags'] } } });
    } else {
      expect(body.tool_choice).toEqual({ type: 'tool', name: 'draft' });
      expect(body.tools).toMatchObject([{ name: 'draft', input_schema: { type: 'object' } }]);
    }
  });

  it('names what was wrong with a structured answer of the wrong shape', async () => {
    const { provider, fake } = providerFor(kind);
    fake.script({ json: { text: '', tags: 'sourdough' } });
    const e = await failure(provider.generate({ ...ask(), schema: { name: 'draft', zod: Draft } }));
    expect(e.code).toBe('invalid_answer');
    expect(e.details.issues?.join(' ')).toMatch(/text/);
    expect(e.details.issues?.join(' ')).toMatch(/hashtags/);
    expect(e.message).toMatch(/did not have the expected shape/);
  });

  it('calls a structured answer that is not JSON malformed', async () => {
    const { provider, fake } = providerFor(kind);
    fake.script({ raw: '{"text": "Clint', cutOff: true });
    const e = await failure(provider.generate({ ...ask(), schema: { name: 'draft', zod: Draft } }));
    expect(e.code).toBe('malformed_answer');
    expect(e.message).toMatch(/cut off/);
  });

  it('cancels in the middle of a stream and returns nothing partial', async () => {
    const { provider, fake } = providerFor(kind);
    fake.script({ text: 'one two three four five six' }).fault({ kind: 'stall', afterChunks: 3 });
    const ctl = new AbortController();
    const t = afterTokens(2);
    const pending = provider.generate(ask({ signal: ctl.signal, onToken: t.onToken }));
    await t.reached;
    ctl.abort();
    const e = await failure(pending);
    expect(e.code).toBe('cancelled');
    expect(e.message).toMatch(/nothing was kept/i);
    expect(t.tokens.length).toBeLessThanOrEqual(3);
  });

  it('gives the wait a 429 asks for', async () => {
    const { provider, fake } = providerFor(kind);
    fake.fault({ kind: 'rate_limit', retryAfterSeconds: 7 });
    const e = await failure(provider.generate(ask()));
    expect(e.code).toBe('rate_limited');
    expect(e.retryAfterMs).toBe(7000);
    expect(e.transient).toBe(true);
    expect(e.message).toMatch(/try again in 7 seconds/);
    // The queue retries, not the SDK: exactly one request went out.
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('says in words that the key was refused (401)', async () => {
    const { provider } = providerFor(kind);
    await vault.set(aiVaultKey(provider.config.id), 'sk-wrong-key-999999');
    const e = await failure(provider.generate(ask()));
    expect(e.code).toBe('bad_credentials');
    expect(e.status).toBe(401);
    expect(e.message).toBe(`${provider.config.label} refused the key (not accepted). Check the key saved for ${provider.config.label} under Settings → Writing.`);
    expect(e.transient).toBe(false);
  });

  it('treats a 5xx as transient, with the wait a busy server names', async () => {
    const { provider, fake } = providerFor(kind);
    fake.fault({ kind: 'server_error', status: kind === 'openai' ? 500 : 529 });
    const e = await failure(provider.generate(ask()));
    expect(e.code).toBe('transient');
    expect(e.message).toMatch(kind === 'openai' ? /problem on its side \(500\)/ : /overloaded/);
    expect(e.retryAfterMs).toBeUndefined();
    fake.fault({ kind: 'server_error', status: kind === 'openai' ? 503 : 529, retryAfterSeconds: 90 });
    const busy = await failure(provider.generate(ask()));
    expect(busy).toMatchObject({ code: 'transient', retryAfterMs: 90_000 });
  });

  it.each([true, false])('says the model declined (streamed: %s), not that its answer was broken or not a tool call', async (stream) => {
    const { provider, fake } = providerFor(kind);
    fake.script({ refusal: "I'm sorry, but I can't help with that." });
    const e = await failure(provider.generate(ask({ schema: { name: 'draft', zod: Draft }, stream })));
    expect(e).toMatchObject({ code: 'refused', transient: false });
    const said = kind === 'openai' ? ` It said: “I'm sorry, but I can't help with that.”` : '';
    expect(e.message).toBe(`${provider.config.label} declined to write this.${said} Nothing was kept; reword what you asked for, or try another model.`);
  });

  it('stops a server that streams past max_tokens without end, and hangs up on it', async () => {
    const { provider, fake } = providerFor(kind);
    fake.script({ text: 'on and on and on ' }).fault({ kind: 'runaway' });
    let chars = 0;
    const e = await failure(provider.generate(ask({ maxTokens: 100, onToken: (d) => void (chars += d.length) })));
    expect(e.code).toBe('malformed_answer');
    expect(e.message).toBe(`${provider.config.label} kept writing past the 100 tokens it was asked to stay within, so Loomcast stopped it. Nothing was kept; try again, or check the model's settings.`);
    expect(chars).toBeLessThan(100 * 16 + 100);
    await expect.poll(() => fake.openResponses).toBe(0);
  });

  it('reports broken JSON in the middle of a stream as a malformed answer', async () => {
    const { provider, fake } = providerFor(kind);
    fake.script({ text: 'one two three four' }).fault({ kind: 'malformed_stream', afterChunks: 2 });
    const e = await failure(provider.generate(ask()));
    expect(e.code).toBe('malformed_answer');
    expect(e.message).toMatch(/couldn't read/);
  });

  it('times out a stalled stream on the injected clock with a clear message', async () => {
    const { provider, fake } = providerFor(kind);
    fake.script({ text: 'one two three four five' }).fault({ kind: 'stall', afterChunks: 3 });
    const t = afterTokens(3);
    const pending = provider.generate(ask({ onToken: t.onToken }));
    await t.reached;
    clock.advance(9_999);
    clock.advance(1);
    const e = await failure(pending);
    expect(e.code).toBe('timed_out');
    expect(e.message).toBe(`${provider.config.label} stopped sending text for 10 seconds, so Loomcast gave up on this answer. Nothing was kept; try again.`);
    expect(e.transient).toBe(true);
  });

  it('lists the models and tests the connection in words', async () => {
    const { provider, fake } = providerFor(kind);
    const models = await provider.listModels();
    expect(models.map((m) => m.id)).toEqual(fake.models.map((m) => m.id));
    const ok = await provider.test();
    expect(ok).toMatchObject({ ok: true, message: `Connected to ${provider.config.label} on this computer; ${provider.config.model} is ready. Text stays on this computer.` });
    const missing = await providerFor(kind, { model: 'no-such-model' }).provider.test();
    expect(missing).toMatchObject({ ok: false, code: 'model_not_found' });
    expect(missing.message).toContain('has no model called "no-such-model"');
    await vault.set(aiVaultKey(provider.config.id), 'sk-wrong');
    expect(await provider.test()).toMatchObject({ ok: false, code: 'bad_credentials' });
  });

  it('logs sizes and timings, never the prompt, the answer or the key', async () => {
    const { provider, fake } = providerFor(kind);
    fake.script({ text: 'A secret answer about Clint.' });
    await provider.generate(ask());
    const logged = JSON.stringify(lines);
    expect(lines.some((l) => l.fields?.promptChars && l.fields?.answerChars)).toBe(true);
    expect(logged).not.toContain('sourdough');
    expect(logged).not.toContain('secret answer');
    expect(logged).not.toContain(fake.apiKey);
  });
});

describe('OpenAI-compatible specifics', () => {
  it('falls back to a forced tool call when the server refuses json_schema', async () => {
    const { provider } = providerFor('openai');
    openai.fault({ kind: 'reject_json_schema' });
    openai.script({ json: { text: 'Fallback draft.', hashtags: [] } });
    const out = await provider.generate({ ...ask(), schema: { name: 'draft', zod: Draft } });
    expect(out.object).toEqual({ text: 'Fallback draft.', hashtags: [] });
    const posts = openai.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body?.tool_choice).toEqual({ type: 'function', function: { name: 'draft' } });
    expect(posts[1]!.body?.response_format).toBeUndefined();
  });

  it('caps an OpenAI reasoning model with max_completion_tokens at api.openai.com, leaving room to think', async () => {
    await vault.set(aiVaultKey('official'), openai.apiKey);
    // api.openai.com, reached through the injected fetch at the local fake.
    const http: typeof fetch = (i, init) => fetch(String(i).replace('https://api.openai.com', openai.url), init);
    const provider = createTextProvider({ id: 'official', kind: 'openai', model: 'o4-mini' }, { http, clock, vault, log });
    openai.script({ text: 'Clint is ten and still rising.', reasoningTokens: 600 });
    const out = await provider.generate(ask({ maxTokens: 400 }));
    expect(out.text).toBe('Clint is ten and still rising.');
    expect(out.finishReason).toBe('stop');
    const posts = openai.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body?.max_tokens).toBeUndefined();
    expect(posts[0]!.body?.max_completion_tokens).toBeGreaterThanOrEqual(400 + 600);
  });

  it('asks once more with max_completion_tokens when a server refuses max_tokens, then keeps to it', async () => {
    const { provider } = providerFor('openai', { model: 'gpt-5-mini' });
    openai.script({ text: 'First.' }, { text: 'Second.' });
    expect((await provider.generate(ask())).text).toBe('First.');
    expect((await provider.generate(ask())).text).toBe('Second.');
    const caps = openai.requests.filter((r) => r.method === 'POST').map((r) => [r.body?.max_tokens, r.body?.max_completion_tokens]);
    expect(caps).toEqual([
      [400 + 25_000, undefined],
      [undefined, 400 + 25_000],
      [undefined, 400 + 25_000],
    ]);
  });

  it('caps a local model with max_tokens, the name every OpenAI-compatible server knows', async () => {
    const { provider } = providerFor('openai', { model: 'llama3.1', label: 'Ollama' });
    await provider.generate(ask({ maxTokens: 400 }));
    expect(openai.requests.at(-1)!.body?.max_tokens).toBe(400);
    expect(openai.requests.at(-1)!.body).not.toHaveProperty('max_completion_tokens');
  });

  it('streams tool-call arguments when configured to ask by tool', async () => {
    const { provider } = providerFor('openai', { structured: 'tool' });
    openai.script({ json: { text: 'By tool.', hashtags: ['#a', '#b'] } });
    const pieces: string[] = [];
    const out = await provider.generate({ ...ask(), schema: { name: 'draft', zod: Draft }, onToken: (p) => pieces.push(p) });
    expect(out.object).toEqual({ text: 'By tool.', hashtags: ['#a', '#b'] });
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(out.text);
  });

  it('sends the saved key as a Bearer token and works keyless against a local server', async () => {
    const { provider } = providerFor('openai');
    await provider.generate(ask());
    expect(openai.requests.at(-1)!.headers.authorization).toBe(`Bearer ${openai.apiKey}`);
    await vault.delete(aiVaultKey(provider.config.id));
    const e = await failure(provider.generate(ask()));
    // A loopback server gets a placeholder key; this fake insists on a real one.
    expect(e.code).toBe('bad_credentials');
  });

  it('refuses to send to a remote provider with no key saved', async () => {
    const provider = createTextProvider({ id: 'remote', kind: 'openai', model: 'gpt-4o-mini' }, { http: () => Promise.reject(new Error('no network in tests')), clock, vault, log });
    const e = await failure(provider.generate(ask()));
    expect(e.code).toBe('bad_credentials');
    expect(e.message).toBe('No key is saved for OpenAI. Add it under Settings → Writing.');
  });

  it('says a local server is not running when nothing answers', async () => {
    const provider = createTextProvider({ id: 'ollama', kind: 'openai', baseURL: 'http://127.0.0.1:1/v1', model: 'llama3.1', label: 'Ollama' }, { http: (i, init) => fetch(i, init), clock, vault, log });
    const e = await failure(provider.generate(ask()));
    expect(e.code).toBe('unreachable');
    expect(e.message).toBe("Couldn't reach Ollama at 127.0.0.1:1. Is Ollama running?");
  });
});

describe('Anthropic specifics', () => {
  it('sends the key, the API version, and reads a 429 reset from the rate-limit headers too', async () => {
    const { provider } = providerFor('anthropic');
    await provider.generate(ask());
    const h = anthropic.requests.at(-1)!.headers;
    expect(h['anthropic-version']).toBeTruthy();
    expect(h['x-api-key'] ?? h.authorization?.replace(/^Bearer /, '')).toBe(anthropic.apiKey);
    anthropic.fault({ kind: 'rate_limit', retryAfterSeconds: 30 });
    const e = await failure(provider.generate(ask()));
    expect(e.retryAfterMs).toBe(30_000);
  });
});
