/**
 * A fake LinkedIn (api.linkedin.com and the OAuth pages of www.linkedin.com on one origin),
 * faithful to ../shared/docs/platforms.md §4: versioned /rest calls that refuse a missing
 * LinkedIn-Version or X-Restli-Protocol-Version, 201 + x-restli-id for posts, 401 with
 * serviceErrorCode 65600, 429 without rate headers, 60-day tokens, refresh tokens for partners.
 */
import { FakeServer } from '../common/fake-server';
import { registerMediaRoutes } from './media-routes';
import { ACCESS_TTL_SECONDS, consent, registerOAuthRoutes } from './oauth-routes';
import { registerPostRoutes } from './post-routes';
import type { LinkedInFakeCore, LinkedInFakeState, Member, MemberMetric } from './state';

export interface LinkedInFakeOptions {
  clientId?: string;
  clientSecret?: string;
  /** Issue refresh tokens, as LinkedIn does for approved partner apps only (default false). */
  partner?: boolean;
  members?: Member[];
  /** member sub → organisation URNs they administer. */
  adminOf?: Record<string, string[]>;
  videoPartSize?: number;
  videoProcessingPolls?: number;
  rejectDuplicates?: boolean;
}

export type LinkedInFake = LinkedInFakeCore & {
  /** Simulates the member approving the consent screen for a connector's authorization URL. */
  authorize(authorizationUrl: string, sub?: string): { code: string; state: string; redirectUri: string };
  setAnalytics(postUrn: string, stats: Partial<Record<MemberMetric | 'CLICK', number>>): void;
  /** What members would read: "little" text unescaped, cut at the first unescaped reserved character. */
  visibleText(postUrn: string): string | undefined;
};

export const DEFAULT_MEMBER: Member = { sub: 'yrZCpj2Z12', name: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace' };

const RESERVED = new Set(['|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '*', '_', '~']);

export function littleToText(commentary: string): string {
  let out = '';
  for (let i = 0; i < commentary.length; i++) {
    const c = commentary[i]!;
    if (c === '\\' && i + 1 < commentary.length) out += commentary[++i];
    else if (RESERVED.has(c)) break;
    else out += c;
  }
  return out;
}

export async function startLinkedInFake(opts: LinkedInFakeOptions = {}): Promise<LinkedInFake> {
  const members = opts.members ?? [DEFAULT_MEMBER];
  const state: LinkedInFakeState = {
    clientId: opts.clientId ?? '86abcdefli',
    clientSecret: opts.clientSecret ?? 'li-secret',
    partner: opts.partner ?? false,
    refreshTtlSeconds: 365 * 86_400,
    refreshExpiry: new Map(),
    members: new Map(members.map((m) => [m.sub, m])),
    adminOf: new Map(Object.entries(opts.adminOf ?? {}).map(([sub, orgs]) => [sub, new Set(orgs)])),
    codes: new Map(),
    images: new Map(),
    videos: new Map(),
    videoPartSize: opts.videoPartSize ?? 4 * 1024 * 1024,
    videoProcessingPolls: opts.videoProcessingPolls ?? 1,
    comments: new Map(),
    analytics: new Map(),
    rejectDuplicates: opts.rejectDuplicates ?? true,
    analyticsThrottled: false,
    seq: 0,
  };
  const fake = Object.assign(new FakeServer('linkedin'), { state }) as LinkedInFake;
  fake.accessTtlSeconds = ACCESS_TTL_SECONDS;
  fake.authorize = (url, sub) => consent(fake, url, sub);
  fake.setAnalytics = (urn, stats) => state.analytics.set(urn, { ...state.analytics.get(urn), ...stats });
  fake.visibleText = (urn) => {
    const post = fake.posts.find((p) => p.id === urn);
    return post ? littleToText(post.text) : undefined;
  };
  registerOAuthRoutes(fake);
  registerPostRoutes(fake);
  registerMediaRoutes(fake);
  return fake.start();
}
