/**
 * A fake YouTube (Google OAuth for desktop apps + Data API v3), faithful to
 * shared/docs/platforms.md §9: PKCE S256 with a loopback redirect, 3599 s access tokens,
 * non-rotating refresh tokens (7 days while the consent screen is in Testing, see
 * `refreshTtlSeconds`), Google's `{error:{code,message,errors:[{reason}],status}}` bodies, the
 * daily `videos.insert` bucket (403 quotaExceeded until midnight Pacific Time), and the resumable
 * upload protocol (Location, 308 + Range, `bytes *\/total`).
 *
 * Faults from `fault(...)` apply to the session start (`POST /upload/…?uploadType=resumable`).
 * Faults on the upload are aimed with `faultChunk(fault, 'last' | 'status' | index)`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { FakeServer, type Fault, type FakeRequest, type IssuedToken, type Reply } from '../common/fake-server';
import { googleError, isToken } from './google';
import { registerUploads } from './uploads';

export interface YouTubeFakeOptions {
  clientId?: string;
  clientSecret?: string;
}

export interface StoredVideo {
  id: string;
  subject: string;
  title: string;
  description: string;
  tags?: string[];
  categoryId: string;
  privacyStatus: string;
  publishedAt: string;
  /** A count left undefined is absent from `statistics` (comments turned off, likes hidden), never "0". */
  stats: { viewCount: number; likeCount?: number; commentCount?: number };
}

const oauthError = (error: string, description: string): Reply => ({ status: 400, body: { error, error_description: description } });

/** How long refresh tokens last while the app's consent screen is External + "Testing". */
export const TESTING_REFRESH_TTL = 7 * 24 * 3600;

