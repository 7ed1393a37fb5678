/**
 * A fake Bluesky AppView: the one thing a real PDS in tests cannot give (there is no AppView
 * in dev-env without Postgres). The real PDS is configured to proxy app.bsky.* calls here, as
 * bsky.social proxies them to api.bsky.app, so a client's getPosts goes client → PDS → here.
 *
 * `app.bsky.feed.getPosts` answers like the real one: PostViews for the posts it knows (it
 * reads each record from the PDS), leaving out the ones it does not, at most 25 uris, counts
 * set by the test. The PDS's service-auth JWT is checked (audience, method, expiry) and its
 * issuer (the viewer's DID) remembered, so a test can see the call came through the proxy.
 */
import { FakeServer } from '../common/fake-server';

export interface PostCounts {
  likeCount?: number;
  repostCount?: number;
  replyCount?: number;
  quoteCount?: number;
  bookmarkCount?: number;
}

export interface AppViewFake {
  server: FakeServer;
  url: string;
  did: string;
  /** Where the posts' records are read from; set once the PDS is up. */
  pdsUrl: string;
  setCounts(uri: string, counts: PostCounts): void;
  /** The viewers (service-auth issuers) of each getPosts call, in order. */
  viewers: (string | null)[];
  stop(): Promise<void>;
}

const xrpcError = (status: number, error: string, message: string) => ({ status, body: { error, message } });

function claims(jwt: string): Record<string, unknown> | null {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export async function startAppViewFake(opts: { did?: string } = {}): Promise<AppViewFake> {
  const server = new FakeServer('bluesky-appview');
  const counts = new Map<string, PostCounts>();
  const fake: AppViewFake = {
    server,
    url: '',
    did: opts.did ?? 'did:web:appview.test',
    pdsUrl: '',
    setCounts: (uri, c) => void counts.set(uri, c),
    viewers: [],
    stop: () => server.stop(),
  };

  server.route('GET', '/xrpc/app.bsky.feed.getPosts', async (req) => {
    if (req.token) {
      const c = claims(req.token);
      if (!c) return xrpcError(401, 'BadJwt', 'Token could not be decoded');
      if (c.aud !== fake.did && c.aud !== `${fake.did}#bsky_appview`) return xrpcError(401, 'BadJwtAudience', 'jwt audience does not match service did');
      if (c.lxm !== undefined && c.lxm !== 'app.bsky.feed.getPosts') return xrpcError(401, 'BadJwtLexiconMethod', 'bad jwt lexicon method ("lxm")');
      if (typeof c.exp === 'number' && c.exp * 1000 < server.now()) return xrpcError(401, 'JwtExpired', 'jwt expired');
    }
    fake.viewers.push(req.token ? String(claims(req.token)?.iss ?? '') : null);
    const uris = req.query.getAll('uris');
    if (uris.length === 0) return xrpcError(400, 'InvalidRequest', 'Error: Params must have the property "uris"');
    if (uris.length > 25) return xrpcError(400, 'InvalidRequest', 'Error: uris must not have more than 25 elements');
    const posts = [];
    for (const uri of uris) {
      const [, , repo, collection, rkey] = uri.split('/');
      const q = new URLSearchParams({ repo: repo ?? '', collection: collection ?? '', rkey: rkey ?? '' });
      const rec = await fetch(`${fake.pdsUrl}/xrpc/com.atproto.repo.getRecord?${q}`);
      if (!rec.ok) continue; // unknown posts are left out, not errors
      const { cid, value } = (await rec.json()) as { cid: string; value: Record<string, unknown> };
      const who = await fetch(`${fake.pdsUrl}/xrpc/com.atproto.repo.describeRepo?repo=${encodeURIComponent(repo ?? '')}`);
      const { did, handle } = (await who.json()) as { did: string; handle: string };
      const c = counts.get(uri) ?? {};
      posts.push({
        uri,
        cid,
        author: { did, handle, labels: [], createdAt: new Date(server.now()).toISOString() },
        record: value,
        bookmarkCount: c.bookmarkCount ?? 0,
        replyCount: c.replyCount ?? 0,
        repostCount: c.repostCount ?? 0,
        likeCount: c.likeCount ?? 0,
        quoteCount: c.quoteCount ?? 0,
        indexedAt: new Date(server.now()).toISOString(),
        labels: [],
      });
    }
    return { status: 200, body: { posts } };
  });

  await server.start();
  fake.url = server.url;
  return fake;
}
