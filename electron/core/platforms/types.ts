/**
 * The one interface every platform client implements. The scheduler only ever sees these
 * types: a client turns the platform's HTTP answers into an outcome that says, truthfully,
 * whether the post went out.
 */
import type { Platform } from '../../../shared/domain/platforms';
import type { Clock, HttpFetch, Logger } from '../deps';
import type { PostLinkCard } from '../link-cards/reader';

/** What the vault holds for one account, serialised as JSON. Never logged, never sent over IPC. */
export interface Credentials {
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms; absent when the token does not expire (Mastodon, Facebook Page tokens). */
  expiresAt?: number;
  refreshExpiresAt?: number;
  /** The creator's own developer app (entered in Settings, or registered per instance). */
  clientId?: string;
  clientSecret?: string;
  /** Bluesky: the app password, to start a new session if the refresh token has lapsed. */
  appPassword?: string;
  /** Platform ids the client needs on every call: Bluesky DID, Instagram user id, Page id, board id… */
  extra?: Record<string, string>;
}

export interface AccountRef {
  id: string;
  platform: Platform;
  handle: string;
  /** API root: the platform's own, the Mastodon instance or Bluesky PDS, or a test server. */
  baseUrl: string;
  platformUserId: string | null;
}

export interface MediaItem {
  hash: string;
  mime: string;
  bytes: number;
  altText: string | null;
  width?: number;
  height?: number;
  /** A video's length (ms), where its file says. */
  durationMs?: number;
  read(): Promise<Uint8Array>;
  /** A short-lived public URL (presigned S3) for platforms that pull media by URL. */
  publicUrl(): Promise<string>;
}

export interface PublishRequest {
  /** Stable for every attempt of the same target (and thread part): the idempotency marker. */
  idempotencyKey: string;
  text: string;
  /** YouTube, Pinterest and TikTok photo posts have a title besides the text. */
  title?: string;
  media: MediaItem[];
  /** A thread part or first comment replies to the post published just before it. */
  replyTo?: { platformPostId: string; rootPostId: string; kind: 'thread' | 'comment' };
  /** When this attempt began; reconcile looks for posts made since. */
  attemptStartedAt: number;
  /**
   * What an earlier attempt of this target remembered (see `remember`): a TikTok publish_id,
   * a YouTube upload session. It survives a crash, so reconcile can ask about that exact attempt.
   */
  attemptMarker?: string | null;
  /**
   * Saves a marker for this attempt in the database, committed at once. Call it as soon as the
   * platform hands back a handle for the attempt, before the step that makes the post public.
   */
  remember?(marker: string): void;
  /**
   * The card for the first link of `text`, read when a client that attaches cards itself asks
   * (Bluesky, LinkedIn; for a post without media): null without a link; `ok: false` when the
   * page could not be read, with the reason in words. Reading it never posts anything.
   */
  linkCard?(): Promise<PostLinkCard | null>;
}

export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** Epoch ms when the window resets. */
  resetAt?: number;
}

export type PublishOutcome =
  /** `notice`: something the creator should know, e.g. the platform only allowed a private post. */
  | { kind: 'published'; platformPostId: string; url: string | null; notice?: string }
  /** Definitely not posted and retrying won't help; `reason` is in the creator's words. */
  | { kind: 'failed'; reason: string; details?: string }
  /** Definitely not posted (connection refused, documented transient error): safe to retry. */
  | { kind: 'transient'; reason: string; retryAfterMs?: number; details?: string }
  | { kind: 'rate_limited'; until: number; reason: string; details?: string }
  | { kind: 'expired_token'; details?: string }
  /** The request may have reached the platform (timeout, reset after sending, 5xx on a write). */
  | { kind: 'unknown'; reason: string; details?: string };

export type ReconcileResult =
  | { kind: 'found'; platformPostId: string; url: string | null; notice?: string }
  /** Looked, and it is not there: publishing again cannot make a second post. */
  | { kind: 'not_found' }
  /** The platform dedupes by our idempotency key (Mastodon, for an hour): sending again is safe. */
  | { kind: 'retry_is_safe' }
  | { kind: 'cannot_tell'; reason: string };

export interface MetricSnapshot {
  impressions?: number | null;
  views?: number | null;
  likes?: number | null;
  replies?: number | null;
  reposts?: number | null;
  quotes?: number | null;
  shares?: number | null;
  saves?: number | null;
  clicks?: number | null;
  bookmarks?: number | null;
}

