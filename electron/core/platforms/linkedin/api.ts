/**
 * LinkedIn's versioned REST API: the roots, the headers every call needs, and the small
 * helpers the client, the connector and the media uploads share.
 */
import type { ClientContext, Credentials } from '../types';
export { pause } from '../common/pause';

/** LinkedIn-Version (YYYYMM). Versions live about a year; bump it before LinkedIn sunsets it. */
export const LINKEDIN_VERSION = '202606';
export const LINKEDIN_API = 'https://api.linkedin.com';
/** OAuth lives on www.linkedin.com, the REST API on api.linkedin.com. */
export const LINKEDIN_WWW = 'https://www.linkedin.com';
export const PLATFORM_NAME = 'LinkedIn';

const trim = (url: string) => url.replace(/\/+$/, '');

/** The REST root for an account (a test server serves everything on one origin). */
export const apiRoot = (baseUrl: string): string => trim(baseUrl || LINKEDIN_API);

/** The OAuth root: www.linkedin.com for the real API, the same origin for a test server. */
export const oauthRoot = (baseUrl: string): string => {
  const root = apiRoot(baseUrl);
  return root === LINKEDIN_API ? LINKEDIN_WWW : root;
};

/** The three headers LinkedIn requires on every /rest call. */
export function restHeaders(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    Authorization: `Bearer ${token}`,
    'LinkedIn-Version': LINKEDIN_VERSION,
    'X-Restli-Protocol-Version': '2.0.0',
    ...extra,
  };
}

/** Rest.li 2.0 wants URNs percent-encoded wherever they sit inside a path or a query value. */
export const enc = (urn: string): string => encodeURIComponent(urn);

/** Who posts: an organisation page when the account is set up for one, otherwise the member. */
export function authorUrn(ctx: Pick<ClientContext, 'credentials' | 'account'>): string {
  const extra = ctx.credentials.extra ?? {};
  if (extra.authorUrn) return extra.authorUrn;
  if (extra.personUrn) return extra.personUrn;
  return `urn:li:person:${ctx.account.platformUserId ?? ''}`;
}

export const isOrganization = (urn: string): boolean => urn.startsWith('urn:li:organization:');

/** The public page of a post. Comments open on their post. */
export function postUrl(urn: string): string {
  return `${LINKEDIN_WWW}/feed/update/${urn}`;
}

/** LinkedIn's documented daily limits reset at midnight UTC; 429s carry no header saying when. */
export function nextMidnightUtc(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

/** The message LinkedIn put in an error body, if any. */
export function messageOf(body: unknown): string | undefined {
  if (body && typeof body === 'object') {
    const b = body as { message?: unknown; error_description?: unknown; error?: unknown };
    if (typeof b.message === 'string') return b.message;
    if (typeof b.error_description === 'string') return b.error_description;
    if (typeof b.error === 'string') return b.error;
  }
  return typeof body === 'string' && body ? body.slice(0, 300) : undefined;
}


/** The token response fields LinkedIn sends, turned into our credentials. */
export function credentialsFrom(
  now: number,
  body: { access_token: string; expires_in?: number; refresh_token?: string; refresh_token_expires_in?: number },
  base: Partial<Credentials>,
): Credentials {
  // A refresh answer without a refresh token keeps the one we hold (LinkedIn's are not rotated).
  const creds: Credentials = { ...base, accessToken: body.access_token };
  if (typeof body.expires_in === 'number') creds.expiresAt = now + body.expires_in * 1000;
  if (body.refresh_token) {
    creds.refreshToken = body.refresh_token;
    if (typeof body.refresh_token_expires_in === 'number') creds.refreshExpiresAt = now + body.refresh_token_expires_in * 1000;
  }
  return creds;
}
