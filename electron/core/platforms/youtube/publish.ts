/** Publishing a video to YouTube through a resumable upload session. */
import type { ClientContext, PublishOutcome, PublishRequest } from '../types';
import { videoTitle, watchUrl } from './api';
import { querySession, startSession, uploadFrom, type UploadLimits, type UploadSession } from './resumable';

export type PrivacyStatus = 'public' | 'unlisted' | 'private';

export interface YouTubeOptions extends UploadLimits {
  privacyStatus: PrivacyStatus;
  /** YouTube category; 22 is "People & Blogs". */
  categoryId: string;
}

export type Outcome = PublishOutcome & { notice?: string };

/**
 * Upload sessions by attempt, for the life of the process: the next attempt resumes the same
 * session, and reconcile asks the session whether the video was created.
 */
export interface SessionMemory {
  get(): UploadSession | undefined;
  set(s: UploadSession): void;
  forget(): void;
}

/** The text's hashtags as tags, within YouTube's 500-character total. */
function hashtags(text: string): string[] {
  const tags: string[] = [];
  let length = 0;
  for (const tag of new Set([...text.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => m[1]!))) {
    if (length + tag.length + 1 > 500) break;
    tags.push(tag);
    length += tag.length + 1;
  }
  return tags;
}

export async function publishYouTube(ctx: ClientContext, req: PublishRequest, opts: YouTubeOptions, memory: SessionMemory): Promise<Outcome> {
  if (req.replyTo) return { kind: 'failed', reason: 'YouTube videos cannot be posted as a thread or a comment.' };
  const videos = req.media.filter((m) => m.mime.startsWith('video/'));
  if (videos.length !== 1 || req.media.length !== 1) return { kind: 'failed', reason: 'A YouTube post needs exactly one video, and nothing else.' };
  const item = videos[0]!;
  const bytes = await item.read();

  let session = memory.get();
  let offset = 0;
  if (session && session.total !== bytes.byteLength) {
    memory.forget();
    session = undefined;
  }
  if (session) {
    // An earlier attempt opened this session: finish it rather than upload a second video.
    const state = await querySession(ctx, session);
    if (state.kind === 'done') return finish(ctx, memory, state.video, opts);
    if (state.kind === 'unreachable') return { kind: 'transient', reason: `Could not ask YouTube where the earlier upload stopped (${state.why}); nothing new was sent.` };
    if (state.kind === 'gone') {
      memory.forget();
      session = undefined;
    } else {
      offset = state.received;
    }
  }
  if (!session) {
    const tags = hashtags(req.text);
    const metadata = {
      snippet: { title: videoTitle(req), description: req.text, ...(tags.length ? { tags } : {}), categoryId: opts.categoryId },
      status: { privacyStatus: opts.privacyStatus, selfDeclaredMadeForKids: false },
    };
    const started = await startSession(ctx, metadata, bytes.byteLength, item.mime);
    if (!started.ok) return started.outcome;
    session = started.session;
    memory.set(session);
  }

  const result = await uploadFrom(ctx, session, bytes, offset, opts);
  if (result.kind === 'done') return finish(ctx, memory, result.video, opts);
  // Keep the session while it can still be resumed (or asked, after an unknown outcome).
  if (result.sessionGone || result.outcome.kind === 'failed') memory.forget();
  return result.outcome;
}

function finish(ctx: ClientContext, memory: SessionMemory, video: { id?: string; status?: { privacyStatus?: string } }, opts: YouTubeOptions): Outcome {
  memory.forget();
  if (!video.id) return { kind: 'unknown', reason: 'YouTube finished the upload but returned no video id.' };
  const privacy = video.status?.privacyStatus;
  const out: Outcome = { kind: 'published', platformPostId: video.id, url: watchUrl(video.id) };
  if (privacy && privacy !== opts.privacyStatus) {
    ctx.log.warn('YouTube changed the video privacy', { requested: opts.privacyStatus, got: privacy });
    return {
      ...out,
      notice: `YouTube made the video ${privacy} instead of ${opts.privacyStatus}: uploads from API projects that have not passed Google’s audit are locked to private.`,
    };
  }
  return out;
}
