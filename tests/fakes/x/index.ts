/**
 * A fake X API v2 on 127.0.0.1, faithful to ../shared/docs/platforms.md §1: OAuth 2.0 with PKCE
 * (S256) and rotating refresh tokens, `POST /2/tweets`, simple and chunked media upload with
 * STATUS processing, media alt text, the user timeline and tweet lookup with metrics, and
 * `x-rate-limit-*` headers on every answer. Faults use X's own status codes and bodies.
 */
import { FakeServer, type Fault, type FakeRequest, type IssuedToken, type Reply } from '../common/fake-server';
import { registerMediaRoutes, type FakeMedia } from './media-routes';
import { authorizeUrl, registerOAuthRoutes, type FakeClient, type PendingCode } from './oauth-routes';
import { forbidden, headersFor, RateLimits, serverError, tooManyRequests, unauthorized, withHeaders, type RateLimitShape } from './replies';
import { registerTweetRoutes } from './tweet-routes';

export interface FakeUser {
  id: string;
  username: string;
  name: string;
}

export interface XFakeOptions {
  /** The developer app; with a secret it is confidential and must use HTTP Basic. */
  client?: FakeClient;
  user?: FakeUser;
  /** Per 15-minute window, per user; keyed "METHOD path" as X documents them. */
  limits?: Record<string, number>;
  /** Adds `x-user-limit-24hour-*` to `POST /2/tweets` answers. */
  userDailyPostLimit?: number;
  /** `check_after_secs` the fake asks for while media processes. */
  checkAfterSecs?: number;
  /** STATUS polls before processing succeeds. */
  processingPolls?: number;
  /** X rejects an exact repeat of a post's text with 403; turn off to count duplicates instead. */
  rejectDuplicates?: boolean;
}

export type TweetMetrics = {
  public_metrics: Record<string, number>;
  non_public_metrics: Record<string, number>;
  organic_metrics: Record<string, number>;
};

type Guarded = (req: FakeRequest, token: IssuedToken) => Reply | Promise<Reply>;

export class XFake extends FakeServer {
  readonly clients = new Map<string, FakeClient>();
  readonly users = new Map<string, FakeUser>();
  readonly codes = new Map<string, PendingCode>();
  readonly media = new Map<string, FakeMedia>();
  readonly metrics = new Map<string, TweetMetrics>();
  readonly user: FakeUser;
  readonly client: FakeClient;
  readonly rates: RateLimits;
  rateLimitShape: RateLimitShape = 'problem';
  checkAfterSecs: number;
  processingPolls: number;
  /** When set, the next media to finish processing fails with this message. */
  failNextProcessing: string | null = null;
  rejectDuplicates: boolean;
  /** false: the developer plan cannot read user timelines (X's Free plan), so it answers 403. */
  timelineAccess = true;
  userDailyPostLimit: number | undefined;
  private nextId = 1866000000000000000n;

  constructor(opts: XFakeOptions = {}) {
    super('x');
    this.user = opts.user ?? { id: '2244994945', username: 'loomcast_dev', name: 'Loomcast Dev' };
    this.client = opts.client ?? { clientId: 'loomcast-test-client', redirectUris: ['http://127.0.0.1:53682/cb'] };
    this.users.set(this.user.id, this.user);
    this.clients.set(this.client.clientId, this.client);
    this.rates = new RateLimits(() => this.now(), { 'POST /2/tweets': 100, 'POST /2/media/upload': 500, 'GET /2/users/:id/tweets': 900, 'GET /2/tweets/:id': 900, ...opts.limits });
    this.checkAfterSecs = opts.checkAfterSecs ?? 1;
    this.processingPolls = opts.processingPolls ?? 2;
    this.rejectDuplicates = opts.rejectDuplicates ?? true;
    this.userDailyPostLimit = opts.userDailyPostLimit;
    registerOAuthRoutes(this);
    registerTweetRoutes(this);
    registerMediaRoutes(this);
  }

  newId(): string {
    this.nextId += BigInt(1 + Math.floor(Math.random() * 1000));
    return this.nextId.toString();
  }

  /**
   * Wraps a route the way X answers: on a write, the next armed fault first (with X's own
   * status codes and bodies); then the bearer token and its scopes; then the rate-limit window,
   * whose headers go on every answer.
   */
  guard(endpoint: string, scopes: string[], write: boolean, handler: Guarded): (req: FakeRequest) => Promise<Reply> {
    return async (req) => {
      const fault: Fault | undefined = write ? this.takeFault() : undefined;
      if (fault?.kind === 'reset_before_send') return 'reset';
      const token = this.checkToken(req.token);
      if (typeof token === 'string') return unauthorized();
      const granted = token.scope.split(' ');
      if (!scopes.every((s) => granted.includes(s))) return forbidden('You are not permitted to perform this action.');
      if (fault?.kind === 'rate_limit') {
        const limit = this.rates.limits[endpoint] ?? 900;
        return tooManyRequests(this.rateLimitShape, headersFor(limit, 0, this.now() + fault.resetInSeconds * 1000));
      }
      const { headers, over } = this.rates.take(token.subject, endpoint);
      if (over) return tooManyRequests(this.rateLimitShape, headers);
      if (fault?.kind === 'server_error') return withHeaders(serverError(fault.status), headers);
      const reply = await handler(req, token);
      if (fault?.kind === 'timeout_after_accept') return 'hang';
      return withHeaders(reply, headers);
    };
  }

  /** Sets what `GET /2/tweets/:id` reports for a post. */
  setMetrics(id: string, m: Partial<{ impressions: number; likes: number; replies: number; reposts: number; quotes: number; bookmarks: number; linkClicks: number; profileClicks: number }>): void {
    const impressions = m.impressions ?? 0;
    this.metrics.set(id, {
      public_metrics: { retweet_count: m.reposts ?? 0, reply_count: m.replies ?? 0, like_count: m.likes ?? 0, quote_count: m.quotes ?? 0, bookmark_count: m.bookmarks ?? 0, impression_count: impressions },
      non_public_metrics: { impression_count: impressions, url_link_clicks: m.linkClicks ?? 0, user_profile_clicks: m.profileClicks ?? 0 },
      organic_metrics: { impression_count: impressions, like_count: m.likes ?? 0, reply_count: m.replies ?? 0, retweet_count: m.reposts ?? 0, url_link_clicks: m.linkClicks ?? 0, user_profile_clicks: m.profileClicks ?? 0 },
    });
  }

  /** Posts this account made with exactly this text (what "posted twice" would look like). */
  postsWithText(text: string): number {
    return this.posts.filter((p) => p.text === text.normalize('NFC')).length;
  }

  /** Simulates the consent screen: validates the authorization URL and issues a code. */
  authorize(authorizationUrl: string, userId = this.user.id): { code: string; state: string; redirectUri: string } {
    return authorizeUrl(this, authorizationUrl, userId);
  }
}

export async function startXFake(opts: XFakeOptions = {}): Promise<XFake> {
  return new XFake(opts).start();
}
