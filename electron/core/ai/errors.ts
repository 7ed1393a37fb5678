/**
 * Every way asking a model can fail, as one typed error with words for the creator. The
 * generation queue decides what to retry from `code`, `transient` and `retryAfterMs`.
 */
import type { Clock } from '../deps';

/**
 * The SDKs' "nothing answered" error classes. The SDKs load on first use (a cold start does not
 * pay for them), so each provider adds its SDK's class when it loads it; an error can only come
 * from an SDK that has loaded.
 */
const connectionErrors = new Set<abstract new (...args: never[]) => Error>();
export function knowConnectionError(cls: abstract new (...args: never[]) => Error): void {
  connectionErrors.add(cls);
}
const isConnectionError = (e: unknown): boolean => [...connectionErrors].some((cls) => e instanceof cls);

export type AiErrorCode =
  /** No key saved, or the provider refused it (401/403). */
  | 'bad_credentials'
  /** 429: `retryAfterMs` says how long to wait when the provider told us. */
  | 'rate_limited'
  /** 5xx, 529 overloaded, a cut connection mid-answer: worth trying again later (after `retryAfterMs` when named). */
  | 'transient'
  /** Nothing answered at the address (a local server not running, no network). */
  | 'unreachable'
  /** The provider refused the request itself (400/404/422: unknown model, bad parameter; a 429 for a used-up quota). */
  | 'rejected'
  /** The stream stopped sending tokens for longer than the provider's stall timeout. */
  | 'timed_out'
  /** The answer could not be read: broken JSON in the stream, a structured answer that isn't JSON, cut off. */
  | 'malformed_answer'
  /** A structured answer that is JSON but not the shape asked for; `issues` names what was wrong. */
  | 'invalid_answer'
  /** The model declined to write it (OpenAI's `refusal`, Anthropic's stop_reason `refusal`): asking again the same way won't help. */
  | 'refused'
  /** The caller cancelled; nothing partial is returned. */
  | 'cancelled';

export class AiError extends Error {
  override readonly name = 'AiError';
  constructor(
    readonly code: AiErrorCode,
    message: string,
    readonly details: {
      status?: number;
      retryAfterMs?: number;
      issues?: string[];
      /** The provider's own message, for a "details" disclosure; never contains the key. */
      providerMessage?: string;
    } = {},
  ) {
    super(message);
  }

  get transient(): boolean {
    return this.code === 'rate_limited' || this.code === 'transient' || this.code === 'unreachable' || this.code === 'timed_out';
  }

  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }

  get status(): number | undefined {
    return this.details.status;
  }
}

/** The model said no: in its own words when it gave some, never passed off as a draft or as broken JSON. */
export function refusedError(name: string, said?: string | null): AiError {
  const words = said?.replace(/\s+/g, ' ').trim() ?? '';
  const quoted = words ? ` It said: “${words.length > 300 ? `${words.slice(0, 300).trimEnd()}…` : words}”` : '';
  return new AiError('refused', `${name} declined to write this.${quoted} Nothing was kept; reword what you asked for, or try another model.`);
}

interface HeaderBag {
  get(name: string): string | null;
}

/**
 * How long a 429 asks us to wait: `retry-after-ms` (OpenAI), `retry-after` in seconds or as an
 * HTTP date, else Anthropic's `anthropic-ratelimit-*-reset` instants.
 */
export function retryAfterFrom(headers: HeaderBag | undefined, clock: Clock): number | undefined {
  if (!headers) return undefined;
  const asked = explicitRetryAfter(headers, clock);
  if (asked !== undefined) return asked;
  const resets = ['anthropic-ratelimit-requests-reset', 'anthropic-ratelimit-tokens-reset', 'anthropic-ratelimit-input-tokens-reset', 'anthropic-ratelimit-output-tokens-reset']
    .map((h) => Date.parse(headers.get(h) ?? ''))
    .filter((t) => Number.isFinite(t));
  if (resets.length > 0) return Math.max(0, Math.max(...resets) - clock.now());
  return undefined;
}

/** The wait a response names itself (`retry-after-ms`, `retry-after`), as a 503 or 529 may too. */
function explicitRetryAfter(headers: HeaderBag | undefined, clock: Clock): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return Math.ceil(ms);
  const ra = headers.get('retry-after');
  if (!ra) return undefined;
  const secs = Number(ra);
  if (Number.isFinite(secs) && secs >= 0) return Math.ceil(secs * 1000);
  const at = Date.parse(ra);
  return Number.isFinite(at) ? Math.max(0, at - clock.now()) : undefined;
}

/**
 * A 429 that is no rate limit: OpenAI answers an account out of credit with 429
 * `insufficient_quota`, which no wait cures.
 */
function quotaUsedUp(e: { code?: unknown; error?: unknown }): boolean {
  const body = e.error as { code?: unknown; type?: unknown; error?: { code?: unknown; type?: unknown } } | undefined;
  return [e.code, body?.code, body?.type, body?.error?.code, body?.error?.type].includes('insufficient_quota');
}

/** The provider's message from either SDK's APIError body: `{error:{message}}` or `{message}`. */
function providerMessageOf(e: { error?: unknown; message?: string }): string | undefined {
  const body = e.error as { message?: unknown; error?: { message?: unknown } } | undefined;
  const m = body?.error?.message ?? body?.message;
  return typeof m === 'string' ? m : undefined;
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s === 1 ? '1 second' : s < 120 ? `${s} seconds` : `${Math.ceil(s / 60)} minutes`;
}

