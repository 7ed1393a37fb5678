/**
 * A fake TikTok (Login Kit for Desktop, Content Posting API, Display API), faithful to
 * shared/docs/platforms.md §8: `{data, error:{code,message,log_id}}` envelopes, OAuth errors as
 * `{error, error_description, log_id}`, hex PKCE, rotating refresh tokens (2 h access, 180 d
 * refresh), per-token limits in sliding one-minute windows (each init 6, status/fetch 30,
 * video/query 600) with no rate-limit headers, the FILE_UPLOAD chunk rules, and a public post's
 * id withheld until moderation passes (PUBLISH_COMPLETE comes first; `passReview` ends it at
 * once, `failReview` turns the post down after it went out).
 *
 * Faults from `fault(...)` apply to the init calls (`video/init`, `content/init`). Faults on the
 * upload itself are aimed at one chunk with `faultChunk(fault, 'last' | index)`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { FakeServer, type Fault, type FakeRequest, type IssuedToken, type Reply } from '../common/fake-server';
import { fail, isToken, oauthError, ok } from './envelope';
import { registerPosting } from './posting';

export interface TikTokFakeOptions {
  clientKey?: string;
  clientSecret?: string;
  /** An app that has not passed TikTok's audit may only post SELF_ONLY. */
  audited?: boolean;
  /** URL prefixes TikTok may pull media from (verified domains); the fake's own /media/ by default. */
  verifiedUrlPrefixes?: string[];
}

export interface PublishRecord {
  publishId: string;
  openId: string;
  kind: 'video' | 'photo';
  source: 'FILE_UPLOAD' | 'PULL_FROM_URL';
  caption: string;
  title?: string;
  privacy: string;
  videoSize: number;
  chunkSize: number;
  totalChunks: number;
  uploadToken?: string;
  received: number;
  chunksReceived: number;
  state: 'uploading' | 'complete' | 'failed';
  failReason?: string;
  postId?: string;
  /** Status reads that still show PROCESSING_* after the post is complete. */
  pendingPolls: number;
  /** PUBLISH_COMPLETE reads that still give no public id: moderation has not passed yet. */
  moderationPolls: number;
  pullError?: string;
}

export interface StoredVideo {
  id: string;
  openId: string;
  caption: string;
  title?: string;
  privacy: string;
  createTime: number;
  stats: { view_count: number; like_count: number; comment_count: number; share_count: number };
}


export class TikTokFake extends FakeServer {
  readonly clientKey: string;
  readonly clientSecret: string;
  audited: boolean;
  verifiedUrlPrefixes: string[] | null;
  readonly user = { openId: `open_${randomBytes(6).toString('hex')}`, displayName: 'Loom Tester', username: 'loomtester' };
  readonly codes = new Map<string, { clientKey: string; redirectUri: string; challenge: string; scope: string }>();
  readonly publishes = new Map<string, PublishRecord>();
  readonly videos: StoredVideo[] = [];
  /** `video/query` calls per access token (sliding one-minute window) and its limit. */
  readonly queryTimes = new Map<string, number[]>();
  queryLimitPerMinute = 600;
  /** Each publish init (`video/init`, `content/init`) allows 6 calls per minute per token. */
  readonly initTimes = new Map<string, number[]>();
  initLimitPerMinute = 6;
  /** `status/fetch` allows 30 calls per minute per token. */
  readonly statusTimes = new Map<string, number[]>();
  statusLimitPerMinute = 30;
  readonly hosted = new Map<string, { bytes: Buffer; mime: string }>();
  readonly chunkFaults: { fault: Fault; target: 'last' | number }[] = [];
  readonly processingFailures: string[] = [];
  /** Seconds a refresh token lives (180 days in current docs); each rotation issues a fresh one. */
  refreshTtlSeconds = 15_552_000;
  /** refresh token → when it stops working. */
  readonly refreshExpiry = new Map<string, number>();
  /** Status reads that still show PROCESSING_* after a post is complete (how long TikTok "processes"). */
  processingPolls = 1;
  /**
   * PUBLISH_COMPLETE reads of a public post that still give no `publicaly_available_post_id`:
   * TikTok hands out the post id only after its moderation, usually within a minute.
   */
  moderationPolls = 1;
  /** Every chunk PUT the fake accepted, for assertions on the upload's shape. */
  readonly chunks: { publishId: string; range: string; bytes: number; contentType: string }[] = [];

