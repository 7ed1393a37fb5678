/**
 * Bluesky sign-in with an app password, against any PDS (bsky.social or self-hosted): the
 * connector's login, the scheduler's refresh, and the credentials both store.
 *
 * The app password is kept in the vault (Credentials.appPassword) because refresh JWTs lapse
 * (90 days, or at once when the creator signs out everywhere); a new session from the app
 * password spares the creator a reconnect. Revoking the app password ends both.
 */
import { PlatformError, type ClientContext, type ConnectResult, type Credentials, type PasswordConnector } from '../types';
import { NAME, Xrpc, type XrpcFailure } from './xrpc';

interface SessionOutput {
  accessJwt: string;
  refreshJwt: string;
  did: string;
  handle: string;
  didDoc?: unknown;
  active?: boolean;
  status?: string;
}

/** The access-token scope of a session opened with the account's main password. */
const MAIN_PASSWORD_SCOPE = 'com.atproto.access';

function jwtClaims(jwt: string): { exp?: number; scope?: string } {
  try {
    const payload = jwt.split('.')[1] ?? '';
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: number; scope?: string };
  } catch {
    return {};
  }
}

/**
 * The PDS that hosts the repository, from the session's DID document. Behind an entryway
 * (bsky.social) it is another host; reading our own records there is immediate and needs no
 * AppView, so lookups go there while sign-in and writes stay on the address the creator gave.
 */
function repoHost(didDoc: unknown): string | null {
  const services = (didDoc as { service?: { id?: string; type?: string; serviceEndpoint?: unknown }[] } | null)?.service;
  const pds = services?.find((s) => s.id?.endsWith('#atproto_pds') && s.type === 'AtprotoPersonalDataServer');
  const url = typeof pds?.serviceEndpoint === 'string' ? pds.serviceEndpoint : null;
  return url && /^https?:\/\//.test(url) ? url.replace(/\/+$/, '') : null;
}

export function credentialsFrom(s: SessionOutput, appPassword: string | undefined): Credentials {
  const access = jwtClaims(s.accessJwt).exp;
  const refresh = jwtClaims(s.refreshJwt).exp;
  const pdsUrl = repoHost(s.didDoc);
  return {
    accessToken: s.accessJwt,
    refreshToken: s.refreshJwt,
    ...(access ? { expiresAt: access * 1000 } : {}),
    ...(refresh ? { refreshExpiresAt: refresh * 1000 } : {}),
    ...(appPassword ? { appPassword } : {}),
    extra: { did: s.did, handle: s.handle, ...(pdsUrl ? { pdsUrl } : {}) },
  };
}

/** Why a sign-in was refused, in the creator's words; null when it was not a refusal (try later). */
function refusalReason(r: XrpcFailure): string | null {
  if (r.kind !== 'http' || r.status === 429 || r.status >= 500) return null;
  switch (r.error) {
    case 'AuthFactorTokenRequired':
      return `${NAME} asked for the code it emailed you. Sign in with an app password instead: app passwords skip the email code.`;
    case 'AccountTakedown':
      return `${NAME} has taken this account down, so it cannot be used to post.`;
    case 'AccountDeactivated':
      return 'This Bluesky account is deactivated. Reactivate it in Bluesky, then connect it again.';
    default:
      if (r.status === 401 || r.error === 'AuthenticationRequired') {
        return `${NAME} did not accept that handle or app password. Check both (an app password looks like xxxx-xxxx-xxxx-xxxx) and make sure the server address is your PDS.`;
      }
      return `${NAME} refused the sign-in${r.message ? `: ${r.message}` : '.'}`;
  }
}

function cannotRun(r: XrpcFailure, what: string): PlatformError {
  if (r.kind === 'network') return new PlatformError(`Could not reach ${NAME} to ${what}: ${r.failure.message}.`);
  if (r.kind === 'http' && r.status === 429) return new PlatformError(`${NAME} is limiting sign-ins right now; try again in a few minutes.`, r.details, 429);
  if (r.kind === 'http') return new PlatformError(`${NAME} could not ${what} right now (HTTP ${r.status}).`, r.details, r.status);
  return new PlatformError(`${NAME} gave an answer Loomcast could not read while trying to ${what}.`, r.message);
}

