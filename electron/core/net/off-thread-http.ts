/**
 * The platform clients' requests, sent from a worker thread.
 *
 * A publishing burst spends about a third of the main thread's time inside fetch itself (undici
 * building the request, parsing the answer, reading the body stream): a thousand posts due at once
 * kept the one thread that also commits claims and outcomes, serves the screens and the RPC busy
 * for hundreds of milliseconds with nothing but HTTP. Here fetch runs in a worker and the main
 * thread sends a small message and reads back a status, the headers and the body bytes.
 *
 * Nothing about exactly-once moves: the scheduler still commits a claim, and flushes it to disk,
 * before it hands the request over, and the outcome is still written on the main thread by the
 * targets' owner. The worker only moves bytes (net/worker-source.ts).
 *
 * Only requests whose body is text (JSON, a form) go to the worker; uploads (bytes, FormData,
 * streams) and anything with options the worker does not carry stay on the main thread's fetch,
 * as do all calls made outside `request()` (the Bluesky SDK, chunked video uploads).
 */
import { Worker } from 'node:worker_threads';
import type { HttpFetch } from '../deps';
import { WORKER_SOURCE } from './worker-source';

/** What a platform client reads of an answer: a Response, or the worker's copy of one. */
export interface PlatformAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null; has(name: string): boolean };
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The parts of a thrown fetch error that say what happened (platforms/common/http.ts reads them). */
export interface ErrorShape {
  name: string;
  message: string;
  code?: string;
  cause?: { code?: string; name?: string };
}

export type OffThreadResult = { kind: 'answer'; res: PlatformAnswer } | { kind: 'error'; error: ErrorShape } | { kind: 'too_large' } | { kind: 'not_sent'; why: string };

/**
 * Sends one request off the main thread, or returns null when it must stay on it. `wal`: flush
 * this -wal file (with commit `seq` in it) before the request leaves (publishing/send-barrier.ts).
 */
export type OffThreadSend = (url: string, init: RequestInit, maxBytes: number, wal?: { fd: number; seq: number }) => Promise<OffThreadResult> | null;

const decoder = new TextDecoder();

class AnswerHeaders {
  private readonly byName = new Map<string, string>();
  constructor(pairs: readonly [string, string][]) {
    for (const [k, v] of pairs) {
      const name = k.toLowerCase();
      const had = this.byName.get(name);
      this.byName.set(name, had === undefined ? v : `${had}, ${v}`);
    }
  }
  get(name: string): string | null {
    return this.byName.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }
}

