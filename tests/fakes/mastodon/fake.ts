/**
 * A fake Mastodon instance on the shared kit: its records, the bearer-token and scope checks
 * every API route makes, rack-attack-style throttles with `X-RateLimit-*` headers (reset as an
 * ISO-8601 timestamp with microseconds, as Ruby's `iso8601(6)` writes it), and helpers tests use
 * to set the scene (accounts, apps, consent, counts).
 */
import { randomBytes } from 'node:crypto';
import { FakeServer, type FakeRequest, type Reply } from '../common/fake-server';
import { DEFAULT_LIMITS, snowflake, type FakeAccount, type FakeApp, type FakeLimits, type FakeMedia, type FakeStatus } from './model';

export interface MastodonFakeOptions {
  /** Instance limits served by `GET /api/v2/instance` and enforced on posts and uploads. */
  limits?: Partial<FakeLimits>;
  /** The account signed in on the consent page. */
  username?: string;
  displayName?: string;
  /** Process images asynchronously too (202, then 206 polls); video and GIFs always are. */
  asyncImages?: boolean;
  /** How many polls answer 206 before an asynchronous upload is processed. */
  processingPolls?: number;
  /** Throttles (limit per period); Mastodon's defaults unless a test needs more headroom. */
  rates?: Partial<Rates>;
  /** The server's version (`GET /api/v2/instance`); before 4.5 statuses carry no `quotes_count`. */
  version?: string;
}

export interface Rate {
  limit: number;
  periodSeconds: number;
}

/** Mastodon's throttles (config/initializers/rack_attack.rb and PostStatusService's RateLimiter). */
export interface Rates {
  /** throttle_per_token_api: 300 per 5 minutes per token. */
  api: Rate;
  /** Statuses: 300 per 3 hours per account. */
  statuses: Rate;
  /** throttle_api_media: 30 uploads per 30 minutes per account. */
  media: Rate;
}

export const DEFAULT_RATES: Rates = {
  api: { limit: 300, periodSeconds: 300 },
  statuses: { limit: 300, periodSeconds: 3 * 3600 },
  media: { limit: 30, periodSeconds: 1800 },
};

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  accountId: string;
  challenge: string | null;
  expiresAt: number;
}

export type Authed = { ok: true; account: FakeAccount; token: string; scopes: string[] } | { ok: false; reply: Reply };

/** Ruby's `Time#iso8601(6)`: `2026-11-23T09:05:00.000000Z`. */
export const rubyIso = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

export const mastoError = (status: number, error: string, headers: Record<string, string> = {}): Reply => ({ status, headers, body: { error } });

/** Default Doorkeeper scopes an app gets when it registers without any. */
const DEFAULT_SCOPES = ['read'];
/** Mastodon's tokens carry no expiry; the kit needs a number, so: a century. */
const NO_EXPIRY_SECONDS = 100 * 365 * 24 * 3600;

export class MastodonFake extends FakeServer {
  limits: FakeLimits;
  rates: Rates;
  asyncImages: boolean;
  processingPolls: number;
  version: string;
  /** The next uploads whose processing fails (GET /api/v1/media/:id → 422). */
  failProcessing = 0;
  readonly accounts = new Map<string, FakeAccount>();
  readonly apps = new Map<string, FakeApp>();
  readonly statuses = new Map<string, FakeStatus>();
  readonly media = new Map<string, FakeMedia>();
  readonly codes = new Map<string, AuthCode>();
  /** `accountId:key` → the status the key created, kept one hour (Redis SETEX 3600 in Mastodon). */
  readonly idempotency = new Map<string, { statusId: string; at: number }>();
  /** access token → the client_id it was issued to (a status names the app that posted it). */
  readonly tokenApps = new Map<string, string>();
  private windows = new Map<string, { start: number; count: number }>();
  signedIn: FakeAccount;

  constructor(opts: MastodonFakeOptions = {}) {
    super('mastodon');
    this.accessTtlSeconds = NO_EXPIRY_SECONDS;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.rates = { ...DEFAULT_RATES, ...opts.rates };
    this.asyncImages = opts.asyncImages ?? false;
    this.processingPolls = opts.processingPolls ?? 1;
    this.version = opts.version ?? '4.5.0';
    this.signedIn = this.createAccount(opts.username ?? 'ada', opts.displayName ?? 'Ada Lovelace');
  }

  /** Quotes arrived in Mastodon 4.5: an older server's statuses have no `quotes_count` at all. */
  get countsQuotes(): boolean {
    const [major = 0, minor = 0] = this.version.split('.').map(Number);
    return major > 4 || (major === 4 && minor >= 5);
  }

  get host(): string {
    return new URL(this.url || 'http://127.0.0.1').host;
  }

  createAccount(username: string, displayName = username): FakeAccount {
    const a: FakeAccount = { id: snowflake(this.now() - 86_400_000 * 400), username, displayName, createdAt: this.now() - 86_400_000 * 400 };
    this.accounts.set(a.id, a);
    return a;
  }

  account(username: string): FakeAccount {
    const a = [...this.accounts.values()].find((x) => x.username === username);
    if (!a) throw new Error(`no account @${username} on the fake`);
    return a;
  }

