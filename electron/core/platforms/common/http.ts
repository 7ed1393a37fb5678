import type { ErrorShape, PlatformAnswer } from '../../net/off-thread-http';
import { ClaimNotOnDisk, NOT_SENT_WORDS } from '../../publishing/send-barrier';
import type { ClientContext, PublishOutcome, RateLimitInfo } from '../types';

/** `not_sent`: Loomcast stopped the request itself before it left (publishing/send-barrier.ts). */
export type NetworkFailure = { kind: 'refused' | 'reset' | 'timeout' | 'dns' | 'not_sent' | 'other'; message: string };

/** The request certainly never reached the platform: sending again cannot make a duplicate. */
export const neverLeft = (f: NetworkFailure): boolean => f.kind === 'refused' || f.kind === 'dns' || f.kind === 'not_sent';

export type { PlatformAnswer };

export type HttpResult = { ok: true; res: PlatformAnswer } | { ok: false; failure: NetworkFailure };

/** Scheme, host and path only: query strings can carry secrets (Facebook's token exchange does). */
function origin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return 'the platform';
  }
}

function causeCode(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown; name?: string }; name?: string };
  // An aborted fetch throws a DOMException whose numeric `code` (20, 23) says nothing useful.
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return e.name;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === 'string' ? code : (e?.cause?.name ?? e?.name ?? '');
}

/**
 * The most any platform answer may be. Their JSON answers are a few KB (a page of posts or
 * insights, a few hundred); nothing Loomcast asks for comes near this, so an answer past it is a
 * misbehaving or hostile server, and reading it would only fill memory.
 */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** Statuses whose Response must have no body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

class ResponseTooLarge extends Error {
  constructor(readonly where: string) {
    super(`the answer from ${where} was over ${MAX_RESPONSE_BYTES / (1024 * 1024)} MB, so Loomcast did not read it`);
    this.name = 'ResponseTooLarge';
  }
}

/**
 * The answer read in full, up to MAX_RESPONSE_BYTES: a declared length past it is refused before a
 * byte is read, and a body that grows past it is cut off. Callers then read the copy in memory.
 */
async function bounded(res: Response, url: string): Promise<Response> {
  const declared = Number(res.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > MAX_RESPONSE_BYTES) {
    await res.body?.cancel().catch(() => undefined);
    throw new ResponseTooLarge(origin(url));
  }
  const init = { status: res.status, statusText: res.statusText, headers: res.headers };
  if (!res.body || NULL_BODY.has(res.status)) return new Response(null, init);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLarge(origin(url));
    }
    chunks.push(value);
  }
  return new Response(Buffer.concat(chunks), init);
}

/**
 * fetch, with the answer size-limited (MAX_RESPONSE_BYTES) and network failures sorted by what
 * they tell us about delivery:
 * - refused / DNS: the request never left this machine — safe to retry;
 * - reset / timeout / an oversized answer / anything else: it may have arrived — the outcome is unknown.
 */
export async function request(ctx: Pick<ClientContext, 'http' | 'signal'>, url: string, init: RequestInit = {}): Promise<HttpResult> {
  const withSignal = { ...init, signal: init.signal ?? ctx.signal };
  // The app's fetch sends text requests from its network worker (net/off-thread-http.ts).
  const off = ctx.http.offThread?.(url, withSignal, MAX_RESPONSE_BYTES);
  if (off) {
    const r = await off;
    if (r.kind === 'answer') return { ok: true, res: r.res };
    if (r.kind === 'too_large') return { ok: false, failure: { kind: 'other', message: new ResponseTooLarge(origin(url)).message } };
    if (r.kind === 'not_sent') return { ok: false, failure: { kind: 'not_sent', message: NOT_SENT_WORDS } };
    return { ok: false, failure: failureOf(r.error, url) };
  }
  return inThread(ctx, url, withSignal);
}

/**
 * `request` on this thread, answering with a real Response: for an SDK that reads one (the
 * Bluesky agent).
 */
export function requestResponse(ctx: Pick<ClientContext, 'http' | 'signal'>, url: string, init: RequestInit = {}): Promise<{ ok: true; res: Response } | { ok: false; failure: NetworkFailure }> {
  return inThread(ctx, url, { ...init, signal: init.signal ?? ctx.signal });
}

async function inThread(ctx: Pick<ClientContext, 'http'>, url: string, init: RequestInit): Promise<{ ok: true; res: Response } | { ok: false; failure: NetworkFailure }> {
  try {
    const res = await ctx.http(url, init);
    return { ok: true, res: await bounded(res, url) };
  } catch (err) {
    if (err instanceof ResponseTooLarge) return { ok: false, failure: { kind: 'other', message: err.message } };
    return { ok: false, failure: failureOf(err, url) };
  }
}

/** What a failed fetch tells us about delivery (see `request`). */
function failureOf(err: unknown, url: string): NetworkFailure {
  if (err instanceof ClaimNotOnDisk) return { kind: 'not_sent', message: err.message };
  const code = causeCode(err);
  const message = (err as ErrorShape | undefined)?.message ?? String(err);
  if (code === 'ECONNREFUSED') return { kind: 'refused', message: `connection refused (${origin(url)})` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { kind: 'dns', message: `could not find ${new URL(url).host}` };
  if (code === 'AbortError' || code === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return { kind: 'timeout', message: 'the platform did not answer in time' };
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return { kind: 'reset', message: 'the connection was cut' };
  return { kind: 'other', message };
}

/** The outcome of a write that failed on the network. */
export function networkOutcome(failure: NetworkFailure, platformName: string): PublishOutcome {
  if (failure.kind === 'not_sent') return { kind: 'transient', reason: failure.message };
  if (neverLeft(failure)) {
    return { kind: 'transient', reason: `Could not reach ${platformName}: ${failure.message}.` };
  }
  return { kind: 'unknown', reason: `${platformName} may or may not have received the post: ${failure.message}.` };
}

/** Epoch seconds (X, Bluesky) or an ISO timestamp (Mastodon) → epoch ms. */
export function parseReset(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Reads the `<prefix>limit / remaining / reset` triple most platforms send. */
export function readRateLimit(res: Pick<PlatformAnswer, 'headers'>, prefix: string): RateLimitInfo | undefined {
  const get = (name: string) => res.headers.get(`${prefix}${name}`);
  const limit = get('limit');
  const remaining = get('remaining');
  const resetAt = parseReset(get('reset'));
  if (limit === null && remaining === null && resetAt === undefined) return undefined;
  return {
    ...(limit !== null ? { limit: Number(limit) } : {}),
    ...(remaining !== null ? { remaining: Number(remaining) } : {}),
    ...(resetAt !== undefined ? { resetAt } : {}),
  };
}

/** Retry-After in seconds or an HTTP date → ms from now. */
export function retryAfterMs(res: Pick<PlatformAnswer, 'headers'>, now: number): number | undefined {
  const v = res.headers.get('retry-after');
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export async function readJson(res: Pick<PlatformAnswer, 'text'>): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The platform's own words, trimmed, for the "details" line of an error. */
export function detailsOf(status: number, body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return `HTTP ${status}: ${text.slice(0, 500)}`;
}
