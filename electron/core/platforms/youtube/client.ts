/** The YouTube client (Data API v3). Why plain fetch rather than @googleapis/youtube: see api.ts. */
import type { ClientContext, PlatformClient, PublishRequest } from '../types';
import { YOUTUBE_API } from './api';
import { refreshYouTube } from './connector';
import { reconcileYouTube, youtubeMetrics } from './lookup';
import { publishYouTube, type SessionMemory, type YouTubeOptions } from './publish';
import { UPLOAD_QUANTUM, type UploadSession } from './resumable';

const DEFAULTS: YouTubeOptions = { chunkSize: 32 * UPLOAD_QUANTUM, maxInterruptions: 5, backoffMs: 1_000, privacyStatus: 'public', categoryId: '22' };
const REMEMBERED = 500;

export function createYouTubeClient(options: Partial<YouTubeOptions> = {}): PlatformClient {
  const opts = { ...DEFAULTS, ...options };
  if (opts.chunkSize <= 0 || opts.chunkSize % UPLOAD_QUANTUM !== 0) throw new Error('YouTube upload chunks must be a multiple of 256 KiB');
  const sessions = new Map<string, UploadSession>();
  const memoryFor = (ctx: ClientContext, req: PublishRequest): SessionMemory => {
    const key = `${ctx.account.id}\u0000${req.idempotencyKey}`;
    return {
      get: () => sessions.get(key),
      set: (s) => {
        sessions.set(key, s);
        if (sessions.size > REMEMBERED) sessions.delete(sessions.keys().next().value!);
      },
      forget: () => void sessions.delete(key),
    };
  };

  return {
    platform: 'youtube',
    defaultBaseUrl: YOUTUBE_API,
    capabilities: {
      text: false,
      images: false,
      video: true,
      requiresMedia: true,
      maxImages: 0,
      threads: false,
      firstComment: false,
      reconcile: 'recent_posts',
    },
    publish: (ctx, req) => publishYouTube(ctx, req, opts, memoryFor(ctx, req)),
    reconcile(ctx, req) {
      const memory = memoryFor(ctx, req);
      return reconcileYouTube(ctx, req, memory.get(), memory.forget);
    },
    metrics: youtubeMetrics,
    refresh: refreshYouTube,
  };
}

export const youtubeClient = createYouTubeClient();
