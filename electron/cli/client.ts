/**
 * The local API as a client sees it: `POST /rpc/<channel>` with the token, naming who is asking
 * (X-Loomcast-Actor, X-Loomcast-Client). Every failure becomes an ApiError carrying the exit code
 * scripts rely on (see EXIT), so the CLI and the MCP server report them the same way.
 */
import type { ChannelInput, ChannelName, ChannelOutput, RpcErrorBody } from '../../shared/contract';

/** Stable exit codes (documented in `loomcast help`). */
export const EXIT = {
  ok: 0,
  /** Loomcast answered with an error: invalid input, a conflict, a gate, not found… */
  refused: 1,
  usage: 2,
  /** Loomcast is not running, not reachable, or there is no discovery file. */
  notRunning: 3,
  /** The token was refused (401) or may not do this (403). */
  unauthorized: 4,
  internal: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class ApiError extends Error {
  constructor(
    readonly exit: ExitCode,
    message: string,
    /** Loomcast's own error body, when it answered with one. */
    readonly body: RpcErrorBody | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Actor = 'agent' | 'script';
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<Response>;

export interface ApiClient {
  /** The API's base address, without the token. */
  readonly url: string;
  call<C extends ChannelName>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>>;
}

export interface ClientOptions {
  url: string;
  token: string;
  actor: Actor;
  /** Read at every request: an MCP client names itself only once the session has started. */
  client: () => string;
  fetch?: FetchLike;
  /** How long one request may take; imports of big files take a while. */
  timeoutMs?: number;
}

/** The exit code of an error answer: 401/403 → 4, Loomcast's internal errors → 5, anything else it refused → 1. */
export function exitFor(status: number, code: string | undefined): ExitCode {
  if (status === 401 || status === 403 || code === 'unauthorized' || code === 'forbidden') return EXIT.unauthorized;
  if (code === 'internal' || (code === undefined && status >= 500)) return EXIT.internal;
  return EXIT.refused;
}

/** "Loomcast says: …" with the issues of an invalid input, one per line. */
export function describeError(body: RpcErrorBody): string {
  const issues = (body.issues ?? []).filter((i) => i.message !== body.message).map((i) => `  - ${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`);
  return [body.message, ...issues, ...(body.details ? [`  (${body.details})`] : [])].join('\n');
}

export function createApiClient(o: ClientOptions): ApiClient {
  const base = o.url.replace(/\/+$/, '');
  const doFetch: FetchLike = o.fetch ?? ((url, init) => fetch(url, init));
  return {
    url: base,
    async call(channel, input) {
      let res: Response;
      try {
        res = await doFetch(`${base}/rpc/${channel}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${o.token}`,
            'content-type': 'application/json',
            'x-loomcast-actor': o.actor,
            // HTTP header values are bytes: printable ASCII only, as the host accepts (1–80 characters).
            'x-loomcast-client': o.client().replace(/[^\x20-\x7e]/g, '').trim().slice(0, 80) || 'unnamed-client',
          },
          body: input === undefined ? '' : JSON.stringify(input),
          signal: AbortSignal.timeout(o.timeoutMs ?? 120_000),
        });
      } catch (err) {
        const why = (err as Error).name === 'TimeoutError' ? 'it did not answer in time' : ((err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message);
        throw new ApiError(EXIT.notRunning, `Loomcast is not reachable at ${base} (${why}). Is it running?`);
      }
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        throw new ApiError(res.ok ? EXIT.internal : exitFor(res.status, undefined), `Loomcast answered ${res.status} with something that is not JSON.`, null, res.status);
      }
      if (res.ok) return parsed as never;
      const body = (parsed as { error?: RpcErrorBody } | null)?.error ?? null;
      if (!body) throw new ApiError(exitFor(res.status, undefined), `Loomcast answered ${res.status} ${res.statusText}.`, null, res.status);
      // The host's own words speak to a browser tab ("open the URL npm run web printed"); a client gets its own.
      if (res.status === 401) throw new ApiError(EXIT.unauthorized, `Loomcast at ${base} refused the token (${body.message.split('. ')[0]!.replace(/\.$/, '')}). If LOOMCAST_TOKEN is set, check it; otherwise restart Loomcast so it writes a fresh discovery file.`, body, 401);
      throw new ApiError(exitFor(res.status, body.code), describeError(body), body, res.status);
    },
  };
}
