/**
 * `startBlueskyFake`: a loopback proxy in front of the real PDS that forwards every XRPC call
 * unchanged, except where a test has armed a fault. It plays the parts of Bluesky's own edge
 * (rate limiter, load balancer, flaky network) with the PDS's real status codes and bodies:
 * - rate_limit → 429 {"error":"RateLimitExceeded","message":"Rate Limit Exceeded"} with
 *   RateLimit-Limit/-Remaining/-Reset (epoch seconds)/-Policy, as the PDS sends them;
 * - server_error → 500 {"error":"InternalServerError","message":"Internal Server Error"},
 *   nothing forwarded;
 * - timeout_after_accept → forwarded (the record is made), then no answer;
 * - reset_before_send → the connection is cut, nothing forwarded;
 * - expired_token → every access token seen so far answers 400 ExpiredToken until the
 *   client refreshes (the new tokens pass through and work).
 * Faults apply to the write routes, createRecord and uploadBlob; the posts the PDS accepted
 * through the proxy are recorded (`posts`, `duplicates()`). The client's lookups of its own
 * records (reconcile) go to the repository's PDS named in the session's DID document, so they
 * reach the real PDS directly, as they would reach the account's PDS behind bsky.social.
 */
import { FakeServer, type FakeRequest, type Reply } from '../common/fake-server';

const FORWARDED_HEADERS = ['content-type', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'ratelimit-policy', 'retry-after'];

function claims(jwt: string): { sub?: string; exp?: number; scope?: string } {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: string; exp?: number; scope?: string };
  } catch {
    return {};
  }
}

export async function startBlueskyFake(opts: { pdsUrl: string }): Promise<FakeServer> {
  const fake = new FakeServer('bluesky');

  const forward = async (req: FakeRequest): Promise<{ status: number; headers: Record<string, string>; text: string }> => {
    const headers: Record<string, string> = {};
    for (const h of ['content-type', 'authorization', 'atproto-proxy', 'atproto-accept-labelers']) {
      const v = req.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    const query = req.query.toString();
    const res = await fetch(`${opts.pdsUrl}${req.path}${query ? `?${query}` : ''}`, {
      method: req.method,
      headers,
      ...(req.method === 'POST' && req.raw.length > 0 ? { body: new Uint8Array(req.raw) } : {}),
    });
    const out: Record<string, string> = {};
    for (const h of FORWARDED_HEADERS) {
      const v = res.headers.get(h);
      if (v !== null) out[h] = v;
    }
    return { status: res.status, headers: out, text: await res.text() };
  };

  /** Mirrors real access JWTs into the kit's token store, so its expired_token fault applies to them. */
  const expired = (req: FakeRequest): Reply | null => {
    if (!req.token) return null;
    const c = claims(req.token);
    if (c.scope === 'com.atproto.refresh') return null;
    if (!fake.tokens.has(req.token)) {
      fake.tokens.set(req.token, { accessToken: req.token, refreshToken: '', subject: c.sub ?? '', scope: c.scope ?? '', expiresAt: (c.exp ?? 0) * 1000 });
    }
    if (fake.checkToken(req.token) !== 'expired') return null;
    return { status: 400, body: { error: 'ExpiredToken', message: 'Token has expired' } };
  };

  const reply = (r: { status: number; headers: Record<string, string>; text: string }): Reply => ({ status: r.status, headers: r.headers, body: r.text });

  const write = (nsid: string) => async (req: FakeRequest): Promise<Reply> => {
    const fault = fake.takeFault();
    const stale = expired(req);
    if (stale) return stale;
    if (fault?.kind === 'reset_before_send') return 'reset';
    if (fault?.kind === 'server_error') return { status: fault.status ?? 500, body: { error: 'InternalServerError', message: 'Internal Server Error' } };
    if (fault?.kind === 'rate_limit') {
      return {
        status: 429,
        headers: {
          'ratelimit-limit': '3000',
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(Math.floor(fake.now() / 1000) + fault.resetInSeconds),
          'ratelimit-policy': '3000;w=300',
        },
        body: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' },
      };
    }
    const res = await forward(req);
    if (nsid === 'com.atproto.repo.createRecord' && res.status === 200) {
      const body = req.body as { repo?: string; rkey?: string; record?: { text?: string } } | null;
      const made = JSON.parse(res.text) as { uri: string };
      fake.accept({ id: made.uri, accountKey: body?.repo ?? '', text: body?.record?.text ?? '', ...(body?.rkey ? { idempotencyKey: body.rkey } : {}), data: body ?? {} });
    }
    return fault?.kind === 'timeout_after_accept' ? 'hang' : reply(res);
  };

  fake.route('POST', '/xrpc/com.atproto.repo.createRecord', write('com.atproto.repo.createRecord'));
  fake.route('POST', '/xrpc/com.atproto.repo.uploadBlob', write('com.atproto.repo.uploadBlob'));
  for (const method of ['GET', 'POST']) {
    fake.route(method, '/xrpc/{nsid}', async (req) => expired(req) ?? reply(await forward(req)));
  }
  return fake.start();
}
