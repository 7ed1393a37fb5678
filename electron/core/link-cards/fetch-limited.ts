/**
 * One GET with the limits a link card needs: http(s) only, public addresses only (public-web.ts,
 * given as `http`), redirects followed by hand (so each hop is checked and counted), one deadline
 * on the injected clock for the whole exchange, the content type checked before the body is read,
 * and the body read as a stream that stops at a byte limit — a valid but endless page costs at
 * most that many bytes.
 */
import type { Clock } from '../deps';
import { NotPublicAddressError, type PageFetch } from './public-web';

export type FetchProblem = 'bad_url' | 'timeout' | 'too_large' | 'wrong_type' | 'unreachable' | 'too_many_redirects';

export interface FetchLimits {
  timeoutMs: number;
  maxRedirects: number;
  /** Bytes of body read at most. */
  maxBytes: number;
  accept: string;
  /** Whether the (lower-cased, parameter-free) content type is what the caller can use. */
  wanted(contentType: string): boolean;
  /**
   * Takes the body chunk by chunk instead of collecting it; returns true once it has enough, and
   * reading stops there. With a sink, reaching maxBytes is not a failure: `truncated` says so.
   */
  sink?: (chunk: Uint8Array, charset: string | null) => boolean;
}

export type Fetched =
  | { ok: true; finalUrl: URL; contentType: string; charset: string | null; body: Uint8Array; truncated: boolean }
  | { ok: false; problem: FetchProblem; detail: string | null };

const USER_AGENT = 'Mozilla/5.0 (compatible; Loomcast link preview)';

/** An address Loomcast will fetch: http or https, a host, no user name or password in it. */
export function webUrl(raw: string | URL, base?: URL): URL | null {
  let url: URL;
  try {
    url = typeof raw === 'string' ? new URL(raw, base) : raw;
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname || url.username || url.password) return null;
  return url;
}

/** The network's error codes in the creator's words; the code itself goes nowhere. */
function networkWords(code: string | undefined): string {
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'no site answers to that name';
  if (code === 'ECONNREFUSED') return 'nothing answers at that address';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was dropped';
  if (code && /CERT|SSL|TLS/.test(code)) return 'its security certificate is not valid';
  return 'the network did not get through';
}

const fail = (problem: FetchProblem, detail: string | null = null): Fetched => ({ ok: false, problem, detail });

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export async function fetchLimited(deps: { http: PageFetch; clock: Clock }, start: URL, limits: FetchLimits): Promise<Fetched> {
  const abort = new AbortController();
  let timedOut = false;
  const cancelTimer = deps.clock.setTimer(limits.timeoutMs, () => {
    timedOut = true;
    abort.abort();
  });
  try {
    let url = start;
    for (let hop = 0; ; hop++) {
      const res = await deps.http(url.href, { redirect: 'manual', signal: abort.signal, headers: { accept: limits.accept, 'user-agent': USER_AGENT } });
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel().catch(() => undefined);
        const location = res.headers.get('location');
        if (!location) return fail('unreachable', `The site answered ${res.status} without saying where to go.`);
        if (hop >= limits.maxRedirects) return fail('too_many_redirects');
        const next = webUrl(location, url);
        if (!next) return fail('bad_url', 'It redirects to an address that is not a web page.');
        url = next;
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        return fail('unreachable', `The site answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`);
      }
      const header = res.headers.get('content-type') ?? '';
      const contentType = header.split(';')[0]!.trim().toLowerCase();
      if (!limits.wanted(contentType)) {
        await res.body?.cancel().catch(() => undefined);
        return fail('wrong_type', contentType || null);
      }
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (!limits.sink && Number.isFinite(declared) && declared > limits.maxBytes) {
        await res.body?.cancel().catch(() => undefined);
        return fail('too_large');
      }
      const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(header)?.[1] ?? null;

      const chunks: Uint8Array[] = [];
      let total = 0;
      let truncated = false;
      const reader = res.body?.getReader();
      if (reader) {
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            let chunk = value;
            if (total + chunk.byteLength > limits.maxBytes) {
              chunk = chunk.subarray(0, limits.maxBytes - total);
              truncated = true;
            }
            total += chunk.byteLength;
            if (limits.sink) {
              if (limits.sink(chunk, charset)) {
                truncated = false;
                break;
              }
            } else chunks.push(chunk);
            if (truncated) break;
          }
        } finally {
          // Stops the download where reading stopped; harmless once the body is done.
          await reader.cancel().catch(() => undefined);
        }
      }
      if (truncated && !limits.sink) return fail('too_large');
      return { ok: true, finalUrl: url, contentType, charset, body: concat(chunks, total), truncated };
    }
  } catch (err) {
    if (timedOut) return fail('timeout');
    if (err instanceof NotPublicAddressError) return fail('unreachable', err.message);
    // node:http's errors carry their code; fetch's carry it in their cause.
    const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    return fail('unreachable', networkWords(code));
  } finally {
    cancelTimer();
  }
}
