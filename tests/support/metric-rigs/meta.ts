/** Rigs for Meta's three: a Facebook Page post, an Instagram photo and a Threads post, each reported in full. */
import { systemClock } from '../../../electron/core/deps';
import { facebookClient, facebookConnector } from '../../../electron/core/platforms/facebook';
import { createInstagramClient, instagramConnector } from '../../../electron/core/platforms/instagram';
import { createThreadsClient, threadsConnector } from '../../../electron/core/platforms/threads';
import type { ClientContext, ConnectResult, PublishRequest } from '../../../electron/core/platforms/types';
import { startFacebookFake } from '../../fakes/facebook';
import { startInstagramFake } from '../../fakes/instagram';
import { startThreadsFake } from '../../fakes/threads';
import { idOf, quietLog, REDIRECT, type MetricsRig, type RigCase } from './types';

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0xff, 0xd9]);
/** Container polls in milliseconds, so publishing the post takes no time. */
const FAST_POLL = { poll: { firstDelayMs: 5, maxDelayMs: 20, maxWaitMs: 2_000 } };

function ctxFor(platform: 'facebook' | 'instagram' | 'threads', baseUrl: string, conn: ConnectResult): ClientContext {
  return {
    http: fetch,
    clock: systemClock,
    log: quietLog,
    credentials: conn.credentials,
    account: { id: `acc-${platform}`, platform, handle: conn.profile.handle, baseUrl, platformUserId: conn.profile.platformUserId },
  };
}

const req = (text: string, media: PublishRequest['media'] = []): PublishRequest => ({ idempotencyKey: `k-${text}`, text, media, attemptStartedAt: Date.now() });

async function facebookRig(): Promise<MetricsRig> {
  const fake = await startFacebookFake();
  const url = facebookConnector.authorizationUrl({ baseUrl: fake.url, clientId: fake.state.appId, redirectUri: REDIRECT, state: 'st', codeChallenge: 'unused', scopes: facebookConnector.defaultScopes });
  const conn = await facebookConnector.exchange(
    { http: fetch, clock: systemClock, baseUrl: fake.url },
    { code: fake.authorize(url).code, codeVerifier: 'unused', redirectUri: REDIRECT, clientId: fake.state.appId, clientSecret: fake.state.appSecret },
  );
  const ctx = ctxFor('facebook', fake.url, conn);
  const postId = idOf(await facebookClient.publish(ctx, req('Count everything')));
  await facebookClient.publish(ctx, { ...req('first!'), replyTo: { platformPostId: postId, rootPostId: postId, kind: 'comment' } });
  fake.setInsights(postId, { views: 480, clicks: 12, reactions: 33, shares: 4 });
  return { ctx, postId, stop: () => fake.stop() };
}

async function instagramRig(): Promise<MetricsRig> {
  const fake = await startInstagramFake();
  const code = fake.authorize({ redirectUri: REDIRECT, scopes: instagramConnector.defaultScopes });
  const conn = await instagramConnector.exchange({ http: fetch, clock: systemClock, baseUrl: fake.url }, { code, codeVerifier: 'unused', redirectUri: REDIRECT, clientId: fake.clientId, clientSecret: fake.clientSecret });
  const ctx = ctxFor('instagram', fake.url, conn);
  const photoUrl = fake.serveFile('count.jpg', JPEG, 'image/jpeg');
  const photo = { hash: 'count', mime: 'image/jpeg', bytes: JPEG.length, altText: 'A loom', read: async () => JPEG, publicUrl: async () => photoUrl };
  const postId = idOf(await createInstagramClient(FAST_POLL).publish(ctx, req('Count everything', [photo])));
  fake.setInsights(postId, { views: 120, reach: 90, likes: 7, comments: 2, shares: 3, saved: 1, total_interactions: 13 });
  return { ctx, postId, stop: () => fake.stop() };
}

async function threadsRig(): Promise<MetricsRig> {
  const fake = await startThreadsFake();
  const code = fake.authorize({ redirectUri: REDIRECT, scopes: threadsConnector.defaultScopes });
  const conn = await threadsConnector.exchange({ http: fetch, clock: systemClock, baseUrl: fake.url }, { code, codeVerifier: 'unused', redirectUri: REDIRECT, clientId: fake.clientId, clientSecret: fake.clientSecret });
  const ctx = ctxFor('threads', fake.url, conn);
  const postId = idOf(await createThreadsClient(FAST_POLL).publish(ctx, req('Count everything')));
  fake.setInsights(postId, { views: 300, likes: 12, replies: 3, reposts: 2, quotes: 1, shares: 4 });
  return { ctx, postId, stop: () => fake.stop() };
}

export const META_RIGS = {
  facebook: [{ name: 'a Page post', start: facebookRig }],
  instagram: [{ name: 'a published photo', start: instagramRig }],
  threads: [{ name: 'a text post', start: threadsRig }],
} satisfies Record<string, RigCase[]>;
