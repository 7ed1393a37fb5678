/**
 * A real Bluesky PDS for tests: @atproto/dev-env starts an in-memory PLC directory and the
 * reference PDS (@atproto/pds, SQLite in a temp dir) on loopback ports, with no network.
 * Rate limits are switched on so its answers carry the real RateLimit-* headers. There is no
 * AppView: app.bsky.* reads are proxied by the PDS to `appViewUrl` (pass the fake AppView).
 *
 * Always `close()` it in afterAll: it holds ports, SQLite handles and a temp dir.
 */
import { createServer } from 'node:net';
import { AtpAgent } from '@atproto/api';
import { TestNetworkNoAppView } from '@atproto/dev-env';
// The PDS's own token minting, to make an access token that is already past its 120 minutes.
import { createAccessToken } from '@atproto/pds/dist/account-manager/helpers/auth';

export interface TestAccount {
  did: string;
  handle: string;
  email: string;
  /** The main password (what Loomcast must refuse to store). */
  password: string;
  /** An app password named "loomcast". */
  appPassword: string;
  /** Signed in with the main password, for test set-up only. */
  agent: AtpAgent;
}

export interface StoredRecord {
  uri: string;
  cid: string;
  value: Record<string, unknown>;
}

export interface RealPds {
  url: string;
  appViewDid: string;
  createAccount(name: string, displayName?: string): Promise<TestAccount>;
  /** A genuine access JWT for `did`, signed by this PDS, that expired a minute ago. */
  expiredAccessJwt(did: string): Promise<string>;
  /** The account's app.bsky.feed.post records, read from its repository (JSON form). */
  listPosts(did: string): Promise<StoredRecord[]>;
  getRecord(uri: string): Promise<StoredRecord>;
  getBlob(did: string, cid: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** dev-env needs explicit ports: leaving them undefined breaks the PDS's link to the PLC. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startPds(opts: { appViewUrl?: string; appViewDid?: string } = {}): Promise<RealPds> {
  const appViewDid = opts.appViewDid ?? 'did:web:appview.test';
  const network = await TestNetworkNoAppView.create({
    plc: { port: await freePort() },
    pds: {
      port: await freePort(),
      rateLimitsEnabled: true,
      // Sessions carry the DID document, as bsky.social's do (the reference PDS's default is off).
      enableDidDocWithSession: true,
      ...(opts.appViewUrl ? { bskyAppViewUrl: opts.appViewUrl, bskyAppViewDid: appViewDid } : {}),
    },
  });
  const url = network.pds.url;

  const xrpcGet = async (nsid: string, params: Record<string, string>): Promise<Response> => {
    const res = await fetch(`${url}/xrpc/${nsid}?${new URLSearchParams(params)}`);
    if (!res.ok) throw new Error(`${nsid} → HTTP ${res.status}: ${await res.text()}`);
    return res;
  };

  return {
    url,
    appViewDid,
    async createAccount(name, displayName) {
      const handle = `${name}.test`;
      const email = `${name}@example.test`;
      const password = `${name}-main-password`;
      const agent = new AtpAgent({ service: url });
      await agent.createAccount({ handle, email, password });
      const did = agent.session!.did;
      const app = await agent.com.atproto.server.createAppPassword({ name: 'loomcast' });
      if (displayName) {
        await agent.com.atproto.repo.putRecord({
          repo: did,
          collection: 'app.bsky.actor.profile',
          rkey: 'self',
          record: { $type: 'app.bsky.actor.profile', displayName },
        });
      }
      return { did, handle, email, password, appPassword: app.data.password, agent };
    },
    async expiredAccessJwt(did) {
      return createAccessToken({
        did,
        jwtKey: network.pds.jwtSecretKey(),
        serviceDid: network.pds.ctx.cfg.service.did,
        scope: 'com.atproto.appPass',
        expiresIn: Math.floor(Date.now() / 1000) - 60,
      } as Parameters<typeof createAccessToken>[0]);
    },
    async listPosts(did) {
      const res = await xrpcGet('com.atproto.repo.listRecords', { repo: did, collection: 'app.bsky.feed.post', limit: '100' });
      return ((await res.json()) as { records: StoredRecord[] }).records;
    },
    async getRecord(uri) {
      const [, , repo, collection, rkey] = uri.split('/');
      const res = await xrpcGet('com.atproto.repo.getRecord', { repo: repo!, collection: collection!, rkey: rkey! });
      return (await res.json()) as StoredRecord;
    },
    async getBlob(did, cid) {
      const res = await xrpcGet('com.atproto.sync.getBlob', { did, cid });
      return new Uint8Array(await res.arrayBuffer());
    },
    async close() {
      await network.close();
    },
  };
}
