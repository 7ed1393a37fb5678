import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isChannelName, type RpcErrorBody } from '../../shared/contract';
import { CHANNEL_ACCESS, SCOPE_LABELS, scopeAllows } from '../../shared/contract/access';
import { TOKEN_PREFIX, type TokenScopeName } from '../../shared/contract/features/api-tokens';
import type { ApiTokens } from '../core/features/api-tokens';
import type { RequestContext } from '../core/rpc/request-context';
import { createAuthLimiter, type AuthLimitOptions } from './auth-limiter';

/**
 * Who is calling: the app's own token (everything), or a scoped token from Settings. A refusal
 * may carry `retryAfter` (seconds, for the Retry-After header of a 429).
 */
export type Caller =
  | { ok: true; ctx: RequestContext; scope: TokenScopeName | null; tokenName: string | null }
  | { ok: false; status: number; error: RpcErrorBody; retryAfter?: number };

const ACTORS = new Set(['agent', 'script']);
/** Printable characters only (no control characters, no line breaks), at most 80. */
const CLIENT_NAME = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]{1,80}$/u;

/**
 * Pushes that carry what only admin channels answer (writing:get, webhooks:list, apiTokens:list):
 * a scoped token, which may not call those, does not hear them either.
 */
const ADMIN_EVENTS: ReadonlySet<string> = new Set(['writing:changed', 'webhooks:changed', 'apiTokens:changed']);

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const headerIssue = (name: string, message: string, issue: string): Caller => ({
  ok: false,
  status: 400,
  error: { code: 'invalid_input', message, issues: [{ path: ['headers', name], message: issue }] },
});

const WRONG_TOKEN = 'Missing or wrong token. Open the URL that `npm run web` printed, or use a token from Settings → Agents and scripts.';
const QUERY_TOKEN_REFUSED: Caller = {
  ok: false,
  status: 400,
  error: {
    code: 'invalid_input',
    message: 'Send the token in the Authorization header (Authorization: Bearer <token>), not in the address: addresses end up in logs, browser history and proxies. Only GET /events takes ?token=, for EventSource, which cannot set headers.',
    issues: [{ path: ['query', 'token'], message: 'Use the Authorization header' }],
  },
};

/**
 * The local API's doors: the app's token, or a scoped token (`lct_…`) checked by the core, as a
 * bearer header; `?token=` only where the caller says headers cannot be set (`queryToken`: the
 * event stream, for EventSource). Wrong tokens are counted per client address (auth-limiter.ts).
 * A client names itself with X-Loomcast-Actor (agent or script) and X-Loomcast-Client; it can
 * lower its trust that way, never raise it: the header cannot say `user`, and a scoped token is
 * at least a script.
 */
export function createHostAuth(appToken: string, tokens: () => ApiTokens, limit: AuthLimitOptions = {}) {
  const limiter = createAuthLimiter(limit);
  const expected = Buffer.from(appToken);
  const isAppToken = (given: string): boolean => {
    const buf = Buffer.from(given);
    return buf.length === expected.length && timingSafeEqual(buf, expected);
  };

  function check(req: IncomingMessage, url: URL, o: { queryToken?: boolean } = {}): Caller {
    if (!o.queryToken && url.searchParams.has('token')) return QUERY_TOKEN_REFUSED;
    const header = req.headers.authorization;
    const given = header?.startsWith('Bearer ') ? header.slice(7) : url.searchParams.get('token');
    if (!given) return { ok: false, status: 401, error: { code: 'unauthorized', message: WRONG_TOKEN } };
    const address = req.socket.remoteAddress;
    const wait = limiter.retryAfter(address);
    if (wait !== null) {
      return {
        ok: false,
        status: 429,
        retryAfter: wait,
        error: { code: 'unauthorized', message: `Too many wrong tokens came from this address, so its requests are refused for ${wait} s more, the right token's too. Check the token, then try again.` },
      };
    }

    const actorHeader = one(req.headers['x-loomcast-actor'])?.trim().toLowerCase();
    if (actorHeader !== undefined && !ACTORS.has(actorHeader)) {
      return headerIssue('x-loomcast-actor', 'X-Loomcast-Actor must be "agent" or "script".', 'Use agent or script');
    }
    const clientHeader = one(req.headers['x-loomcast-client'])?.trim();
    if (clientHeader !== undefined && !CLIENT_NAME.test(clientHeader)) {
      return headerIssue('x-loomcast-client', 'X-Loomcast-Client must be a name of 1 to 80 printable characters.', 'At most 80 printable characters');
    }
    const client = clientHeader ?? null;
    const claimed = actorHeader as 'agent' | 'script' | undefined;

    if (isAppToken(given)) return { ok: true, ctx: { actor: claimed ?? 'user', client, tokenId: null }, scope: null, tokenName: null };
    if (given.startsWith(TOKEN_PREFIX)) {
      let service: ApiTokens;
      try {
        service = tokens();
      } catch {
        return { ok: false, status: 503, error: { code: 'internal', message: 'Loomcast is reopening its data. Try again in a moment.' } };
      }
      const token = service.verify(given);
      if (token) return { ok: true, ctx: { actor: claimed === 'agent' ? 'agent' : 'script', client, tokenId: token.id }, scope: token.scope, tokenName: token.name };
      // A revoked token was a real one: not a guess, so not counted.
      if (service.isRevoked(given)) return { ok: false, status: 401, error: { code: 'unauthorized', message: 'This token was revoked in Settings → Agents and scripts. Make a new one there.' } };
    }
    limiter.failed(address, given);
    return { ok: false, status: 401, error: { code: 'unauthorized', message: WRONG_TOKEN } };
  }

  /** The refusal when a scoped token may not call `channel`; null when it may (or the channel is unknown: 404 follows). */
  function refusal(caller: Extract<Caller, { ok: true }>, channel: string): RpcErrorBody | null {
    if (caller.scope === null || !isChannelName(channel) || scopeAllows(caller.scope, channel)) return null;
    const needs = CHANNEL_ACCESS[channel];
    return {
      code: 'forbidden',
      message: `The token "${caller.tokenName}" is ${SCOPE_LABELS[caller.scope].toLowerCase()} (scope "${caller.scope}"), so it can't call ${channel}${needs === 'admin' ? ', which only the app itself may call' : ''}.`,
    };
  }

  /** Whether a caller's event stream gets this push: the app's token hears everything, a scoped token what its scope may read. */
  function mayHear(caller: Extract<Caller, { ok: true }>, event: string): boolean {
    return caller.scope === null || !ADMIN_EVENTS.has(event);
  }

  /** Whether the scoped token of this id still works (not revoked); false when that cannot be told, so a stream it opened ends. */
  function stillValid(tokenId: string): boolean {
    try {
      return tokens().isActive(tokenId);
    } catch {
      return false;
    }
  }

  return { check, refusal, mayHear, stillValid };
}
