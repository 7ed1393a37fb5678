/**
 * Publishing to TikTok: creator_info → init (FILE_UPLOAD + chunks, or PULL_FROM_URL) → status.
 * See outcomes.ts for which step can leave the outcome unknown.
 *
 * The publish_id init hands back is remembered (`req.remember`, see attempt.ts) before any step
 * that can make the post public. A later attempt first asks TikTok about the remembered one, so a
 * retry after a crash never starts a second post while the first is processing or complete.
 */
import { detailsOf, request } from '../common/http';
import type { ClientContext, MediaItem, PublishOutcome, PublishRequest } from '../types';
import { apiCtx, callTikTok, readTikTokBody } from './api';
import { attemptPoll, completedPost, decodeMarker, encodeMarker, type AttemptMarker } from './attempt';
import { planChunks } from './chunks';
import { errorOutcome, networkFailureOutcome, processingFailure, type Stage } from './outcomes';
import { waitForPublish, type PollOptions } from './status';

export type VideoSource = 'FILE_UPLOAD' | 'PULL_FROM_URL';

export interface TikTokOptions {
  /** FILE_UPLOAD needs nothing else; PULL_FROM_URL needs a media domain verified with TikTok. */
  videoSource: VideoSource;
  /** Status polling: TikTok allows 30 status reads a minute per token. */
  pollIntervalMs: number;
  maxPolls: number;
}

interface CreatorInfo {
  privacy_level_options?: string[];
  comment_disabled?: boolean;
  duet_disabled?: boolean;
  stitch_disabled?: boolean;
}

const VIDEO_TYPES = ['video/mp4', 'video/quicktime', 'video/webm'];
const PHOTO_TYPES = ['image/jpeg', 'image/jpg', 'image/webp'];
const MAX_PHOTOS = 35;

type Plan = { kind: 'video'; item: MediaItem } | { kind: 'photo'; items: MediaItem[] } | { kind: 'invalid'; reason: string };

function planMedia(req: PublishRequest): Plan {
  const videos = req.media.filter((m) => m.mime.startsWith('video/'));
  const photos = req.media.filter((m) => m.mime.startsWith('image/'));
  if (req.media.length === 0) return { kind: 'invalid', reason: 'TikTok posts need a video or photos; this post has neither.' };
  if (videos.length + photos.length !== req.media.length) return { kind: 'invalid', reason: 'TikTok takes only videos and photos.' };
  if (videos.length > 0) {
    if (videos.length > 1 || photos.length > 0) return { kind: 'invalid', reason: 'A TikTok post takes one video, without photos.' };
    if (!VIDEO_TYPES.includes(videos[0]!.mime)) return { kind: 'invalid', reason: 'TikTok takes MP4, MOV or WebM videos.' };
    return { kind: 'video', item: videos[0]! };
  }
  if (photos.length > MAX_PHOTOS) return { kind: 'invalid', reason: `A TikTok photo post takes at most ${MAX_PHOTOS} photos.` };
  if (photos.some((p) => p.mime === 'image/png')) return { kind: 'invalid', reason: 'TikTok does not take PNG photos; use JPEG or WebP.' };
  if (photos.some((p) => !PHOTO_TYPES.includes(p.mime))) return { kind: 'invalid', reason: 'TikTok takes JPEG or WebP photos.' };
  return { kind: 'photo', items: photos };
}

/** Public when TikTok offers it; otherwise the first option it offers (a notice will say so). */
function choosePrivacy(options: string[]): string | null {
  return options.includes('PUBLIC_TO_EVERYONE') ? 'PUBLIC_TO_EVERYONE' : (options[0] ?? null);
}

/**
 * What became of the attempt an earlier try remembered: a post to report (complete), a reason not
 * to post again yet (processing, unreadable), or null when TikTok says it made nothing (FAILED, or
 * an upload cut short) and posting is safe.
 */
async function earlierAttempt(ctx: ClientContext, req: PublishRequest, opts: TikTokOptions): Promise<PublishOutcome | null> {
  const earlier = decodeMarker(req.attemptMarker);
  if (!earlier) return null;
  const v = await waitForPublish(ctx, earlier.publishId, { intervalMs: opts.pollIntervalMs, maxPolls: 1, ...attemptPoll(earlier) });
  switch (v.kind) {
    case 'complete':
      return { kind: 'published', ...(await completedPost(ctx, earlier, v.postId)) };
    case 'failed':
    case 'upload_incomplete':
      return null;
    case 'processing':
      return { kind: 'unknown', reason: 'An earlier attempt of this post is still processing on TikTok, so Loomcast did not send it again; it will check whether that one goes out.' };
    case 'inbox':
      return { kind: 'unknown', reason: 'An earlier attempt of this post went to your TikTok inbox, so Loomcast did not send it again.' };
    case 'unreachable': {
      // An expired token or a rate limit: nothing was sent this time; the next try asks again.
      const wait = v.answer ? errorOutcome(v.answer, 'prepare', ctx.clock.now()) : null;
      if (wait?.kind === 'expired_token' || wait?.kind === 'rate_limited') return wait;
      // Any other answer says nothing about the earlier post, a 400/404 included: TikTok handed
      // that publish_id out itself, and forgetting it does not unmake a post. Reconcile reads it
      // the same way (lookup.ts: cannot tell), so the creator is asked; never send a second one.
      return {
        kind: 'unknown',
        reason: `Could not ask TikTok about an earlier attempt of this post (${v.reason}), so Loomcast did not send it again; it will check first.`,
        ...(v.answer ? { details: detailsOf(v.answer.status, v.answer.body) } : {}),
      };
    }
  }
}

