/**
 * A fake of the Threads API (graph.threads.net/v1.0 + the threads.net consent screen), faithful
 * to ../shared/docs/platforms.md §7: TEXT containers ready at once, IMAGE/VIDEO containers that
 * fetch their public URL and stay IN_PROGRESS for a configurable number of polls, replies via
 * `reply_to_id`, the 500-character limit counted the Threads way, `threads_publish` enforcing
 * 250 posts per rolling 24 hours, insights absent until set, and the Graph error envelope.
 */
import type { Fault } from '../common/fake-server';
import { FakeServer } from '../common/fake-server';
import type { MediaCheck } from '../instagram/meta-fake';
import { StepFaults } from '../instagram/meta-fake';
import { MetaOAuthFake } from '../instagram/meta-oauth-fake';
import { StaticFiles } from '../instagram/static-files';
import { registerThreadsReads } from './reads';
import { registerThreadsWrites } from './routes';

/** `insights` is a read: only faults aimed at it apply there. */
export type ThreadsStep = 'container' | 'publish' | 'insights';

export interface ThContainer {
  id: string;
  kind: 'TEXT' | 'IMAGE' | 'VIDEO' | 'CAROUSEL';
  text: string | null;
  altText: string | null;
  url: string | null;
  isCarouselItem: boolean;
  children: string[];
  replyTo: string | null;
  createdAt: number;
  polls: number;
  check: Promise<MediaCheck> | null;
  status: 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';
  errorMessage: string | null;
}

export interface ThMedia {
  id: string;
  text: string | null;
  createdAt: number;
  shortcode: string;
  permalink: string;
  mediaType: 'TEXT_POST' | 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  /** The post this one replies to (a thread part or first comment), or null for a top-level post. */
  replyTo: string | null;
  children: string[];
  altText: string | null;
}

export interface ThreadsFakeOptions {
  clientId?: string;
  clientSecret?: string;
  /** Status polls that answer IN_PROGRESS before an image or video container is FINISHED (default 1). */
  pollsBeforeFinished?: number;
  /** Top-level API posts per rolling 24 hours (documented: 250). */
  quotaTotal?: number;
}

export class ThreadsFake extends FakeServer {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly user = { id: '25000000000000001', username: 'loomcast.studio', name: 'Loomcast Studio' };
  pollsBeforeFinished: number;
  quotaTotal: number;
  readonly containers = new Map<string, ThContainer>();
  readonly media = new Map<string, ThMedia>();
  readonly insights = new Map<string, Record<string, number>>();
  readonly files = new StaticFiles();
  readonly oauth: MetaOAuthFake;
  readonly steps: StepFaults<ThreadsStep>;

  constructor(opts: ThreadsFakeOptions = {}) {
    super('threads');
    this.clientId = opts.clientId ?? '1234567890123456';
    this.clientSecret = opts.clientSecret ?? 'threads-app-secret';
    this.pollsBeforeFinished = opts.pollsBeforeFinished ?? 1;
    this.quotaTotal = opts.quotaTotal ?? 250;
    this.accessTtlSeconds = 3600;
    this.steps = new StepFaults<ThreadsStep>(this);
    this.oauth = new MetaOAuthFake(this, {
      clientId: this.clientId,
      clientSecret: this.clientSecret,
      exchangeGrant: 'th_exchange_token',
      refreshGrant: 'th_refresh_token',
      subject: this.user.id,
      codeAnswer: (t) => ({ access_token: t.accessToken, user_id: Number(this.user.id) }),
      codeError: (message) => ({ status: 400, body: { error: { message, type: 'OAuthException', code: 100, fbtrace_id: 'AbCdEf' } } }),
    });
    registerThreadsWrites(this);
    registerThreadsReads(this);
  }

  override async start(port = 0): Promise<this> {
    await this.files.start();
    return super.start(port);
  }

  override async stop(): Promise<void> {
    await this.files.stop();
    await super.stop();
  }

  /** The creator allows the app on the consent screen; returns the code the redirect carries. */
  authorize(p: { redirectUri: string; scopes: string[]; clientId?: string }): string {
    return this.oauth.authorize(p);
  }

  /** Arms faults for one step of the flow: the container, `threads_publish`, or an insights read. */
  faultAt(step: ThreadsStep, ...faults: Fault[]): this {
    this.steps.at(step, ...faults);
    return this;
  }

  /** Serves bytes at a public URL, for `image_url` / `video_url` to point at. */
  serveFile(name: string, bytes: Uint8Array, type: string): string {
    return this.files.put(name, bytes, type);
  }

  setInsights(mediaId: string, values: Record<string, number>): void {
    this.insights.set(mediaId, values);
  }

  /** Top-level posts inside the rolling 24-hour window (replies have their own quota). */
  quotaUsage(): number {
    return [...this.media.values()].filter((m) => !m.replyTo && m.createdAt > this.now() - 86_400_000).length;
  }
}

export async function startThreadsFake(opts: ThreadsFakeOptions = {}): Promise<ThreadsFake> {
  return new ThreadsFake(opts).start();
}
