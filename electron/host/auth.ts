import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isChannelName, type RpcErrorBody } from '../../shared/contract';
import { CHANNEL_ACCESS, SCOPE_LABELS, scopeAllows } from '../../shared/contract/access';
import { TOKEN_PREFIX, type TokenScopeName } from '../../shared/contract/features/api-tokens';
import type { ApiTokens } from '../core/features/api-tokens';
import type { RequestContext } from '../core/rpc/request-context';

/** Who is calling: the app's own token (everything), or a scoped token from Settings. */
export type Caller = { ok: true; ctx: RequestContext; scope: TokenScopeName | null; tokenName: string | null } | { ok: false; status: number; error: RpcErrorBody };

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

/**
 * The local API's doors: the app's token as a bearer header or `?token=`, or a scoped token
 * (`lct_…`) checked by the core. A client names itself with X-Loomcast-Actor (agent or script)
 * and X-Loomcast-Client; it can lower its trust that way, never raise it: a scoped token is at
 * least a script.
 */
export function createHostAuth(appToken: string, tokens: () => ApiTokens) {
  const expected = Buffer.from(appToken);
  const isAppToken = (given: string): boolean => {
    const buf = Buffer.from(given);
    return buf.length === expected.length && timingSafeEqual(buf, expected);
  };

  function check(req: IncomingMessage, url: URL): Caller {
    const header = req.headers.authorization;
    const given = header?.startsWith('Bearer ') ? header.slice(7) : url.searchParams.get('token');
    if (!given) return { ok: false, status: 401, error: { code: 'unauthorized', message: 'Missing or wrong token. Open the URL that `npm run web` printed, or use a token from Settings → Agents and scripts.' } };

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
      if (service.isRevoked(given)) return { ok: false, status: 401, error: { code: 'unauthorized', message: 'This token was revoked in Settings → Agents and scripts. Make a new one there.' } };
    }
    return { ok: false, status: 401, error: { code: 'unauthorized', message: 'Missing or wrong token. Open the URL that `npm run web` printed, or use a token from Settings → Agents and scripts.' } };
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