export interface ErrorContext {
  /** "Ollama", "OpenAI"… */
  name: string;
  /** Where the provider lives, for "couldn't reach …". */
  host: string | null;
  local: boolean;
  clock: Clock;
}

/**
 * Turns what an SDK threw into an AiError. Both SDKs throw APIError subclasses carrying
 * `status` and `headers`; connection failures carry no status.
 */
export function toAiError(e: unknown, ctx: ErrorContext): AiError {
  if (e instanceof AiError) return e;
  const err = e as { status?: unknown; headers?: HeaderBag; error?: unknown; message?: string; name?: string; cause?: unknown };
  if (e instanceof SyntaxError) {
    return new AiError('malformed_answer', `${ctx.name} sent an answer Loomcast couldn't read (broken JSON in the stream).`);
  }
  const status = typeof err?.status === 'number' ? err.status : undefined;
  const providerMessage = err ? providerMessageOf(err) : undefined;
  const details = { ...(status !== undefined ? { status } : {}), ...(providerMessage ? { providerMessage } : {}) };
  if (status === 401 || status === 403) {
    return new AiError(
      'bad_credentials',
      `${ctx.name} refused the key (${status === 401 ? 'not accepted' : 'no permission'}). Check the key saved for ${ctx.name} under Settings → Writing.`,
      details,
    );
  }
  if (status === 429 && quotaUsedUp(err as { code?: unknown; error?: unknown })) {
    return new AiError('rejected', `${ctx.name} says the account behind this key has used up its quota or credit, so asking again later won't help. Check the plan and billing with ${ctx.name}, then try again.`, details);
  }
  if (status === 429) {
    const retryAfterMs = retryAfterFrom(err.headers, ctx.clock);
    const when = retryAfterMs !== undefined ? `try again in ${seconds(retryAfterMs)}` : 'try again in a little while';
    return new AiError('rate_limited', `${ctx.name} is limiting how often Loomcast may ask; ${when}.`, { ...details, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  if (status !== undefined && status >= 500) {
    // A busy server may name its wait too (503, Anthropic's 529); the queue honours it as for a 429.
    const retryAfterMs = explicitRetryAfter(err.headers, ctx.clock);
    const wait = retryAfterMs !== undefined ? { retryAfterMs } : {};
    if (status === 529) return new AiError('transient', `${ctx.name} is overloaded right now; this usually passes within minutes.`, { ...details, ...wait });
    return new AiError('transient', `${ctx.name} had a problem on its side (${status}); this usually passes, try again shortly.`, { ...details, ...wait });
  }
  if (status !== undefined && status >= 400) {
    const what = status === 404 ? 'does not know this model or address' : 'refused the request';
    return new AiError('rejected', `${ctx.name} ${what} (${status})${providerMessage ? `: ${providerMessage}` : '.'}`, details);
  }
  // No status: the SDKs' APIConnectionError, or a body stream cut mid-answer.
  const where = ctx.host ? ` at ${ctx.host}` : '';
  if (isConnectionError(e)) {
    const hint = ctx.local ? `Is ${ctx.name} running?` : 'Check the internet connection.';
    return new AiError('unreachable', `Couldn't reach ${ctx.name}${where}. ${hint}`);
  }
  return new AiError('transient', `The connection to ${ctx.name}${where} broke off in the middle of the answer; try again.`);
}

/**
 * A per-request AbortController that fires when the caller cancels or when the stream goes
 * quiet for too long, measured on the injected clock. `reason` tells the two apart, because
 * both SDKs end a stream silently when it is aborted.
 */
export class Watchdog {
  readonly controller = new AbortController();
  reason: 'cancelled' | 'stalled' | null = null;
  /** How long it waited in silence when it gave up. */
  stalledForMs = 0;
  private cancelTimer: () => void = () => {};
  private readonly onCallerAbort = () => this.fire('cancelled');

  constructor(
    private readonly clock: Clock,
    private readonly caller: AbortSignal | undefined,
    firstMs: number,
    private readonly idleMs: number,
  ) {
    if (caller?.aborted) this.fire('cancelled');
    else caller?.addEventListener('abort', this.onCallerAbort, { once: true });
    this.arm(firstMs);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** A token arrived: the silence starts again. */
  alive(): void {
    if (this.reason) return;
    this.arm(this.idleMs);
  }

  dispose(): void {
    this.cancelTimer();
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }

  /** After the SDK call ended or threw: the AiError to raise if we aborted it, else null. */
  abortError(name: string): AiError | null {
    if (this.reason === 'cancelled') return new AiError('cancelled', 'Cancelled; nothing was kept from the unfinished answer.');
    if (this.reason === 'stalled') {
      return new AiError('timed_out', `${name} stopped sending text for ${seconds(this.stalledForMs)}, so Loomcast gave up on this answer. Nothing was kept; try again.`);
    }
    return null;
  }

  private arm(ms: number): void {
    this.cancelTimer();
    this.cancelTimer = this.clock.setTimer(ms, () => {
      this.stalledForMs = ms;
      this.fire('stalled');
    });
  }

  private fire(reason: 'cancelled' | 'stalled'): void {
    if (this.reason) return;
    this.reason = reason;
    this.cancelTimer();
    this.controller.abort();
  }
}