export class YouTubeFake extends FakeServer {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly channel = { id: `UC${randomBytes(11).toString('base64url')}`, title: 'Loom Studio', customUrl: '@loomstudio' };
  readonly codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; scope: string }>();
  readonly videos: StoredVideo[] = [];
  readonly chunkFaults: { fault: Fault; target: 'last' | 'status' | number }[] = [];
  /** Every data PUT to an upload session, in order: what was sent and what the fake did. */
  readonly puts: { uploadId: string; start: number; end: number; result: string }[] = [];
  /** Session starts, with the headers that announce the upload. */
  readonly starts: { length: string | undefined; type: string | undefined; metadata: unknown }[] = [];
  /** How a `rate_limit` fault answers. */
  rateLimitReason: 'rateLimitExceeded' | 'userRateLimitExceeded' | 'quotaExceeded' = 'rateLimitExceeded';
  /** Projects that have not passed Google's audit get every upload locked to private. */
  projectVerified = true;
  /**
   * Seconds a refresh token lives: null (Production consent screen: no fixed end), or 7 days
   * (`TESTING_REFRESH_TTL`) while the consent screen is External + "Testing".
   */
  refreshTtlSeconds: number | null = null;
  /** refresh token → when it was issued. */
  readonly refreshIssuedAt = new Map<string, number>();
  /** `videos.insert` has its own daily bucket (100 a day), reset at midnight Pacific Time. */
  insertsPerDay = 100;
  readonly insertsByDay = new Map<string, number>();

  constructor(opts: YouTubeFakeOptions = {}) {
    super('youtube');
    this.clientId = opts.clientId ?? '1234567890-test.apps.googleusercontent.com';
    this.clientSecret = opts.clientSecret ?? 'GOCSPX-test-secret';
    this.accessTtlSeconds = 3599;
    this.registerOAuth();
    this.registerReads();
    registerUploads(this);
  }

  get uploadsPlaylist(): string {
    return `UU${this.channel.id.slice(2)}`;
  }

  /** Simulates the consent screen: the user approves, Google issues a code. */
  authorize(p: { clientId: string; redirectUri: string; codeChallenge: string; scope?: string }): string {
    const code = `4/0A${randomBytes(16).toString('base64url')}`;
    this.codes.set(code, {
      clientId: p.clientId,
      redirectUri: p.redirectUri,
      challenge: p.codeChallenge,
      scope: p.scope ?? 'https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly',
    });
    return code;
  }

  faultChunk(fault: Fault, target: 'last' | 'status' | number): this {
    this.chunkFaults.push({ fault, target });
    return this;
  }

  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  /** `{ commentCount: undefined }` turns the count off, as disabling comments does. */
  setStats(videoId: string, stats: { [K in keyof StoredVideo['stats']]?: StoredVideo['stats'][K] | undefined }): void {
    const v = this.videos.find((x) => x.id === videoId);
    if (v) Object.assign(v.stats, stats);
  }

  auth(req: FakeRequest): IssuedToken | Reply {
    const t = this.checkToken(req.token);
    if (typeof t === 'string') {
      return googleError(401, 'authError', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', {
        location: 'Authorization',
        locationType: 'header',
      });
    }
    return t;
  }

  private registerOAuth(): void {
    this.route('GET', '/o/oauth2/v2/auth', (req) => {
      const q = req.query;
      let redirect: URL;
      try {
        redirect = new URL(q.get('redirect_uri') ?? '');
      } catch {
        return { status: 400, body: 'Error 400: redirect_uri_mismatch' };
      }
      if (q.get('client_id') !== this.clientId) return { status: 401, body: 'Error 401: invalid_client' };
      if (redirect.protocol !== 'http:' || !['127.0.0.1', '[::1]', 'localhost'].includes(redirect.hostname)) return { status: 400, body: 'Error 400: redirect_uri_mismatch' };
      if (q.get('response_type') !== 'code') return { status: 400, body: 'Error 400: unsupported_response_type' };
      if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(q.get('code_challenge') ?? '')) return { status: 400, body: 'Error 400: invalid_request (code_challenge)' };
      const code = this.authorize({ clientId: this.clientId, redirectUri: q.get('redirect_uri')!, codeChallenge: q.get('code_challenge')!, scope: q.get('scope') ?? '' });
      redirect.searchParams.set('state', q.get('state') ?? '');
      redirect.searchParams.set('code', code);
      redirect.searchParams.set('scope', q.get('scope') ?? '');
      return { status: 302, headers: { location: redirect.toString() } };
    });

    this.route('POST', '/token', (req) => {
      const b = (req.body ?? {}) as Record<string, string>;
      if (b.client_id !== this.clientId || b.client_secret !== this.clientSecret) return { status: 401, body: { error: 'invalid_client', error_description: 'Unauthorized' } };
      if (b.grant_type === 'authorization_code') {
        const c = this.codes.get(b.code ?? '');
        if (!c) return oauthError('invalid_grant', 'Malformed auth code.');
        this.codes.delete(b.code!);
        if (c.redirectUri !== b.redirect_uri) return oauthError('redirect_uri_mismatch', 'Bad Request');
        if (createHash('sha256').update(b.code_verifier ?? '').digest('base64url') !== c.challenge) return oauthError('invalid_grant', 'Invalid code verifier.');
        const t = this.issueToken(this.channel.id, c.scope);
        this.refreshIssuedAt.set(t.refreshToken, this.now());
        return { status: 200, body: { access_token: t.accessToken, expires_in: this.accessTtlSeconds, refresh_token: t.refreshToken, scope: t.scope, token_type: 'Bearer' } };
      }
      if (b.grant_type === 'refresh_token') {
        const old = this.refreshTokens.get(b.refresh_token ?? '');
        const issued = this.refreshIssuedAt.get(b.refresh_token ?? '') ?? this.now();
        const lapsed = this.refreshTtlSeconds !== null && issued + this.refreshTtlSeconds * 1000 <= this.now();
        if (!old || lapsed) return oauthError('invalid_grant', 'Token has been expired or revoked.');
        // Google does not rotate: the same refresh token keeps working, only the access token is new.
        const t = this.issueToken(old.subject, old.scope);
        this.refreshTokens.delete(t.refreshToken);
        return { status: 200, body: { access_token: t.accessToken, expires_in: this.accessTtlSeconds, scope: t.scope, token_type: 'Bearer' } };
      }
      return oauthError('unsupported_grant_type', 'Invalid grant_type.');
    });
  }

  private registerReads(): void {
    this.route('GET', '/youtube/v3/channels', (req) => {
      const t = this.auth(req);
      if (!isToken(t)) return t;
      if (req.query.get('mine') !== 'true') return googleError(400, 'missingRequiredParameter', 'No filter selected.');
      const parts = (req.query.get('part') ?? '').split(',');
      return {
        status: 200,
        body: {
          kind: 'youtube#channelListResponse',
          items: [
            {
              kind: 'youtube#channel',
              id: this.channel.id,
              ...(parts.includes('snippet') ? { snippet: { title: this.channel.title, customUrl: this.channel.customUrl, description: '' } } : {}),
              ...(parts.includes('contentDetails') ? { contentDetails: { relatedPlaylists: { likes: '', uploads: this.uploadsPlaylist } } } : {}),
            },
          ],
        },
      };
    });

    this.route('GET', '/youtube/v3/playlistItems', (req) => {
      const t = this.auth(req);
      if (!isToken(t)) return t;
      if (req.query.get('playlistId') !== this.uploadsPlaylist) return googleError(404, 'playlistNotFound', 'The playlist identified with the request\'s playlistId parameter cannot be found.');
      const max = Number(req.query.get('maxResults') ?? 5);
      if (!(max >= 0 && max <= 50)) return googleError(400, 'invalidValue', 'Invalid value for maxResults.');
      const from = Number(req.query.get('pageToken') ?? 0);
      // The owner sees every upload, private ones included, newest first.
      const all = this.videos.filter((v) => v.subject === t.subject).slice().reverse();
      const page = all.slice(from, from + max);
      return {
        status: 200,
        body: {
          kind: 'youtube#playlistItemListResponse',
          ...(from + max < all.length ? { nextPageToken: String(from + max) } : {}),
          items: page.map((v, i) => ({
            kind: 'youtube#playlistItem',
            id: randomBytes(8).toString('base64url'),
            snippet: { publishedAt: v.publishedAt, channelId: this.channel.id, title: v.title, description: v.description, playlistId: this.uploadsPlaylist, position: from + i, resourceId: { kind: 'youtube#video', videoId: v.id } },
          })),
        },
      };
    });

    this.route('GET', '/youtube/v3/videos', (req) => {
      const t = this.auth(req);
      if (!isToken(t)) return t;
      const ids = (req.query.get('id') ?? '').split(',').filter(Boolean);
      // videos.list takes at most 50 ids.
      if (ids.length > 50) return { status: 400, body: { error: { code: 400, message: 'The request specifies an invalid filter parameter.', errors: [{ message: 'The request specifies an invalid filter parameter.', domain: 'youtube.parameter', reason: 'invalidFilters', location: 'parameters.', locationType: 'other' }] } } };
      const parts = (req.query.get('part') ?? '').split(',');
      const found = this.videos.filter((v) => ids.includes(v.id) && (v.privacyStatus !== 'private' || v.subject === t.subject));
      return {
        status: 200,
        body: {
          kind: 'youtube#videoListResponse',
          items: found.map((v) => ({
            kind: 'youtube#video',
            id: v.id,
            ...(parts.includes('statistics')
              ? {
                  statistics: {
                    viewCount: String(v.stats.viewCount),
                    ...(v.stats.likeCount !== undefined ? { likeCount: String(v.stats.likeCount) } : {}),
                    // Private since December 2021: only the video's owner is shown dislikes.
                    ...(v.subject === t.subject ? { dislikeCount: '0' } : {}),
                    favoriteCount: '0',
                    ...(v.stats.commentCount !== undefined ? { commentCount: String(v.stats.commentCount) } : {}),
                  },
                }
              : {}),
          })),
          pageInfo: { totalResults: found.length, resultsPerPage: found.length },
        },
      };
    });
  }
}

export async function startYouTubeFake(opts: YouTubeFakeOptions = {}): Promise<YouTubeFake> {
  return new YouTubeFake(opts).start();
}
