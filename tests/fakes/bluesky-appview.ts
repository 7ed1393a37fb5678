/**
 * A standalone fake Bluesky AppView for metrics tests: the local PDS runs no AppView, and the
 * metrics call is the AppView's. Faithful to ../shared/docs/platforms.md §2 and the lexicons:
 *
 * - `app.bsky.feed.getPosts?uris=…` (at most 25): a PostView for each post it knows, with
 *   `likeCount, repostCount, replyCount, quoteCount, bookmarkCount` — all optional in the
 *   lexicon, so a count the test leaves out is absent, not 0. Unknown or deleted uris are simply
 *   left out of `posts` (no error).
 * - `app.bsky.actor.getProfile?actor=…`: `followersCount` and friends.
 * - A bearer token is required (401 `AuthMissing` without one). Every answer carries
 *   `RateLimit-Limit/Remaining/Reset` (epoch seconds) and `RateLimit-Policy`; over the limit it
 *   answers 429 `RateLimitExceeded`.
 */
import { FakeServer, type FakeRequest, type Reply } from './common/fake-server';

export interface AppViewCounts {
  likeCount?: number;
  repostCount?: number;
  replyCount?: number;
  quoteCount?: number;
  bookmarkCount?: number;
}

/** A valid CIDv1 (dag-cbor); the AppView echoes the record's CID, which tests never compare. */
const CID = 'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm';

const xrpcError = (status: number, error: string, message: string, headers: Record<string, string> = {}): Reply => ({ status, headers, body: { error, message } });

export class BlueskyAppViewFake extends FakeServer {
  readonly indexed = new Map<string, { counts: AppViewCounts; indexedAt: number; text: string }>();
  readonly profiles = new Map<string, { handle: string; followersCount?: number; followsCount?: number; postsCount?: number }>();
  /** Requests per window per token (the real AppView's numbers are not published; 3000 / 5 min is the PDS's global one). */
  limit = 3000;
  windowSeconds = 300;
  /** The uris asked for in each getPosts call, in order. */
  readonly getPostsCalls: string[][] = [];
  private windows = new Map<string, { used: number; resetAt: number }>();

  constructor() {
    super('bluesky-appview');
    this.route('GET', '/xrpc/app.bsky.feed.getPosts', (req) => this.guarded(req, (headers) => this.getPosts(req, headers)));
    this.route('GET', '/xrpc/app.bsky.actor.getProfile', (req) => this.guarded(req, (headers) => this.getProfile(req, headers)));
  }

  /** A post the AppView has indexed; counts left out are absent from its PostView. */
  setPost(uri: string, counts: AppViewCounts, text = 'hello'): void {
    this.indexed.set(uri, { counts, indexedAt: this.now(), text });
  }

  /** The post was deleted: the AppView stops returning it. */
  deletePost(uri: string): void {
    this.indexed.delete(uri);
  }

  setProfile(did: string, p: { handle: string; followersCount?: number; followsCount?: number; postsCount?: number }): void {
    this.profiles.set(did, p);
  }

  private guarded(req: FakeRequest, handler: (headers: Record<string, string>) => Reply): Reply {
    if (!req.token) return xrpcError(401, 'AuthMissing', 'Authentication Required');
    const now = this.now();
    let w = this.windows.get(req.token);
    if (!w || w.resetAt <= now) {
      w = { used: 0, resetAt: now + this.windowSeconds * 1000 };
      this.windows.set(req.token, w);
    }
    const over = w.used >= this.limit;
    if (!over) w.used++;
    const headers = {
      'RateLimit-Limit': String(this.limit),
      'RateLimit-Remaining': String(Math.max(0, this.limit - w.used)),
      'RateLimit-Reset': String(Math.ceil(w.resetAt / 1000)),
      'RateLimit-Policy': `${this.limit};w=${this.windowSeconds}`,
    };
    if (over) return xrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded', headers);
    return handler(headers);
  }

  private getPosts(req: FakeRequest, headers: Record<string, string>): Reply {
    const uris = req.query.getAll('uris');
    if (uris.length === 0) return xrpcError(400, 'InvalidRequest', 'Error: Params must have the property "uris"', headers);
    if (uris.length > 25) return xrpcError(400, 'InvalidRequest', 'Error: uris must not have more than 25 elements', headers);
    this.getPostsCalls.push(uris);
    const posts = uris.flatMap((uri) => {
      const p = this.indexed.get(uri);
      if (!p) return [];
      const did = uri.split('/')[2] ?? '';
      const handle = this.profiles.get(did)?.handle ?? 'someone.test';
      const iso = new Date(p.indexedAt).toISOString();
      return [
        {
          uri,
          cid: CID,
          author: { did, handle, labels: [], createdAt: iso },
          record: { $type: 'app.bsky.feed.post', text: p.text, createdAt: iso },
          ...p.counts,
          indexedAt: iso,
          labels: [],
        },
      ];
    });
    return { status: 200, headers, body: { posts } };
  }

  private getProfile(req: FakeRequest, headers: Record<string, string>): Reply {
    const actor = req.query.get('actor') ?? '';
    const entry = [...this.profiles.entries()].find(([did, p]) => did === actor || p.handle === actor);
    if (!entry) return xrpcError(400, 'InvalidRequest', 'Profile not found', headers);
    const [did, p] = entry;
    return { status: 200, headers, body: { did, handle: p.handle, labels: [], ...(p.followersCount !== undefined ? { followersCount: p.followersCount } : {}), ...(p.followsCount !== undefined ? { followsCount: p.followsCount } : {}), ...(p.postsCount !== undefined ? { postsCount: p.postsCount } : {}) } };
  }
}

export async function startBlueskyAppViewFake(): Promise<BlueskyAppViewFake> {
  return new BlueskyAppViewFake().start();
}