  constructor(opts: TikTokFakeOptions = {}) {
    super('tiktok');
    this.clientKey = opts.clientKey ?? 'aw_test_client_key';
    this.clientSecret = opts.clientSecret ?? 'test_client_secret';
    this.audited = opts.audited ?? true;
    this.verifiedUrlPrefixes = opts.verifiedUrlPrefixes ?? null;
    this.accessTtlSeconds = 7200;
    this.registerOAuth();
    registerPosting(this);
    // The kit writes string bodies as UTF-8, so hosted media goes out base64-encoded: enough for
    // this fake's own pull, which checks only that the link answers with the right type.
    this.route('GET', '/media/{name}', (req) => {
      const m = this.hosted.get(req.params.name!);
      return m ? { status: 200, headers: { 'content-type': m.mime }, body: m.bytes.toString('base64') } : { status: 404, body: 'not found' };
    });
  }

  privacyOptions(): string[] {
    return this.audited ? ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'] : ['SELF_ONLY'];
  }

  /** Simulates the consent screen: the user approves, TikTok issues a code. */
  authorize(p: { clientKey: string; redirectUri: string; codeChallenge: string; scope?: string }): string {
    const code = `code_${randomBytes(10).toString('hex')}`;
    this.codes.set(code, { clientKey: p.clientKey, redirectUri: p.redirectUri, challenge: p.codeChallenge, scope: p.scope ?? 'user.info.basic,video.publish,video.upload,video.list' });
    return code;
  }

  /** Serves bytes at a public URL on this fake, for PULL_FROM_URL. */
  hostMedia(name: string, bytes: Uint8Array, mime: string): string {
    this.hosted.set(name, { bytes: Buffer.from(bytes), mime });
    return `${this.url}/media/${name}`;
  }

  faultChunk(fault: Fault, target: 'last' | number): this {
    this.chunkFaults.push({ fault, target });
    return this;
  }

  /** The next post that finishes uploading ends FAILED with this fail_reason. */
  failNextProcessing(reason: string): this {
    this.processingFailures.push(reason);
    return this;
  }

  /** Moderation of a complete post passes now: its next status read lists the public id. */
  passReview(publishId: string): void {
    const rec = this.publishes.get(publishId);
    if (rec) rec.moderationPolls = 0;
  }

  /**
   * Moderation turns down a post that already read PUBLISH_COMPLETE: its status reads FAILED with
   * `reason` from now on, and the video is gone from the Display API.
   */
  failReview(publishId: string, reason: string): void {
    const rec = this.publishes.get(publishId);
    if (!rec) return;
    rec.state = 'failed';
    rec.failReason = reason;
    const at = this.videos.findIndex((v) => v.id === rec.postId);
    if (at >= 0) this.videos.splice(at, 1);
  }

  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  setStats(postId: string, stats: Partial<StoredVideo['stats']>): void {
    const v = this.videos.find((x) => x.id === postId);
    if (v) Object.assign(v.stats, stats);
  }

  /**
   * TikTok's per-token limits: a sliding one-minute window, counted on every authenticated call;
   * over it, a 429 `rate_limit_exceeded` envelope and no rate-limit headers (none are documented).
   */
  overLimit(times: Map<string, number[]>, key: string, limit: number): Reply | null {
    const recent = (times.get(key) ?? []).filter((at) => at > this.now() - 60_000);
    if (recent.length >= limit) return fail(429, 'rate_limit_exceeded', 'The API rate limit was exceeded. Please try again later.');
    recent.push(this.now());
    times.set(key, recent);
    return null;
  }

  /** Bearer check with TikTok's 401; `scope` is checked when given. */
  auth(req: FakeRequest, scope?: string): IssuedToken | Reply {
    const t = this.checkToken(req.token);
    if (t === 'missing' || t === 'invalid' || t === 'expired') return fail(401, 'access_token_invalid', 'The access token is invalid or not found in the request.');
    if (scope && !t.scope.split(',').includes(scope)) return fail(401, 'scope_not_authorized', `The user did not authorize the scope required for completing this request (${scope}).`);
    return t;
  }

