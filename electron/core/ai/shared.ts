/** What both providers do around an SDK call: the key, the watchdog, the log line, the words. */
import { AiError, toAiError, Watchdog, type ErrorContext } from './errors';
import { providerName, whereTextGoes } from './where';
import { aiVaultKey, type GenerateRequest, type ModelInfo, type ProviderConfig, type ProviderDeps, type ConnectionTest } from './types';

export const FIRST_TOKEN_MS = 180_000;
export const STALL_MS = 45_000;

export function errorContext(config: ProviderConfig, deps: ProviderDeps): ErrorContext {
  const where = whereTextGoes(config);
  return { name: providerName(config), host: where.host, local: where.local, clock: deps.clock };
}

/**
 * The key for this provider from the vault. Local servers usually need none; the SDKs insist on
 * a non-empty string, so they get a placeholder that no real service accepts.
 */
export async function keyFor(config: ProviderConfig, deps: ProviderDeps): Promise<string> {
  const key = await deps.vault.get(aiVaultKey(config.id));
  if (key) return key;
  const where = whereTextGoes(config);
  if (where.local) return 'no-key';
  throw new AiError('bad_credentials', `No key is saved for ${providerName(config)}. Add it under Settings → Writing.`);
}

/**
 * The most characters an answer may stream: far more than `maxTokens` tokens ever spell (a token
 * is a few characters), so only a server ignoring max_tokens, looping without end, gets there.
 */
const CHARS_PER_TOKEN_AT_MOST = 16;

/** Counts a streamed answer's characters and stops a runaway one before it fills memory or blocks the queue. */
export function answerCap(wd: Watchdog, name: string, maxTokens: number): (chars: number) => void {
  const cap = Math.max(1, maxTokens) * CHARS_PER_TOKEN_AT_MOST;
  return (chars) => {
    if (chars <= cap) return;
    wd.controller.abort();
    throw new AiError('malformed_answer', `${name} kept writing past the ${maxTokens} tokens it was asked to stay within, so Loomcast stopped it. Nothing was kept; try again, or check the model's settings.`);
  };
}

export function promptSize(req: GenerateRequest<unknown>): number {
  return (req.system?.length ?? 0) + req.messages.reduce((n, m) => n + m.content.length, 0);
}

/** Runs one SDK call under a watchdog and turns every failure into an AiError; logs sizes and timings only. */
export async function guarded<R>(
  config: ProviderConfig,
  deps: ProviderDeps,
  req: Pick<GenerateRequest<unknown>, 'signal'>,
  what: string,
  sizes: Record<string, number>,
  run: (wd: Watchdog) => Promise<R>,
  answerChars: (r: R) => number,
): Promise<R> {
  const ctx = errorContext(config, deps);
  const started = deps.clock.now();
  const wd = new Watchdog(deps.clock, req.signal, config.firstTokenTimeoutMs ?? FIRST_TOKEN_MS, config.stallTimeoutMs ?? STALL_MS);
  try {
    const out = await run(wd);
    // Both SDKs end an aborted stream quietly: a cancel or a stall must not pass as an answer.
    const aborted = wd.abortError(ctx.name);
    if (aborted) throw aborted;
    deps.log.info(`ai: ${what} answered`, { provider: config.id, kind: config.kind, model: config.model, ...sizes, answerChars: answerChars(out), ms: deps.clock.now() - started });
    return out;
  } catch (e) {
    const err = wd.abortError(ctx.name) ?? toAiError(e, ctx);
    deps.log.warn(`ai: ${what} failed`, { provider: config.id, kind: config.kind, model: config.model, ...sizes, code: err.code, status: err.status, ms: deps.clock.now() - started });
    throw err;
  } finally {
    wd.dispose();
  }
}

/** "Test connection": list the models and say in words whether the configured one is there. */
export async function testConnection(config: ProviderConfig, deps: ProviderDeps, list: () => Promise<ModelInfo[]>): Promise<ConnectionTest> {
  const name = providerName(config);
  const where = whereTextGoes(config);
  try {
    const models = await list();
    const place = where.local ? 'on this computer' : `at ${where.host}`;
    if (!config.model) return { ok: true, message: `Connected to ${name} ${place}. Pick one of its ${models.length} models.`, models };
    if (models.length > 0 && !models.some((m) => m.id === config.model)) {
      return { ok: false, code: 'model_not_found', message: `Connected to ${name} ${place}, but it has no model called "${config.model}". It offers: ${models.slice(0, 8).map((m) => m.id).join(', ')}${models.length > 8 ? '…' : ''}.` };
    }
    return { ok: true, message: `Connected to ${name} ${place}; ${config.model} is ready. ${where.local ? 'Text stays on this computer.' : `Text will be ${where.words}.`}`, models };
  } catch (e) {
    const err = toAiError(e, errorContext(config, deps));
    return { ok: false, code: err.code, message: err.message };
  }
}
