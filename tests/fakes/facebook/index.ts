/**
 * A fake Graph API for Facebook Pages, faithful to ../shared/docs/platforms.md §5: Facebook
 * Login (code → short-lived → long-lived user token → non-expiring Page tokens), /feed and
 * /photos, Page posts, comments, views-based insights, and errors in Graph's envelope with
 * HTTP 400 for token (190) and throttling (4/80001, with usage headers) alike.
 */
import { FakeServer } from '../common/fake-server';
import { registerMetricsRoutes } from './metrics-routes';
import { consent, registerOAuthRoutes } from './oauth-routes';
import { registerPageRoutes } from './page-routes';
import type { FacebookFakeCore, FacebookFakeState, FakePhoto, FakeUser } from './state';

export interface FacebookFakeOptions {
  appId?: string;
  appSecret?: string;
  users?: FakeUser[];
  rejectDuplicates?: boolean;
}

export type FacebookFake = FacebookFakeCore & {
  /** Simulates the person approving the Login dialog (and ticking every Page) for a connector's URL. */
  authorize(dialogUrl: string, userId?: string): { code: string; state: string; redirectUri: string };
  setInsights(postId: string, stats: { views?: number; clicks?: number; reactions?: number; shares?: number }): void;
  photosOf(postId: string): FakePhoto[];
};

export const DEFAULT_USER: FakeUser = {
  id: '10160000000000001',
  name: 'Ada Lovelace',
  pages: [
    { id: '1755847768034402', name: 'Loom Studio', tasks: ['ANALYZE', 'ADVERTISE', 'MODERATE', 'CREATE_CONTENT', 'MANAGE'] },
    { id: '1755847768034403', name: 'Loom Podcast', tasks: ['ANALYZE', 'ADVERTISE', 'MODERATE', 'CREATE_CONTENT', 'MANAGE'] },
  ],
};

export async function startFacebookFake(opts: FacebookFakeOptions = {}): Promise<FacebookFake> {
  const state: FacebookFakeState = {
    appId: opts.appId ?? '1234567890123456',
    appSecret: opts.appSecret ?? 'fb-app-secret',
    users: opts.users ?? [DEFAULT_USER],
    codes: new Map(),
    pageTokens: new Map(),
    photos: new Map(),
    comments: new Map(),
    insights: new Map(),
    throttle: 'buc',
    bucCode: 80001,
    expiredSubcode: 463,
    rejectDuplicates: opts.rejectDuplicates ?? true,
    retiredMetrics: new Set(),
    readThrottleMinutes: 0,
    seq: 0,
  };
  const fake = Object.assign(new FakeServer('facebook'), { state }) as FacebookFake;
  fake.authorize = (url, userId) => consent(fake, url, userId);
  fake.setInsights = (postId, stats) => state.insights.set(postId, { ...state.insights.get(postId), ...stats });
  fake.photosOf = (postId) => [...state.photos.values()].filter((p) => p.postId === postId);
  registerOAuthRoutes(fake);
  registerPageRoutes(fake);
  registerMetricsRoutes(fake);
  return fake.start();
}