export async function publishTikTok(ctx: ClientContext, req: PublishRequest, opts: TikTokOptions): Promise<PublishOutcome> {
  if (req.replyTo) return { kind: 'failed', reason: 'TikTok’s API cannot post threads or comments.' };
  const earlier = await earlierAttempt(ctx, req, opts);
  if (earlier) return earlier;
  const plan = planMedia(req);
  if (plan.kind === 'invalid') return { kind: 'failed', reason: plan.reason };
  const now = () => ctx.clock.now();
  const api = apiCtx(ctx);

  const info = await callTikTok<CreatorInfo>(api, 'POST', '/v2/post/publish/creator_info/query/', {});
  if (!info.ok) return info.network ? networkFailureOutcome(info.network, 'prepare', 'ask TikTok for the account’s posting settings') : errorOutcome(info, 'prepare', now());
  const privacy = choosePrivacy(info.data.privacy_level_options ?? []);
  if (!privacy) return { kind: 'failed', reason: 'TikTok offers no privacy setting this account may post with right now.', details: detailsOf(200, info.data) };
  /** Saves the attempt's publish_id where a restarted app (and reconcile) can find it. */
  const remember = (publishId: string, videoSize?: number): AttemptMarker => {
    const attempt: AttemptMarker = { publishId, ...(videoSize !== undefined ? { videoSize } : {}), privacy, at: now() };
    req.remember?.(encodeMarker(attempt));
    return attempt;
  };

  if (plan.kind === 'photo') {
    if (plan.items.some((p) => p.altText)) ctx.log.debug('TikTok photo posts have no alt text; it was not sent');
    const urls = await publicUrls(plan.items);
    if (!Array.isArray(urls)) return urls;
    const init = await callTikTok<{ publish_id?: string }>(api, 'POST', '/v2/post/publish/content/init/', {
      media_type: 'PHOTO',
      post_mode: 'DIRECT_POST',
      post_info: {
        ...(req.title ? { title: req.title } : {}),
        description: req.text,
        privacy_level: privacy,
        disable_comment: !!info.data.comment_disabled,
        auto_add_music: true,
      },
      source_info: { source: 'PULL_FROM_URL', photo_images: urls, photo_cover_index: 0 },
    });
    return afterCreate(ctx, init, 'create', opts, remember, 'photo');
  }

  const postInfo = {
    title: req.text,
    privacy_level: privacy,
    disable_duet: !!info.data.duet_disabled,
    disable_comment: !!info.data.comment_disabled,
    disable_stitch: !!info.data.stitch_disabled,
  };

  if (opts.videoSource === 'PULL_FROM_URL') {
    const urls = await publicUrls([plan.item]);
    if (!Array.isArray(urls)) return urls;
    const init = await callTikTok<{ publish_id?: string }>(api, 'POST', '/v2/post/publish/video/init/', {
      post_info: postInfo,
      source_info: { source: 'PULL_FROM_URL', video_url: urls[0] },
    });
    return afterCreate(ctx, init, 'create', opts, remember, 'video');
  }

  const bytes = await plan.item.read();
  const chunks = planChunks(bytes.byteLength);
  if (!chunks) return { kind: 'failed', reason: 'The video is too large for TikTok’s upload (at most 1000 parts of 64 MB).' };
  // FILE_UPLOAD init only opens an upload: without the bytes nothing can be posted.
  const init = await callTikTok<{ publish_id?: string; upload_url?: string }>(api, 'POST', '/v2/post/publish/video/init/', {
    post_info: postInfo,
    source_info: { source: 'FILE_UPLOAD', video_size: chunks.videoSize, chunk_size: chunks.chunkSize, total_chunk_count: chunks.totalChunkCount },
  });
  if (!init.ok) return init.network ? networkFailureOutcome(init.network, 'prepare', 'start the upload to TikTok') : errorOutcome(init, 'prepare', now());
  const publishId = init.data.publish_id;
  const uploadUrl = init.data.upload_url;
  if (!publishId || !uploadUrl) return { kind: 'transient', reason: 'TikTok did not give an upload address; nothing was posted.', details: detailsOf(init.status, init.data) };
  // Before the last chunk, the one that lets TikTok publish: a crash after this point leaves the
  // publish_id behind for reconcile and for the next attempt to ask about.
  const attempt = remember(publishId, chunks.videoSize);

  const mime = plan.item.mime;
  for (const [i, [start, end]] of chunks.ranges.entries()) {
    const isLast = i === chunks.ranges.length - 1;
    const part = `part ${i + 1} of ${chunks.ranges.length}`;
    const r = await request(ctx, uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': mime, 'content-range': `bytes ${start}-${end - 1}/${chunks.videoSize}` },
      body: bytes.subarray(start, end),
    });
    const expected = isLast ? [200, 201] : [206];
    if (r.ok && expected.includes(r.res.status)) {
      await r.res.arrayBuffer().catch(() => undefined);
      continue;
    }
    const body = r.ok ? await readTikTokBody(r.res).catch(() => null) : null;
    const details = r.ok ? detailsOf(r.res.status, body) : undefined;
    if (r.ok && r.res.status >= 400 && r.res.status < 500) {
      // A refused chunk is a definite answer: the upload stops unfinished, nothing is posted.
      const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
      const o = errorOutcome({ status: r.res.status, code: err?.code ?? 'invalid_file_upload', message: err?.message ?? '', body }, 'prepare', now());
      return o.kind === 'failed' ? { ...o, reason: `${o.reason} (at ${part} of the upload; nothing was posted)` } : o;
    }
    const what = r.ok ? `TikTok answered ${part} of the upload with HTTP ${r.res.status}` : `the upload of ${part} failed (${r.failure.message})`;
    if (!isLast) return { kind: 'transient', reason: `${capitalise(what)}; an unfinished upload is not a post, so nothing was posted.`, ...(details ? { details } : {}) };
    // The last chunk is the creating moment: ask TikTok whether the whole file arrived.
    return confirm(ctx, attempt, pollOpts(opts), what, details);
  }
  return confirm(ctx, attempt, pollOpts(opts));
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const pollOpts = (o: TikTokOptions): PollOptions => ({ intervalMs: o.pollIntervalMs, maxPolls: o.maxPolls });