async function describeProfile(x: Xrpc, did: string): Promise<string | null> {
  // The profile record lives in the repository itself, so this works on any PDS, AppView or not.
  const r = await x.call((a) => a.com.atproto.repo.getRecord({ repo: did, collection: 'app.bsky.actor.profile', rkey: 'self' }));
  if (!r.ok) return null;
  const name = (r.data.value as { displayName?: unknown }).displayName;
  return typeof name === 'string' && name.trim() ? name.trim() : null;
}

export const blueskyConnector: PasswordConnector = {
  kind: 'password',
  async login(ctx, p): Promise<ConnectResult> {
    const x = new Xrpc({ http: ctx.http, clock: ctx.clock }, ctx.baseUrl);
    const identifier = p.identifier.trim().replace(/^@/, '');
    const r = await x.call((a) => a.com.atproto.server.createSession({ identifier, password: p.password }));
    if (!r.ok) {
      const reason = refusalReason(r);
      if (reason) throw new PlatformError(reason, r.kind === 'http' ? r.details : undefined, r.kind === 'http' ? r.status : undefined);
      throw cannotRun(r, 'sign in');
    }
    if (jwtClaims(r.data.accessJwt).scope === MAIN_PASSWORD_SCOPE) {
      // Never keep the main password in the vault: it can change the email, the handle, delete the account.
      await x.call((a) => a.com.atproto.server.deleteSession(undefined, { headers: { authorization: `Bearer ${r.data.refreshJwt}` } }).then(() => ({ data: null })));
      throw new PlatformError(
        `That is the account's main password. Create an app password in ${NAME} (Settings → Privacy and security → App passwords) and sign in with it instead.`,
      );
    }
    if (r.data.active === false) {
      throw new PlatformError(`${NAME} says this account is ${r.data.status ?? 'inactive'}, so it cannot post. Fix that in Bluesky, then connect it again.`);
    }
    const credentials = credentialsFrom(r.data, p.password);
    const displayName = await describeProfile(new Xrpc({ http: ctx.http, clock: ctx.clock }, credentials.extra?.pdsUrl ?? ctx.baseUrl), r.data.did);
    return {
      credentials,
      profile: { handle: r.data.handle, displayName, platformUserId: r.data.did },
    };
  },
};

export type RefreshResult = { ok: true; credentials: Credentials } | { ok: false; reason: string };

/**
 * New tokens: refreshSession with the refresh JWT; if the PDS says that session is over
 * (expired, revoked, unknown), a new session from the stored app password; if that is refused
 * too, `ok: false` (reconnect). Network trouble, 429 and 5xx throw: they say nothing about the
 * credentials, and the scheduler tries again later.
 */
export async function refreshSession(ctx: ClientContext): Promise<RefreshResult> {
  const { credentials: c, account } = ctx;
  const x = new Xrpc(ctx, account.baseUrl);
  const did = c.extra?.did ?? account.platformUserId;
  const keep = (s: SessionOutput, password: string | undefined): RefreshResult => {
    if (did && s.did !== did) return { ok: false, reason: `${NAME} signed in a different account (${s.handle}) than the one connected. Reconnect the account.` };
    return { ok: true, credentials: credentialsFrom(s, password) };
  };
  if (c.refreshToken) {
    const r = await x.call((a) => a.com.atproto.server.refreshSession(undefined, { headers: { authorization: `Bearer ${c.refreshToken}` } }));
    if (r.ok) return keep(r.data, c.appPassword);
    if (refusalReason(r) === null) throw cannotRun(r, 'renew the sign-in');
    ctx.log.info('bluesky refresh token refused; starting a new session with the app password', { accountId: account.id, error: r.kind === 'http' ? r.error : null });
  }
  if (!c.appPassword) return { ok: false, reason: `${NAME} ended Loomcast's session for ${account.handle}. Reconnect the account with an app password.` };
  const s = await x.call((a) => a.com.atproto.server.createSession({ identifier: did ?? account.handle, password: c.appPassword! }));
  if (s.ok) return keep(s.data, c.appPassword);
  const reason = refusalReason(s);
  if (reason === null) throw cannotRun(s, 'sign in again');
  if (s.kind === 'http' && s.status === 401) {
    return { ok: false, reason: `${NAME} no longer accepts the app password Loomcast holds for ${account.handle} (it may have been revoked). Reconnect with a new app password.` };
  }
  return { ok: false, reason };
}
