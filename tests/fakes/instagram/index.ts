/**
 * A fake of the Instagram API with Instagram Login (graph.instagram.com + api.instagram.com +
 * the consent screen), faithful to ../shared/docs/platforms.md §6: media containers that fetch
 * their public URL and must be a JPEG (or MP4 for Reels), IN_PROGRESS for a configurable number
 * of status polls, `media_publish` that enforces the rolling 24-hour cap (code 9 / 2207042),
 * comments, insights that are absent until set, and the Graph error envelope throughout.
 */
import type { Fault } from '../common/fake-server';
import { FakeServer } from '../common/fake-server';
import type { MediaCheck } from './meta-fake';
import { nextId, StepFaults } from './meta-fake';
import { MetaOAuthFake } from './meta-oauth-fake';
import { registerInstagramReads } from './reads';
import { registerInstagramRoutes } from './routes';
import { StaticFiles } from './static-files';

/** `insights` is a read: only faults aimed at it apply there. */
export type InstagramStep = 'container' | 'publish' | 'comment' | 'insights';

export interface IgContainer {
  id: string;
  kind: 'IMAGE' | 'VIDEO' | 'REELS' | 'CAROUSEL';
  caption: string | null;
  altText: string | null;
  url: string | null;
  isCarouselItem: boolean;
  children: string[];
  createdAt: number;
  polls: number;
  check: Promise<MediaCheck> | null;
  status: 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';
  statusText: string | null;
}

export interface IgMedia {
  id: string;
  caption: string | null;
  createdAt: number;
  shortcode: string;
  permalink: string;
  mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  productType: 'FEED' | 'REELS';
  children: string[];
  altText: string | null;
}

export interface IgComment {
  id: string;
  mediaId: string;
  text: string;
  createdAt: number;
  /** Who wrote it, when not the connected account (a follower). */
  author?: { id: string; username: string };
}

export interface InstagramFakeOptions {
  clientId?: string;
  clientSecret?: string;
  /** Status polls that answer IN_PROGRESS before a container is FINISHED (default 1). */
  pollsBeforeFinished?: number;
  /** API posts allowed per rolling 24 hours (platforms.md: the reference says 50). */
  quotaTotal?: number;
  /** How long Meta takes to fetch and process each photo or video, from its container's creation, all side by side (default 0). */
  processingMs?: number;
}

export class InstagramFake extends FakeServer {
  readonly clientId: string;
  readonly clientSecret: string;
  /** `user_id` is the professional account id the publishing endpoints take; `appScopedId` is /me's `id`. */
  readonly user = { id: '17841400000000001', appScopedId: '26000000000000001', username: 'loomcast.studio', name: 'Loomcast Studio' };
  pollsBeforeFinished: number;
  quotaTotal: number;
  processingMs: number;
  readonly containers = new Map<string, IgContainer>();
  readonly media = new Map<string, IgMedia>();
  readonly comments = new Map<string, IgComment>();
  readonly insights = new Map<string, Record<string, number>>();
  /** Public URLs for media, standing in for presigned S3 links. */
  readonly files = new StaticFiles();
  readonly oauth: MetaOAuthFake;
  readonly steps: StepFaults<InstagramStep>;

  constructor(opts: InstagramFakeOptions = {}) {
    super('instagram');
    this.clientId = opts.clientId ?? '990602627938098';
    this.clientSecret = opts.clientSecret ?? 'ig-app-secret';
    this.pollsBeforeFinished = opts.pollsBeforeFinished ?? 1;
    this.quotaTotal = opts.quotaTotal ?? 50;
    this.processingMs = opts.processingMs ?? 0;
    this.accessTtlSeconds = 3600;
    this.steps = new StepFaults<InstagramStep>(this);
    this.oauth = new MetaOAuthFake(this, {
      clientId: this.clientId,
      clientSecret: this.clientSecret,
      exchangeGrant: 'ig_exchange_token',
      refreshGrant: 'ig_refresh_token',
      subject: this.user.id,
      // Business Login answers the code exchange inside `data`.
      codeAnswer: (t, scope) => ({ data: [{ access_token: t.accessToken, user_id: this.user.id, permissions: scope }] }),
      codeError: (message) => ({ status: 400, body: { error_type: 'OAuthException', code: 400, error_message: message } }),
      redirectSuffix: '#_',
    });
    registerInstagramRoutes(this);
    // Reads last: their catch-all `/{version}/{id}` must come after `/oauth/authorize`.
    registerInstagramReads(this);
  }

  /** The creator allows the app on the consent screen; returns the code the redirect carries. */
  authorize(p: { redirectUri: string; scopes: string[]; clientId?: string }): string {
    return this.oauth.authorize(p);
  }

  /** Arms faults for one step of the flow: the container, `media_publish`, a comment, or an insights read. */
  faultAt(step: InstagramStep, ...faults: Fault[]): this {
    this.steps.at(step, ...faults);
    return this;
  }

  override async start(port = 0): Promise<this> {
    await this.files.start();
    return super.start(port);
  }

  override async stop(): Promise<void> {
    await this.files.stop();
    await super.stop();
  }

  /** Serves bytes at a public URL, for `image_url` / `video_url` to point at. */
  serveFile(name: string, bytes: Uint8Array, type: string): string {
    return this.files.put(name, bytes, type);
  }

  /** Insights Meta has computed for a post (until then, the metric is absent, not 0). */
  setInsights(mediaId: string, values: Record<string, number>): void {
    this.insights.set(mediaId, values);
  }

  /** Someone else comments on a post (comments are anyone's, unlike the account's own media list). */
  commentAs(mediaId: string, username: string, text: string): IgComment {
    const c: IgComment = { id: nextId(), mediaId, text, createdAt: this.now(), author: { id: nextId(), username } };
    this.comments.set(c.id, c);
    return c;
  }

  /** Posts published through the API inside the rolling 24-hour window. */
  quotaUsage(): number {
    return [...this.media.values()].filter((m) => m.createdAt > this.now() - 86_400_000).length;
  }
}

export async function startInstagramFake(opts: InstagramFakeOptions = {}): Promise<InstagramFake> {
  return new InstagramFake(opts).start();
}