  private registerOAuth(): void {
    this.route('GET', '/v2/auth/authorize/', (req) => {
      const q = req.query;
      const redirect = q.get('redirect_uri') ?? '';
      let redirectUrl: URL;
      try {
        redirectUrl = new URL(redirect);
      } catch {
        return { status: 400, body: 'redirect_uri is invalid' };
      }
      if (q.get('client_key') !== this.clientKey) return { status: 400, body: 'client_key is invalid' };
      if (!['127.0.0.1', 'localhost'].includes(redirectUrl.hostname) || !redirectUrl.port) return { status: 400, body: 'desktop redirect_uri must be localhost/127.0.0.1 with a port' };
      if (q.get('response_type') !== 'code') return { status: 400, body: 'response_type must be code' };
      if (q.get('code_challenge_method') !== 'S256' || !/^[0-9a-f]{64}$/.test(q.get('code_challenge') ?? '')) return { status: 400, body: 'code_challenge must be a hex SHA-256' };
      const code = this.authorize({ clientKey: this.clientKey, redirectUri: redirect, codeChallenge: q.get('code_challenge')!, scope: q.get('scope') ?? '' });
      redirectUrl.searchParams.set('code', code);
      redirectUrl.searchParams.set('scopes', q.get('scope') ?? '');
      redirectUrl.searchParams.set('state', q.get('state') ?? '');
      return { status: 302, headers: { location: redirectUrl.toString() } };
    });

    this.route('POST', '/v2/oauth/token/', (req) => {
      const b = (req.body ?? {}) as Record<string, string>;
      if (!String(req.headers['content-type'] ?? '').includes('x-www-form-urlencoded')) return oauthError('invalid_request', 'Content-Type must be application/x-www-form-urlencoded.');
      if (b.client_key !== this.clientKey || b.client_secret !== this.clientSecret) return oauthError('invalid_client', 'Client key or secret is incorrect.');
      let t: IssuedToken | null = null;
      if (b.grant_type === 'authorization_code') {
        const c = this.codes.get(b.code ?? '');
        if (!c) return oauthError('invalid_grant', 'Authorization code is expired.');
        this.codes.delete(b.code!);
        if (c.redirectUri !== b.redirect_uri) return oauthError('invalid_grant', 'Redirect URI does not match.');
        const expected = createHash('sha256').update(b.code_verifier ?? '').digest('hex');
        if (expected !== c.challenge) return oauthError('invalid_grant', 'Code verifier is invalid.');
        t = this.issueToken(this.user.openId, c.scope);
      } else if (b.grant_type === 'refresh_token') {
        const lapsed = (this.refreshExpiry.get(b.refresh_token ?? '') ?? Infinity) <= this.now();
        t = lapsed ? null : this.rotate(b.refresh_token ?? '');
        if (!t) return oauthError('invalid_grant', 'Refresh token is invalid or expired.');
      } else {
        return oauthError('unsupported_grant_type', 'Grant type is not supported.');
      }
      this.refreshExpiry.set(t.refreshToken, this.now() + this.refreshTtlSeconds * 1000);
      return {
        status: 200,
        body: {
          access_token: t.accessToken,
          expires_in: this.accessTtlSeconds,
          open_id: t.subject,
          refresh_expires_in: this.refreshTtlSeconds,
          refresh_token: t.refreshToken,
          scope: t.scope,
          token_type: 'Bearer',
        },
      };
    });

    this.route('GET', '/v2/user/info/', (req) => {
      const t = this.auth(req, 'user.info.basic');
      if (!isToken(t)) return t;
      const fields = (req.query.get('fields') ?? '').split(',');
      if (fields.includes('username') && !t.scope.split(',').includes('user.info.profile')) {
        return fail(401, 'scope_not_authorized', 'The user did not authorize the scope required for completing this request (user.info.profile).');
      }
      const all: Record<string, string> = { open_id: this.user.openId, union_id: `union_${this.user.openId}`, avatar_url: 'https://p16.example/avatar.jpeg', display_name: this.user.displayName };
      return ok({ user: Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]])) });
    });
  }
}

export async function startTikTokFake(opts: TikTokFakeOptions = {}): Promise<TikTokFake> {
  return new TikTokFake(opts).start();
}