async function publicUrls(items: MediaItem[]): Promise<string[] | PublishOutcome> {
  try {
    return await Promise.all(items.map((m) => m.publicUrl()));
  } catch (err) {
    return { kind: 'failed', reason: `TikTok fetches this media from a public link, and Loomcast could not make one: ${(err as Error).message}` };
  }
}

/** After a PULL_FROM_URL init: `init` is the creating call. */
async function afterCreate(
  ctx: ClientContext,
  init: Awaited<ReturnType<typeof callTikTok<{ publish_id?: string }>>>,
  stage: Stage,
  opts: TikTokOptions,
  remember: (publishId: string) => AttemptMarker,
  what: 'photo' | 'video',
): Promise<PublishOutcome> {
  if (!init.ok) return init.network ? networkFailureOutcome(init.network, stage, `send the ${what} post to TikTok`) : errorOutcome(init, stage, ctx.clock.now());
  const publishId = init.data.publish_id;
  if (!publishId) return { kind: 'unknown', reason: 'TikTok accepted the post but gave no publish id to follow it by.', details: detailsOf(init.status, init.data) };
  return confirm(ctx, remember(publishId), pollOpts(opts));
}

/** Follows a publish_id to its end. `trouble` is set when the last chunk's answer was lost. */
async function confirm(ctx: ClientContext, attempt: AttemptMarker, opts: PollOptions, trouble?: string, details?: string): Promise<PublishOutcome> {
  const v = await waitForPublish(ctx, attempt.publishId, { ...opts, ...attemptPoll(attempt) });
  const extra = details ? { details } : {};
  switch (v.kind) {
    case 'complete':
      return { kind: 'published', ...(await completedPost(ctx, attempt, v.postId)) };
    case 'failed':
      return processingFailure(v.failReason, v.body, ctx.clock.now());
    case 'upload_incomplete':
      return { kind: 'transient', reason: `${capitalise(trouble ?? 'the upload stopped')}, and TikTok has only ${v.uploadedBytes} bytes of it; an unfinished upload is not a post, so nothing was posted.`, ...extra };
    case 'inbox':
      return { kind: 'unknown', reason: 'TikTok sent the post to your TikTok inbox to finish there instead of publishing it.', ...extra };
    case 'processing':
      return { kind: 'unknown', reason: 'TikTok accepted the post and is still processing it; Loomcast will check whether it went out.', ...extra };
    case 'unreachable':
      return {
        kind: 'unknown',
        reason: trouble
          ? `${capitalise(trouble)}, and TikTok could not be asked whether the whole video arrived, so the post may or may not have been made.`
          : `TikTok accepted the post, but Loomcast could not confirm it was published: ${v.reason}.`,
        ...extra,
      };
  }
}
