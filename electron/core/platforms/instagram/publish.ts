/**
 * Publishing to Instagram: a media container per photo or video (Instagram pulls the file from
 * a public URL), a CAROUSEL container over 2–10 of them, a wait until each is FINISHED, then
 * `media_publish`. Everything before `media_publish` is definite non-delivery; only that call
 * can leave the outcome unknown. A first comment is `POST /{ig-media-id}/comments`.
 */
import { measure } from '../../../../shared/text-rules';
import type { ClientContext, MediaItem, PublishRequest } from '../types';
import { mediaUrls, publishedOutcome, waitBudget, waitForContainer, type ContainerState, type PollPolicy, type WaitBudget } from '../meta/container';
import { idOf, succeeded } from '../meta/graph-call';
import { failureOutcome, type Outcome } from '../meta/outcome';
import { NAME, igGet, igPost, igUserId } from './api';
import { instagramGraph } from './quota';

const MAX_ITEMS = 10;
/** Instagram downloads photos up to 8 MiB (error 2207004 above that). */
const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
const VIDEO_TYPES = new Set(['video/mp4', 'video/quicktime']);

const failed = (reason: string): Outcome => ({ kind: 'failed', reason });

function mediaProblem(m: MediaItem): string | null {
  if (m.mime === 'image/jpeg') {
    return m.bytes > MAX_IMAGE_BYTES ? `${NAME} takes photos up to 8 MB; this one is ${(m.bytes / 1048576).toFixed(1)} MB.` : null;
  }
  if (m.mime.startsWith('image/')) return `${NAME} only takes JPEG photos through its API; convert this ${m.mime.slice(6).toUpperCase()} image to JPEG.`;
  if (VIDEO_TYPES.has(m.mime)) return null;
  return `${NAME} cannot post ${m.mime} files.`;
}

/** IG's container `status_code`: EXPIRED | ERROR | FINISHED | IN_PROGRESS | PUBLISHED. */
function containerState(body: unknown): ContainerState {
  const b = body as { status_code?: string; status?: string } | null;
  switch (b?.status_code) {
    case 'FINISHED':
      return { state: 'ready' };
    case 'ERROR':
      return { state: 'error', words: b.status ?? 'the media could not be processed' };
    case 'EXPIRED':
      return { state: 'expired' };
    default:
      return { state: 'waiting' };
  }
}

/** Waits until Instagram has fetched and processed a container; null when it is ready. */
function ready(ctx: ClientContext, poll: PollPolicy, budget: WaitBudget, id: string): Promise<Outcome | null> {
  return waitForContainer(ctx, instagramGraph, poll, () => igGet(ctx, `/${id}`, { fields: 'status_code,status' }), containerState, budget);
}

/** Creates one container and, given a budget, waits until it is ready. */
async function container(ctx: ClientContext, poll: PollPolicy, budget: WaitBudget | null, body: Record<string, unknown>): Promise<{ id: string } | { outcome: Outcome }> {
  const created = await igPost(ctx, `/${igUserId(ctx)}/media`, body);
  const id = idOf(created);
  if (!id) {
    if (succeeded(created)) return { outcome: { kind: 'transient', reason: `${NAME} accepted the media without an id; nothing was published.` } };
    return { outcome: await failureOutcome(ctx, instagramGraph, 'prepare', created, 'preparing the media') };
  }
  const waited = budget ? await ready(ctx, poll, budget, id) : null;
  return waited ? { outcome: waited } : { id };
}

export async function publishToInstagram(ctx: ClientContext, req: PublishRequest, poll: PollPolicy): Promise<Outcome> {
  if (req.replyTo?.kind === 'comment') return publishComment(ctx, req, req.replyTo.platformPostId);
  if (req.replyTo) return failed(`${NAME} has no threads: a post cannot reply to another post. Use a first comment instead.`);
  if (req.media.length === 0) return failed(`${NAME} has no text-only posts: add at least one photo or video.`);
  if (req.media.length > MAX_ITEMS) return failed(`${NAME} takes at most ${MAX_ITEMS} photos or videos in one post; this one has ${req.media.length}.`);
  const fit = measure('instagram', req.text);
  if (!fit.valid) return failed(`The caption does not fit ${NAME}: ${fit.problems.join('; ')}.`);
  const linked = await mediaUrls(NAME, req.media, mediaProblem);
  if ('outcome' in linked) return linked.outcome;
  const { urls } = linked;
  const caption = req.text.trim() ? { caption: req.text } : {};
  const items = req.media.map((m, i) => ({ video: m.mime.startsWith('video/'), url: urls[i]!, alt: m.altText?.trim() || null }));
  const budget = waitBudget(poll, req.media);

  let creationId: string;
  if (items.length === 1) {
    const it = items[0]!;
    // Single videos are Reels; alt text applies to photos only.
    const body = it.video
      ? { media_type: 'REELS', video_url: it.url, share_to_feed: true, ...caption }
      : { image_url: it.url, ...caption, ...(it.alt ? { alt_text: it.alt } : {}) };
    const made = await container(ctx, poll, budget, body);
    if ('outcome' in made) return made.outcome;
    creationId = made.id;
  } else {
    const children: string[] = [];
    // Every item first: Instagram fetches and processes them side by side, so the one wait
    // budget covers the slowest of them rather than their sum.
    for (const it of items) {
      const body = it.video
        ? { media_type: 'VIDEO', video_url: it.url, is_carousel_item: true }
        : { image_url: it.url, is_carousel_item: true, ...(it.alt ? { alt_text: it.alt } : {}) };
      const made = await container(ctx, poll, null, body);
      if ('outcome' in made) return made.outcome;
      children.push(made.id);
    }
    for (const id of children) {
      const waited = await ready(ctx, poll, budget, id);
      if (waited) return waited;
    }
    const made = await container(ctx, poll, budget, { media_type: 'CAROUSEL', children: children.join(','), ...caption });
    if ('outcome' in made) return made.outcome;
    creationId = made.id;
  }

  // The one call that creates the post.
  const published = await igPost(ctx, `/${igUserId(ctx)}/media_publish`, { creation_id: creationId });
  return publishedOutcome(ctx, instagramGraph, igGet, published, 'publishing the post');
}

async function publishComment(ctx: ClientContext, req: PublishRequest, mediaId: string): Promise<Outcome> {
  if (!req.text.trim()) return failed('A first comment needs some text.');
  if (req.media.length > 0) return failed(`${NAME} comments cannot carry photos or videos.`);
  const fit = measure('instagram', req.text);
  if (!fit.valid) return failed(`The comment does not fit ${NAME}: ${fit.problems.join('; ')}.`);
  const made = await igPost(ctx, `/${encodeURIComponent(mediaId)}/comments`, { message: req.text });
  const id = idOf(made);
  if (id) return { kind: 'published', platformPostId: id, url: null };
  if (succeeded(made)) return { kind: 'unknown', reason: `${NAME} answered without the comment's id; it may or may not be up.` };
  return failureOutcome(ctx, instagramGraph, 'create', made, 'adding the first comment');
}
