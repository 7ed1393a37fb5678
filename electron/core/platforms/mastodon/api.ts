/**
 * The Mastodon wire format, as far as Loomcast reads it, and the small helpers every call
 * shares: URLs on the account's own instance, the bearer header, the `{"error": …}` body.
 */
import type { ClientContext, RateLimitInfo } from '../types';
import { readRateLimit, type PlatformAnswer } from '../common/http';
import { pause } from '../common/pause';

export const NAME = 'Mastodon';

/** Scopes Loomcast registers its app with and asks the creator for. */
export const SCOPES = ['write:statuses', 'write:media', 'read:statuses', 'read:accounts'];

/** The subset of a Mastodon Status entity Loomcast uses. `content` is HTML. */
export interface MastodonStatus {
  id: string;
  uri?: string;
  url?: string | null;
  created_at: string;
  content: string;
  in_reply_to_id: string | null;
  reblog?: unknown;
  media_attachments?: { id: string; description: string | null }[];
  replies_count?: number;
  reblogs_count?: number;
  favourites_count?: number;
  /** Mastodon 4.5 and later. */
  quotes_count?: number;
}

export interface MastodonAccount {
  id: string;
  username: string;
  acct: string;
  display_name?: string;
}

export interface MastodonMedia {
  id: string;
  type: string;
  url: string | null;
}

export function apiUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

export function bearer(ctx: Pick<ClientContext, 'credentials'>): Record<string, string> {
  return { Authorization: `Bearer ${ctx.credentials.accessToken}` };
}

/** Mastodon's throttle headers; the reset is an ISO-8601 timestamp (parseReset reads both forms). */
export function rateLimitOf(res: PlatformAnswer): RateLimitInfo | undefined {
  return readRateLimit(res, 'x-ratelimit-');
}

/** The `error` (and OAuth `error_description`) of a Mastodon error body, or null. */
export function errorMessage(body: unknown): string | null {
  if (!body || typeof body !== 'object') return typeof body === 'string' && body.length < 200 && !body.includes('<') ? body : null;
  const b = body as { error?: unknown; error_description?: unknown };
  if (typeof b.error_description === 'string') return b.error_description;
  return typeof b.error === 'string' ? b.error : null;
}

/** The public link of a status: `url` (the web page), falling back to its ActivityPub `uri`. */
export function statusUrl(s: Pick<MastodonStatus, 'url' | 'uri'>): string | null {
  return s.url ?? s.uri ?? null;
}

export const sleep = (ctx: Pick<ClientContext, 'clock' | 'signal'>, ms: number): Promise<boolean> => pause(ctx.clock, ms, ctx.signal);
