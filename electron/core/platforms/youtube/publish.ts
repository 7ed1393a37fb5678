/**
 * Publishing a video to YouTube through a resumable upload session. The session URI is
 * remembered (`req.remember`, see marker.ts) before any byte is sent; an attempt that finds one
 * asks it first and resumes it, so a retry after a crash never opens a second session.
 */
import type { ClientContext, PublishOutcome, PublishRequest } from '../types';
import { videoTitle, watchUrl } from './api';
import { decodeSessionMarker, encodeSessionMarker } from './marker';
import { querySession, startSession, uploadFrom, type UploadLimits, type UploadSession, type VideoResource } from './resumable';

export type PrivacyStatus = 'public' | 'unlisted' | 'private';

export interface YouTubeOptions extends UploadLimits {
  privacyStatus: PrivacyStatus;
  /** YouTube category; 22 is "People & Blogs". */
  categoryId: string;
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

export async function publishYouTube(ctx: ClientContext, req: PublishRequest, opts: YouTubeOptions): Promise<PublishOutcome> {
  if (req.replyTo) return { kind: 'failed', reason: 'YouTube videos cannot be posted as a thread or a comment.' };
  const videos = req.media.filter((m) => m.mime.startsWith('video/'));
  if (videos.length !== 1 || req.media.length !== 1) return { kind: 'failed', reason: 'A YouTube post needs exactly one video, and nothing else.' };
  const item = videos[0]!;
  const bytes = await item.read();

  let session: UploadSession | undefined;
  let offset = 0;
  const earlier = decodeSessionMarker(req.attemptMarker);
  if (earlier) {
    // An earlier attempt opened this session: finish it rather than upload a second video.
    const state = await querySession(ctx, { uri: earlier.uri, total: earlier.total, mime: item.mime });
    if (state.kind === 'done') return finish(ctx, state.video, opts);
    if (state.kind === 'unreachable') {
      if (state.status === 401) return { kind: 'expired_token', ...(state.details ? { details: state.details } : {}) };
      return {
        kind: 'unknown',
        reason: `Could not ask YouTube about the earlier upload of this video (${state.why}), so nothing new was sent; Loomcast checks whether it went out before sending it again.`,
        ...(state.details ? { details: state.details } : {}),
      };
    }
    // Resume only the same file; an expired session, or a changed video, starts a new upload.
    if (state.kind === 'incomplete' && earlier.total === bytes.byteLength && (!earlier.hash || earlier.hash === item.hash)) {
      session = { uri: earlier.uri, total: earlier.total, mime: item.mime };
      offset = state.received;
      ctx.log.info('resuming the earlier YouTube upload', { from: offset, total: earlier.total });
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
    req.remember?.(encodeSessionMarker({ uri: session.uri, total: session.total, hash: item.hash }));
  }

  const result = await uploadFrom(ctx, session, bytes, offset, opts);
  if (result.kind === 'done') return finish(ctx, result.video, opts);
  // The remembered session stays: the next attempt resumes it, or finds it gone and starts anew.
  return result.outcome;
}

function finish(ctx: ClientContext, video: VideoResource, opts: YouTubeOptions): PublishOutcome {
  if (!video.id) return { kind: 'unknown', reason: 'YouTube finished the upload but returned no video id.' };
  return { kind: 'published', ...videoPost(ctx, video as VideoResource & { id: string }, opts.privacyStatus) };
}

/** A created video as the scheduler records it, with a notice when YouTube changed its privacy. */
export function videoPost(ctx: ClientContext, video: VideoResource & { id: string }, requested: PrivacyStatus): { platformPostId: string; url: string; notice?: string } {
  const out = { platformPostId: video.id, url: watchUrl(video.id) };
  const privacy = video.status?.privacyStatus;
  if (!privacy || privacy === requested) return out;
  ctx.log.warn('YouTube changed the video privacy', { requested, got: privacy });
  return {
    ...out,
    notice: `YouTube locked this upload to ${privacy} instead of ${requested}: uploads from API projects that have not passed Google’s audit are locked to private.`,
  };
}
