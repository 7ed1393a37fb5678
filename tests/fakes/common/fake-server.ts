/**
 * The kit every fake platform server is built on: a loopback HTTP server, a tiny router, a
 * token store with expiry, a record of every post it accepted (to count duplicates), and
 * switchable faults. Each platform's fake supplies its own paths, headers and error bodies,
 * faithful to ../shared/docs/platforms.md.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  /** Answer the next write with the platform's 429 and rate-limit headers. */
  | { kind: 'rate_limit'; resetInSeconds: number }
  /** Answer with a 5xx error body, creating nothing. */
  | { kind: 'server_error'; status?: number }
  /** Create the post, then never answer (the client times out). */
  | { kind: 'timeout_after_accept' }
  /** Cut the connection before reading the request: nothing is created. */
  | { kind: 'reset_before_send' }
  /** Treat every current access token as expired until the client refreshes. */
  | { kind: 'expired_token' };

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  params: Record<string, string>;
  raw: Buffer;
  /** Parsed JSON or form body (urlencoded), or null. */
  body: Record<string, unknown> | null;
  /** The bearer token, if any. */
  token: string | null;
}

export type Reply = { status: number; headers?: Record<string, string>; body?: unknown } | 'hang' | 'reset';

type Handler = (req: FakeRequest) => Reply | Promise<Reply>;

export interface AcceptedPost {
  id: string;
  accountKey: string;
  text: string;
  createdAt: number;
  idempotencyKey?: string;
  data: Record<string, unknown>;
}

export interface IssuedToken {
  accessToken: string;
  refreshToken: string;
  subject: string;
  expiresAt: number;
  scope: string;
}

export class FakeServer {
  private server: Server;
  private routes: { method: string; pattern: RegExp; keys: string[]; handler: Handler }[] = [];
  private faults: Fault[] = [];
  private hanging = new Set<ServerResponse>();
  readonly posts: AcceptedPost[] = [];
  readonly tokens = new Map<string, IssuedToken>();
  readonly refreshTokens = new Map<string, IssuedToken>();
  readonly requests: { method: string; path: string }[] = [];
  url = '';
  port = 0;
  /** Extra delay before each answer, so a test can kill a client mid-request. */
  latencyMs = 0;
  /** Awaited before each answer: a test holds some requests (a slow platform) until it lets them go. */
  beforeAnswer: ((req: { method: string; path: string }) => Promise<void> | void) | null = null;
  /** Seconds an access token lives; platforms set their documented value, tests shorten it. */
  accessTtlSeconds = 7200;
  now: () => number = Date.now;

  constructor(readonly name: string) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `http://127.0.0.1:${this.port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const r of this.hanging) r.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  route(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const pattern = new RegExp(
      '^' +
        path.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`)).replace(/\{(\w+)\}|:(\w+)/g, (_, a, b) => {
          keys.push(a ?? b);
          return '([^/]+)';
        }) +
        '$',
    );
    this.routes.push({ method, pattern, keys, handler });
    return this;
  }

  /** Arms faults; each applies to one later write (see `takeFault`). */
  fault(...faults: Fault[]): this {
    this.faults.push(...faults);
    return this;
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Platform fakes call this at the start of every write route. */
  takeFault(): Fault | undefined {
    const f = this.faults.shift();
    if (f?.kind === 'expired_token') {
      for (const t of this.tokens.values()) t.expiresAt = Math.min(t.expiresAt, this.now() - 1);
      return undefined;
    }
    return f;
  }

  issueToken(subject: string, scope = ''): IssuedToken {
    const t: IssuedToken = {
      accessToken: `at_${randomBytes(12).toString('hex')}`,
      refreshToken: `rt_${randomBytes(12).toString('hex')}`,
      subject,
      scope,
      expiresAt: this.now() + this.accessTtlSeconds * 1000,
    };
    this.tokens.set(t.accessToken, t);
    this.refreshTokens.set(t.refreshToken, t);
    return t;
  }

  /** Rotating refresh: the old pair stops working. Returns null for an unknown refresh token. */
  rotate(refreshToken: string): IssuedToken | null {
    const old = this.refreshTokens.get(refreshToken);
    if (!old) return null;
    this.refreshTokens.delete(refreshToken);
    this.tokens.delete(old.accessToken);
    return this.issueToken(old.subject, old.scope);
  }

  /** 'missing' | 'invalid' | 'expired' | the token. */
  checkToken(token: string | null): 'missing' | 'invalid' | 'expired' | IssuedToken {
    if (!token) return 'missing';
    const t = this.tokens.get(token);
    if (!t) return 'invalid';
    if (t.expiresAt <= this.now()) return 'expired';
    return t;
  }

  accept(post: Omit<AcceptedPost, 'createdAt'>): AcceptedPost {
    const p = { ...post, createdAt: this.now() };
    this.posts.push(p);
    return p;
  }

  /** Posts whose account and text were already accepted once: what "never post twice" forbids. */
  duplicates(): number {
    const seen = new Set<string>();
    let dups = 0;
    for (const p of this.posts) {
      const key = `${p.accountKey}\u0000${p.text}`;
      if (seen.has(key)) dups++;
      seen.add(key);
    }
    return dups;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname });
    const route = this.routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    if (this.beforeAnswer) await this.beforeAnswer({ method: req.method ?? 'GET', path: url.pathname });
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `No route ${req.method} ${url.pathname} in fake ${this.name}` }));
      return;
    }
    const m = route.pattern.exec(url.pathname)!;
    const params: Record<string, string> = {};
    route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1]!)));
    const type = req.headers['content-type'] ?? '';
    let body: Record<string, unknown> | null = null;
    if (raw.length > 0 && type.includes('json')) body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    else if (raw.length > 0 && type.includes('x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') || auth?.startsWith('bearer ') ? auth.slice(7) : (url.searchParams.get('access_token') ?? null);
    const reply = await route.handler({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, params, raw, body, token });
    if (reply === 'reset') {
      req.socket.destroy();
      return;
    }
    if (reply === 'hang') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    const headers = { ...(reply.body !== undefined && typeof reply.body !== 'string' ? { 'content-type': 'application/json' } : {}), ...reply.headers };
    res.writeHead(reply.status, headers).end(reply.body === undefined ? undefined : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
  }
}
