/**
 * @atproto/api's Agent with every request going through `ctx.http` (by way of common/http's
 * `requestResponse()`, so network failures are sorted into "never sent" and "may have arrived"), and
 * with no session manager: nothing refreshes tokens behind the scheduler's back.
 *
 * Why no CredentialSession/AtpAgent: on 400 ExpiredToken they refresh the session and replay
 * the request. The rotated tokens would then live only inside that agent (the vault would keep
 * the spent pair), and the scheduler could not tell an expired token from a post. An Agent
 * built on a bare fetch handler sends exactly what we ask, once, with the token we give it.
 */
import type * as Atproto from '@atproto/api';
import type { Agent } from '@atproto/api';
import { lazyRequire } from '../../lazy-require';
import { detailsOf, readRateLimit, requestResponse, retryAfterMs, type NetworkFailure } from '../common/http';
import type { ClientContext, RateLimitInfo } from '../types';

export const NAME = 'Bluesky';

/** @atproto/api, loaded the first time Loomcast talks to a PDS: it is slow to load and many creators have no Bluesky account. */
export const atproto = lazyRequire<typeof Atproto>('@atproto/api');

type Transport = Pick<ClientContext, 'http' | 'signal' | 'clock'>;

export type XrpcOk<T> = { ok: true; data: T; rateLimit?: RateLimitInfo };

export type XrpcFailure =
  /** The request failed on the network (see common/http for what each kind says). */
  | { ok: false; kind: 'network'; failure: NetworkFailure }
  /** The server answered with an error status; `error` is the XRPC error name. */
  | {
      ok: false;
      kind: 'http';
      status: number;
      error: string | null;
      message: string | null;
      details: string;
      rateLimit?: RateLimitInfo;
      retryAfterMs?: number;
    }
  /** A 2xx whose body could not be read or was not the promised shape. */
  | { ok: false; kind: 'garbled'; status: number; message: string }
  /** The library refused to build the request: nothing was sent. */
  | { ok: false; kind: 'unsent'; message: string };

export type XrpcResult<T> = XrpcOk<T> | XrpcFailure;

/**
 * Where to read the account's own records: the PDS hosting its repository (recorded from the
 * session's DID document), else the server the account signed in to.
 */
export function repoReadUrl(ctx: Pick<ClientContext, 'account' | 'credentials'>): string {
  return ctx.credentials.extra?.pdsUrl ?? ctx.account.baseUrl;
}

/** One XRPC conversation with a PDS. Calls are made one at a time (each reads its own answer). */
export class Xrpc {
  readonly agent: Agent;
  private last: { res?: Response; failure?: NetworkFailure; errorBody?: Promise<unknown> } = {};

  constructor(
    private readonly transport: Transport,
    private readonly baseUrl: string,
    private readonly accessJwt?: string,
  ) {
    this.agent = new (atproto().Agent)((path, init) => this.send(path, init));
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.accessJwt && !headers.has('authorization')) headers.set('authorization', `Bearer ${this.accessJwt}`);
    const r = await requestResponse(this.transport, new URL(path, this.baseUrl).toString(), { ...init, headers });
    if (!r.ok) {
      this.last = { failure: r.failure };
      throw new Error(r.failure.message);
    }
    this.last = { res: r.res, ...(r.res.ok ? {} : { errorBody: r.res.clone().text().then(parseBody, () => null) }) };
    return r.res;
  }

  /** Runs one agent call and says what happened, without throwing. */
  async call<T>(fn: (agent: Agent) => Promise<{ data: T }>): Promise<XrpcResult<T>> {
    this.last = {};
    try {
      const out = await fn(this.agent);
      const rateLimit = this.last.res ? readRateLimit(this.last.res, 'ratelimit-') : undefined;
      return { ok: true, data: out.data, ...(rateLimit ? { rateLimit } : {}) };
    } catch (err) {
      const { res, failure, errorBody } = this.last;
      if (failure) return { ok: false, kind: 'network', failure };
      if (!res) return { ok: false, kind: 'unsent', message: (err as Error)?.message ?? String(err) };
      if (!res.ok) {
        // Read from the raw body, not the library's error: for a non-XRPC body (a proxy's HTML
        // page) it invents a name from the status, which would read like the server's words.
        const body = (await errorBody) ?? null;
        const rateLimit = readRateLimit(res, 'ratelimit-');
        const wait = retryAfterMs(res, this.transport.clock.now());
        return {
          ok: false,
          kind: 'http',
          status: res.status,
          error: errorName(body),
          message: errorMessage(body),
          details: detailsOf(res.status, body ?? ''),
          ...(rateLimit ? { rateLimit } : {}),
          ...(wait !== undefined ? { retryAfterMs: wait } : {}),
        };
      }
      // 2xx, but the body was cut off (a timeout or reset while reading) or not what the
      // lexicon promises. Either way the server did act on the request.
      const cut = err instanceof atproto().XRPCError && err.cause instanceof Error ? err.cause.message : (err as Error)?.message;
      return { ok: false, kind: 'garbled', status: res.status, message: cut ?? String(err) };
    }
  }
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text || null;
  }
}

function errorName(body: unknown): string | null {
  const e = (body as { error?: unknown } | null)?.error;
  return typeof e === 'string' ? e : null;
}

function errorMessage(body: unknown): string | null {
  const m = (body as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m : null;
}