/** The worker's copy of an answer; its body, like a Response's, can be read once. */
class Answer implements PlatformAnswer {
  readonly ok: boolean;
  readonly headers: AnswerHeaders;
  private bytes: ArrayBuffer | null;
  private used = false;
  constructor(
    readonly status: number,
    readonly statusText: string,
    pairs: readonly [string, string][],
    bytes: ArrayBuffer | null,
  ) {
    this.ok = status >= 200 && status <= 299;
    this.headers = new AnswerHeaders(pairs);
    this.bytes = bytes;
  }
  private take(): ArrayBuffer {
    if (this.used) throw new TypeError('Body is unusable: Body has already been read');
    this.used = true;
    const b = this.bytes ?? new ArrayBuffer(0);
    this.bytes = null;
    return b;
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.take();
  }
  async text(): Promise<string> {
    return decoder.decode(this.take());
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}

type Message =
  | { id: number; status: number; statusText: string; headers: [string, string][]; body: ArrayBuffer | null }
  | { id: number; tooLarge: true }
  | { id: number; notSent: string }
  | { id: number; error: { name: string; message: string; code?: string; causeCode?: string; causeName?: string } };

const KNOWN_INIT = new Set(['method', 'headers', 'body', 'signal', 'redirect']);

function headerPairs(h: RequestInit['headers']): [string, string][] | null {
  if (h === undefined) return [];
  if (h instanceof Headers) return [...h];
  if (Array.isArray(h)) return h.every((p) => p.length === 2) ? h.map(([k, v]) => [String(k), String(v)]) : null;
  return Object.entries(h).map(([k, v]) => [k, String(v)]);
}

/** The request as the worker takes it, or null when it must stay on the main thread. */
function portable(url: string, init: RequestInit): { url: string; method?: string; headers: [string, string][]; body?: string; redirect?: RequestInit['redirect'] } | null {
  for (const key of Object.keys(init)) if (KNOWN_INIT.has(key) === false && (init as Record<string, unknown>)[key] !== undefined) return null;
  const headers = headerPairs(init.headers);
  if (!headers) return null;
  let body: string | undefined;
  if (typeof init.body === 'string') body = init.body;
  else if (init.body instanceof URLSearchParams) {
    body = init.body.toString();
    // What fetch adds for a form body.
    if (!headers.some(([k]) => k.toLowerCase() === 'content-type')) headers.push(['content-type', 'application/x-www-form-urlencoded;charset=UTF-8']);
  } else if (init.body !== undefined && init.body !== null) return null;
  return { url, ...(init.method ? { method: init.method } : {}), headers, ...(body !== undefined ? { body } : {}), ...(init.redirect ? { redirect: init.redirect } : {}) };
}

function abortShape(reason: unknown): ErrorShape {
  const r = reason as { name?: unknown; message?: unknown } | undefined;
  return { name: typeof r?.name === 'string' ? r.name : 'AbortError', message: typeof r?.message === 'string' ? r.message : 'This operation was aborted' };
}

export interface OffThreadHttp {
  /** Fetch for every caller, carrying `offThread` for `request()`. */
  http: HttpFetch;
  /** Stops the worker; requests still waiting end as errors (they may have been sent). */
  close(): Promise<void>;
}

/**
 * `inThread`: the system's fetch, for callers that cannot use the worker (and what `http` is when
 * called directly). The worker sends with its own thread's fetch, which is the same network, so a
 * scripted fetch (a test's) is not a candidate. The worker starts on the first request and does
 * not keep the process alive while nothing is in flight.
 */
export function createOffThreadHttp(inThread: HttpFetch): OffThreadHttp {
  let worker: Worker | null = null;
  let closed = false;
  let seq = 0;
  const waiting = new Map<number, (m: Message) => void>();

  const stopped = (why: string) => {
    const shape = { id: 0, error: { name: 'Error', message: why, code: 'LOOMCAST_NETWORK_WORKER' } } as const;
    for (const [id, settle] of [...waiting]) {
      waiting.delete(id);
      settle({ ...shape, id });
    }
  };

  const start = (): Worker => {
    const w = new Worker(WORKER_SOURCE, { eval: true, name: 'loomcast-network' });
    w.unref();
    w.on('message', (m: Message) => {
      const settle = waiting.get(m.id);
      waiting.delete(m.id);
      if (waiting.size === 0) w.unref();
      settle?.(m);
    });
    w.on('error', (err) => stopped(`the network worker failed: ${err.message}`));
    w.on('exit', () => {
      if (worker === w) worker = null;
      stopped('the network worker stopped');
    });
    return w;
  };

  const offThread: OffThreadSend = (url, init, maxBytes, wal) => {
    if (closed) return null;
    const req = portable(url, init);
    if (!req) return null;
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return Promise.resolve({ kind: 'error', error: abortShape(signal.reason) });
    const w = (worker ??= start());
    const id = ++seq;
    return new Promise<OffThreadResult>((resolve) => {
      const onAbort = () => w.postMessage({ abort: id });
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting.set(id, (m) => {
        signal?.removeEventListener('abort', onAbort);
        if ('error' in m) {
          const { name, message, code, causeCode, causeName } = m.error;
          // An abort in the worker is this signal's doing: report it as the caller's reason.
          const error = name === 'AbortError' && signal?.aborted ? abortShape(signal.reason) : { name, message, ...(code ? { code } : {}), cause: { ...(causeCode ? { code: causeCode } : {}), ...(causeName ? { name: causeName } : {}) } };
          resolve({ kind: 'error', error });
        } else if ('tooLarge' in m) resolve({ kind: 'too_large' });
        else if ('notSent' in m) resolve({ kind: 'not_sent', why: m.notSent });
        else resolve({ kind: 'answer', res: new Answer(m.status, m.statusText, m.headers, m.body) });
      });
      w.ref();
      w.postMessage({ id, ...req, max: maxBytes, ...(wal ? { wal } : {}) });
    });
  };

  const http = Object.assign((input: Parameters<HttpFetch>[0], init?: Parameters<HttpFetch>[1]) => inThread(input, init), { offThread }) as HttpFetch;
  return {
    http,
    async close() {
      closed = true;
      const w = worker;
      worker = null;
      stopped('Loomcast is closing');
      if (w) await w.terminate();
    },
  };
}