  /** Who clicks "Authorize" on the consent page. */
  signIn(username: string): void {
    this.signedIn = this.account(username);
  }

  registerApp(p: { name: string; redirectUris: string[]; scopes?: string[]; website?: string | null }): FakeApp {
    const app: FakeApp = {
      id: String(this.apps.size + 1),
      name: p.name,
      website: p.website ?? null,
      redirectUris: p.redirectUris,
      scopes: p.scopes?.length ? p.scopes : DEFAULT_SCOPES,
      clientId: randomBytes(32).toString('base64url').slice(0, 43),
      clientSecret: randomBytes(32).toString('base64url').slice(0, 43),
    };
    this.apps.set(app.clientId, app);
    return app;
  }

  /** What clicking "Authorize" does: a one-time code, valid 10 minutes (Doorkeeper's default). */
  issueCode(p: { clientId: string; redirectUri: string; scopes: string[]; codeChallenge: string | null; username?: string }): string {
    const code = randomBytes(32).toString('base64url').slice(0, 43);
    const account = p.username ? this.account(p.username) : this.signedIn;
    this.codes.set(code, { clientId: p.clientId, redirectUri: p.redirectUri, scopes: p.scopes, accountId: account.id, challenge: p.codeChallenge, expiresAt: this.now() + 600_000 });
    return code;
  }

  /** A token straight away, for tests that are not about connecting. */
  tokenFor(username: string, scopes = 'write:statuses write:media read:statuses read:accounts'): string {
    return this.issueToken(this.account(username).id, scopes).accessToken;
  }

  /** What revoking the app in Settings does: the token stops working, with Doorkeeper's "revoked". */
  revoke(token: string): void {
    const t = this.tokens.get(token);
    if (t) t.expiresAt = Math.min(t.expiresAt, this.now() - 1);
  }

  setCounts(statusId: string, counts: Partial<FakeStatus['counts']>): void {
    const s = this.statuses.get(statusId);
    if (!s) throw new Error(`no status ${statusId}`);
    Object.assign(s.counts, counts);
  }

  statusesOf(username: string): FakeStatus[] {
    const id = this.account(username).id;
    return [...this.statuses.values()].filter((s) => s.accountId === id);
  }

  statusCount(accountId: string): number {
    let n = 0;
    for (const s of this.statuses.values()) if (s.accountId === accountId) n++;
    return n;
  }

  /** A fixed-window counter aligned like rack-attack's (period boundaries since the epoch). */
  throttle(key: string, { limit, periodSeconds }: Rate): { limit: number; remaining: number; resetAt: number; exceeded: boolean } {
    const period = periodSeconds * 1000;
    const start = Math.floor(this.now() / period) * period;
    const w = this.windows.get(key);
    const win = w && w.start === start ? w : { start, count: 0 };
    win.count++;
    this.windows.set(key, win);
    return { limit, remaining: Math.max(0, limit - win.count), resetAt: start + period, exceeded: win.count > limit };
  }

  rateHeaders(r: { limit: number; remaining: number; resetAt: number }): Record<string, string> {
    return { 'X-RateLimit-Limit': String(r.limit), 'X-RateLimit-Remaining': String(r.remaining), 'X-RateLimit-Reset': rubyIso(r.resetAt) };
  }

  /** Rack::Attack's throttled_responder. */
  tooMany(limit: number, resetAt: number): Reply {
    return mastoError(429, 'Too many requests', this.rateHeaders({ limit, remaining: 0, resetAt }));
  }

  /**
   * Doorkeeper's bearer check, then the scope check (`doorkeeper_authorize! :write, :'write:statuses'`:
   * any one of the listed scopes will do), then the per-token API throttle.
   */
  authenticate(req: FakeRequest, anyOf: string[]): Authed {
    const t = this.checkToken(req.token);
    if (t === 'missing' || t === 'invalid' || t === 'expired') {
      const description = t === 'expired' ? 'The access token was revoked' : 'The access token is invalid';
      const www = `Bearer realm="Doorkeeper", error="invalid_token", error_description="${description}"`;
      return { ok: false, reply: mastoError(401, description, { 'WWW-Authenticate': www }) };
    }
    const account = this.accounts.get(t.subject);
    if (!account) return { ok: false, reply: mastoError(422, 'This method requires an authenticated user') };
    const scopes = t.scope.split(/\s+/).filter(Boolean);
    if (!anyOf.some((s) => scopes.includes(s))) {
      return { ok: false, reply: mastoError(403, 'This action is outside the authorized scopes') };
    }
    const r = this.throttle(`token:${t.accessToken}`, this.rates.api);
    if (r.exceeded) return { ok: false, reply: this.tooMany(r.limit, r.resetAt) };
    return { ok: true, account, token: t.accessToken, scopes };
  }

  /** The headers every authenticated API answer carries (the per-token API throttle's state). */
  apiHeaders(token: string): Record<string, string> {
    const { limit, periodSeconds } = this.rates.api;
    const w = this.windows.get(`token:${token}`);
    const period = periodSeconds * 1000;
    const start = Math.floor(this.now() / period) * period;
    const used = w && w.start === start ? w.count : 0;
    return this.rateHeaders({ limit, remaining: Math.max(0, limit - used), resetAt: start + period });
  }
}
