/** Rigs for X, Bluesky, Mastodon and LinkedIn: each fake with one post it reports in full. */
import { systemClock } from '../../../electron/core/deps';
import { createLinkedInClient, linkedinConnector } from '../../../electron/core/platforms/linkedin';
import { mastodonClient } from '../../../electron/core/platforms/mastodon';
import { createXClient } from '../../../electron/core/platforms/x';
import type { ClientContext } from '../../../electron/core/platforms/types';
import { startBlueskyAppViewFake } from '../../fakes/bluesky-appview';
import { startLinkedInFake } from '../../fakes/linkedin';
import { startMastodonFake } from '../../fakes/mastodon';
import { connectMastodon, contextFor as mastodonCtx, request as mastodonRequest } from '../../fakes/mastodon/harness';
import { startXFake } from '../../fakes/x';
import { connectX, contextFor as xCtx, request as xRequest } from '../../fakes/x/harness';
import { idOf, quietLog, REDIRECT, type MetricsRig, type RigCase } from './types';

async function xRig(): Promise<MetricsRig> {
  const fake = await startXFake();
  const ctx = xCtx(fake, await connectX(fake));
  // The owner's own post, minutes old: X gives its private numbers (link clicks) too.
  const postId = idOf(await createXClient().publish(ctx, xRequest('Count everything')));
  fake.setMetrics(postId, { impressions: 1200, likes: 40, replies: 3, reposts: 5, quotes: 2, bookmarks: 7, linkClicks: 11, profileClicks: 6 });
  return { ctx, postId, stop: () => fake.stop() };
}

async function blueskyRig(): Promise<MetricsRig> {
  // The AppView answers getPosts (the PDS only proxies it there), so the client is pointed at it.
  const fake = await startBlueskyAppViewFake();
  const did = 'did:plc:alicealicealicealice';
  const postId = `at://${did}/app.bsky.feed.post/3m5rtcountall2`;
  fake.setProfile(did, { handle: 'alice.test', followersCount: 10 });
  fake.setPost(postId, { likeCount: 12, repostCount: 3, replyCount: 2, quoteCount: 1, bookmarkCount: 5 });
  const ctx: ClientContext = {
    http: fetch,
    clock: systemClock,
    log: quietLog,
    account: { id: 'acc-bsky', platform: 'bluesky', handle: 'alice.test', baseUrl: fake.url, platformUserId: did },
    credentials: { accessToken: 'jwt-alice', extra: { did } },
  };
  return { ctx, postId, stop: () => fake.stop() };
}

async function mastodonRig(version?: string): Promise<MetricsRig> {
  const fake = await startMastodonFake(version ? { version } : {});
  const ctx = mastodonCtx(fake, await connectMastodon(fake));
  const postId = idOf(await mastodonClient.publish(ctx, mastodonRequest('Count everything')));
  fake.setCounts(postId, { replies: 3, reblogs: 5, favourites: 8, quotes: 1 });
  return { ctx, postId, stop: () => fake.stop() };
}

const LI_MEMBER_SCOPES = ['openid', 'profile', 'w_member_social', 'r_member_social', 'r_member_postAnalytics'];
const LI_ORG = 'urn:li:organization:2414183';

async function linkedinRig(kind: 'organisation' | 'member'): Promise<MetricsRig> {
  const fake = await startLinkedInFake({ adminOf: { yrZCpj2Z12: [LI_ORG] } });
  const scopes = kind === 'organisation' ? [...LI_MEMBER_SCOPES, 'w_organization_social', 'r_organization_social'] : LI_MEMBER_SCOPES;
  const url = linkedinConnector.authorizationUrl({ baseUrl: fake.url, clientId: fake.state.clientId, redirectUri: REDIRECT, state: 'st', codeChallenge: 'unused', scopes });
  const conn = await linkedinConnector.exchange(
    { http: fetch, clock: systemClock, baseUrl: fake.url },
    { code: fake.authorize(url).code, codeVerifier: 'unused', redirectUri: REDIRECT, clientId: fake.state.clientId, clientSecret: fake.state.clientSecret },
  );
  const credentials = kind === 'organisation' ? { ...conn.credentials, extra: { ...conn.credentials.extra, authorUrn: LI_ORG } } : conn.credentials;
  const ctx: ClientContext = {
    http: fetch,
    clock: systemClock,
    log: quietLog,
    credentials,
    account: { id: 'acc-li', platform: 'linkedin', handle: conn.profile.handle, baseUrl: fake.url, platformUserId: conn.profile.platformUserId },
  };
  const postId = idOf(await createLinkedInClient().publish(ctx, { idempotencyKey: 'k-count', text: 'Count everything', media: [], attemptStartedAt: Date.now() }));
  fake.setAnalytics(postId, { IMPRESSION: 900, MEMBERS_REACHED: 700, CLICK: 40, REACTION: 31, COMMENT: 4, RESHARE: 2 });
  return { ctx, postId, stop: () => fake.stop() };
}

export const OPEN_WEB_RIGS = {
  x: [{ name: "the owner's post under 30 days old", start: xRig }],
  bluesky: [{ name: 'a post the AppView has indexed', start: blueskyRig }],
  mastodon: [
    { name: 'a Mastodon 4.5 server', start: () => mastodonRig() },
    // Quotes came in 4.5: an older server leaves quotes_count out of the status.
    { name: 'a Mastodon 4.4 server', absent: ['quotes'], start: () => mastodonRig('4.4.3') },
  ],
  linkedin: [
    { name: 'an organisation page', start: () => linkedinRig('organisation') },
    // memberCreatorPostAnalytics has no click metric (IMPRESSION, MEMBERS_REACHED, RESHARE, REACTION, COMMENT).
    { name: "a member's own post", absent: ['clicks'], start: () => linkedinRig('member') },
  ],
} satisfies Record<string, RigCase[]>;