export interface ClientContext {
  http: HttpFetch;
  clock: Clock;
  log: Logger;
  account: AccountRef;
  credentials: Credentials;
  /** Aborts the call (the scheduler's per-request timeout). */
  signal?: AbortSignal;
}

export interface Capabilities {
  text: boolean;
  images: boolean;
  video: boolean;
  /** The platform has no post without media (Instagram, TikTok, YouTube, Pinterest). */
  requiresMedia: boolean;
  maxImages: number;
  threads: boolean;
  firstComment: boolean;
  /** How an unknown outcome can be settled. */
  reconcile: 'idempotency_key' | 'recent_posts' | 'none';
}

export interface PlatformClient {
  platform: Platform;
  capabilities: Capabilities;
  /** The API root used when the account has none of its own (federated platforms do). */
  defaultBaseUrl: string;
  publish(ctx: ClientContext, req: PublishRequest): Promise<PublishOutcome & { rateLimit?: RateLimitInfo }>;
  /** After an unknown outcome: was the post made? Must never post anything itself. */
  reconcile(ctx: ClientContext, req: PublishRequest): Promise<ReconcileResult>;
  metrics(ctx: ClientContext, platformPostId: string): Promise<MetricSnapshot>;
  /**
   * Many posts' numbers in one request, where the API allows (at most `max` ids). A post the
   * platform leaves out of the answer is absent from the map (deleted, or not visible).
   */
  metricsBatch?: { max: number; read(ctx: ClientContext, platformPostIds: string[]): Promise<Map<string, MetricSnapshot>> };
  /**
   * Copies published under a provisional handle rather than the post's id (TikTok's publish_id
   * while its review runs): which handles are such, and one request about one. The metrics
   * collector asks at each look until the real id comes (analytics/collect/provisional.ts).
   */
  provisionalIds?: ProvisionalIds;
  /** The account's follower count, where the platform gives it cheaply; null when it does not say. */
  followers?(ctx: ClientContext): Promise<number | null>;
  /** New tokens from the refresh token (or a new session); `ok: false` means reconnect. */
  refresh(ctx: ClientContext): Promise<{ ok: true; credentials: Credentials } | { ok: false; reason: string }>;
}

export type ProvisionalAnswer =
  /** Its id and link; `notice`: what the copy's notice becomes (the provisional one goes). */
  | { kind: 'found'; platformPostId: string; url: string | null; notice: string | null }
  /** Published, no id yet: ask again at the next look. */
  | { kind: 'waiting'; detail: string }
  /** No id will come (not public, or the platform no longer knows the handle): no numbers to read. */
  | { kind: 'no_public_id'; detail: string }
  /** The platform took the post down after it went out. `notice` tells the creator. */
  | { kind: 'removed'; detail: string; notice: string };

export interface ProvisionalIds {
  /** The copy holds a provisional handle, not the post's id. */
  provisional(platformPostId: string): boolean;
  /** One request about the handle; throws a PlatformError when it cannot be read now. */
  read(ctx: ClientContext, copy: { handle: string; notice: string | null }): Promise<ProvisionalAnswer>;
}

/** How an account is connected. OAuth flows run through a loopback redirect on 127.0.0.1. */
export interface ConnectResult {
  credentials: Credentials;
  profile: { handle: string; displayName: string | null; platformUserId: string };
}

export interface OAuthConnector {
  kind: 'oauth';
  /** TikTok's desktop flow wants a hex SHA-256 challenge; everyone else base64url. */
  challengeEncoding: 'base64url' | 'hex';
  defaultScopes: string[];
  authorizationUrl(p: { baseUrl: string; clientId: string; redirectUri: string; state: string; codeChallenge: string; scopes: string[] }): string;
  exchange(
    ctx: { http: HttpFetch; clock: Clock; baseUrl: string },
    p: { code: string; codeVerifier: string; redirectUri: string; clientId: string; clientSecret?: string },
  ): Promise<ConnectResult>;
}

export interface PasswordConnector {
  kind: 'password';
  login(ctx: { http: HttpFetch; clock: Clock; baseUrl: string }, p: { identifier: string; password: string }): Promise<ConnectResult>;
}

/** Thrown by connect/metrics calls; carries the platform's own words for "details". */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly details?: string,
    readonly status?: number,
    /** What a metrics reader knows besides the status: when a rate limit lifts, the missing scope, numbers not ready yet. */
    readonly info: { retryAt?: number; scope?: string; pending?: boolean; unsupported?: boolean } = {},
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}
