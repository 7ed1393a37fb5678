/**
 * Publishing to Threads: a container (`POST /{user-id}/threads` with media_type TEXT, IMAGE,
 * VIDEO, or CAROUSEL over 2–20 items), a wait until media containers are FINISHED (text ones
 * are ready at once), then `threads_publish`. A thread part or first comment is a post whose
 * container carries `reply_to_id`. Only `threads_publish` can leave the outcome unknown.
 */
import { measure } from '../../../../shared/text-rules';
import { mediaUrls, publishedOutcome, waitBudget, waitForContainer, type ContainerState, type PollPolicy, type WaitBudget } from '../meta/container';
import { idOf, succeeded } from '../meta/graph-call';
import { failureOutcome, type Outcome } from '../meta/outcome';
import type { ClientContext, MediaItem, PublishRequest } from '../types';
import { NAME, thGet, thPost, threadsUserId } from './api';
import { threadsGraph } from './quota';

const MAX_ITEMS = 20;
const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png']);
const VIDEO_TYPES = new Set(['video/mp4', 'video/quicktime']);

const failed = (reason: string): Outcome => ({ kind: 'failed', reason });

function mediaProblem(m: MediaItem): string | null {
  if (IMAGE_TYPES.has(m.mime)) return m.bytes > MAX_IMAGE_BYTES ? `${NAME} takes images up to 8 MB; this one is ${(m.bytes / 1048576).toFixed(1)} MB.` : null;
  if (VIDEO_TYPES.has(m.mime)) return null;
  if (m.mime.startsWith('image/')) return `${NAME} takes JPEG or PNG images; convert this ${m.mime.slice(6).toUpperCase()} image.`;
  return `${NAME} cannot post ${m.mime} files.`;
}

/** The `error_message` codes Threads documents for a container in ERROR. */
const ERROR_WORDS: Record<string, string> = {
  FAILED_DOWNLOADING_VIDEO: 'it could not download the video from its link',
  FAILED_PROCESSING_AUDIO: "it could not process the video's audio",
  FAILED_PROCESSING_VIDEO: 'it could not process the video',
  INVALID_ASPEC_RATIO: 'the aspect ratio is not accepted',
  INVALID_BIT_RATE: "the video's bit rate is not accepted",
  INVALID_DURATION: "the video's length is not accepted",
  INVALID_FRAME_RATE: "the video's frame rate is not accepted",
  INVALID_AUDIO_CHANNELS: "the number of audio channels is not accepted",
  INVALID_AUDIO_CHANNEL_LAYOUT: 'the audio channel layout is not accepted',
  UNKNOWN: 'it did not say why',
};

/** Threads' container `status`: IN_PROGRESS | FINISHED | PUBLISHED | ERROR | EXPIRED, with `error_message`. */
function containerState(body: unknown): ContainerState {
  const b = body as { status?: string; error_message?: string } | null;
  switch (b?.status) {
    case 'FINISHED':
      return { state: 'ready' };
    case 'ERROR': {
      const code = b.error_message ?? 'UNKNOWN';
      return { state: 'error', words: `${ERROR_WORDS[code] ?? code} (${code}).` };
    }
    case 'EXPIRED':
      return { state: 'expired' };
    default:
      return { state: 'waiting' };
  }
}

type Params = Record<string, string | undefined>;

/** Waits until Threads has fetched and processed a container; null when it is ready. */
function ready(ctx: ClientContext, poll: PollPolicy, budget: WaitBudget, id: string): Promise<Outcome | null> {
  return waitForContainer(ctx, threadsGraph, poll, () => thGet(ctx, `/${id}`, { fields: 'status,error_message' }), containerState, budget);
}

/** Creates one container and, given a budget, waits until it is ready (text containers are ready at once). */
async function container(ctx: ClientContext, poll: PollPolicy, params: Params, wait: WaitBudget | null): Promise<{ id: string } | { outcome: Outcome }> {
  const created = await thPost(ctx, `/${threadsUserId(ctx)}/threads`, params);
  const id = idOf(created);
  if (!id) {
    if (succeeded(created)) return { outcome: { kind: 'transient', reason: `${NAME} accepted the post without an id; nothing was published.` } };
    return { outcome: await failureOutcome(ctx, threadsGraph, 'prepare', created, 'preparing the post') };
  }
  const waited = wait ? await ready(ctx, poll, wait, id) : null;
  return waited ? { outcome: waited } : { id };
}

export async function publishToThreads(ctx: ClientContext, req: PublishRequest, poll: PollPolicy): Promise<Outcome> {
  if (req.media.length > MAX_ITEMS) return failed(`${NAME} takes at most ${MAX_ITEMS} images or videos in one post; this one has ${req.media.length}.`);
  // An image or video post may go without text; otherwise Threads' own counting applies (emoji by UTF-8 bytes).
  if (req.text.trim() || req.media.length === 0) {
    const fit = measure('threads', req.text);
    if (!fit.valid) return failed(`The text does not fit ${NAME}: ${fit.problems.join('; ')}.`);
  }
  const linked = await mediaUrls(NAME, req.media, mediaProblem);
  if ('outcome' in linked) return linked.outcome;
  const { urls } = linked;
  const text = req.text.trim() ? req.text : undefined;
  const reply_to_id = req.replyTo?.platformPostId;
  const items = req.media.map((m, i) => ({ video: m.mime.startsWith('video/'), url: urls[i]!, alt: m.altText?.trim() || undefined }));
  const mediaParams = (it: (typeof items)[number]): Params =>
    it.video ? { media_type: 'VIDEO', video_url: it.url, alt_text: it.alt } : { media_type: 'IMAGE', image_url: it.url, alt_text: it.alt };

  const budget = waitBudget(poll, req.media);
  let made: { id: string } | { outcome: Outcome };
  if (items.length === 0) {
    made = await container(ctx, poll, { media_type: 'TEXT', text, reply_to_id }, null);
  } else if (items.length === 1) {
    made = await container(ctx, poll, { ...mediaParams(items[0]!), text, reply_to_id }, budget);
  } else {
    const children: string[] = [];
    // Every item first: Threads fetches and processes them side by side, so the one wait budget
    // covers the slowest of them rather than their sum.
    for (const it of items) {
      const child = await container(ctx, poll, { ...mediaParams(it), is_carousel_item: 'true' }, null);
      if ('outcome' in child) return child.outcome;
      children.push(child.id);
    }
    for (const id of children) {
      const waited = await ready(ctx, poll, budget, id);
      if (waited) return waited;
    }
    made = await container(ctx, poll, { media_type: 'CAROUSEL', children: children.join(','), text, reply_to_id }, budget);
  }
  if ('outcome' in made) return made.outcome;

  // The one call that creates the post.
  const published = await thPost(ctx, `/${threadsUserId(ctx)}/threads_publish`, { creation_id: made.id });
  return publishedOutcome(ctx, threadsGraph, thGet, published, req.replyTo ? 'publishing the reply' : 'publishing the post');
}
