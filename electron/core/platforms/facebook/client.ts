/**
 * Facebook Page client: text posts (/feed), photo posts (/photos, or unpublished photos
 * attached to /feed), first comments (/{post-id}/comments), reconcile through the Page's
 * recent posts, and metrics from insights plus the post's own counts. Page tokens made from a
 * long-lived user token do not expire, so there is nothing to refresh: a dead one means
 * reconnecting.
 */
import { detailsOf } from '../common/http';
import { graphCall, succeeded } from '../meta/graph-call';
import { isPermissionCode, wordsOf } from '../meta/graph-error';
import { CLOCK_SKEW_MS, pageOf, parseGraphTime } from '../meta/lists';
import type { Outcome } from '../meta/outcome';
import { PlatformError, type ClientContext, type PlatformClient, type PublishRequest, type ReconcileResult } from '../types';
import { z } from 'zod';
import { shaped } from '../common/shape';
import { bearer, FACEBOOK_GRAPH, FACEBOOK_WWW, graphRoot, pageIdOf, postUrl } from './api';
import { form, graphWrite, type Step } from './graph';
import { checkMedia, MAX_IMAGES, photoForm, uploadUnpublished } from './media';
import { facebookMetrics } from './metrics';

const published = (step: Step<unknown>, platformPostId: string, url: string): Outcome => ({
  kind: 'published',
  platformPostId,
  url,
  ...(step.ok && step.rateLimit ? { rateLimit: step.rateLimit } : {}),
});

const noId = (what: string): Outcome => ({ kind: 'unknown', reason: `Facebook answered ${what} without the post's id; it may or may not have been made.` });

async function publish(ctx: ClientContext, req: PublishRequest): Promise<Outcome> {
  const pageId = pageIdOf(ctx);
  if (req.replyTo?.kind === 'thread') return { kind: 'failed', reason: 'Facebook Pages have no threads; add the follow-up as a first comment instead.' };
  if (req.replyTo) return comment(ctx, req);
  const problem = checkMedia(req.media);
  if (problem) return { kind: 'failed', reason: problem };
  if (!req.text.trim() && req.media.length === 0) return { kind: 'failed', reason: 'The Facebook post is empty.' };

  if (req.media.length === 1) {
    // The photo call creates the post itself.
    const step = await graphWrite<{ id?: string; post_id?: string }>(
      ctx,
      `/${pageId}/photos`,
      await photoForm(req.media[0]!, 1, { message: req.text || undefined, published: 'true' }),
      'create',
      'publishing the photo',
    );
    if (!step.ok) return step.outcome;
    const id = idString(step.value.post_id) ?? (idString(step.value.id) ? `${pageId}_${step.value.id as string}` : undefined);
    return id ? published(step, id, postUrl(id)) : noId('the photo');
  }

  let attached: Record<string, string> = {};
  if (req.media.length > 1) {
    const up = await uploadUnpublished(ctx, pageId, req.media);
    if (!up.ok) return up.outcome;
    attached = Object.fromEntries(up.value.map((id, i) => [`attached_media[${i}]`, JSON.stringify({ media_fbid: id })]));
  }
  const step = await graphWrite<{ id?: string }>(ctx, `/${pageId}/feed`, form({ message: req.text || undefined, ...attached }), 'create', 'creating the post');
  if (!step.ok) return step.outcome;
  const id = idString(step.value.id);
  return id ? published(step, id, postUrl(id)) : noId('the post');
}

async function comment(ctx: ClientContext, req: PublishRequest): Promise<Outcome> {
  if (req.media.length > 0) return { kind: 'failed', reason: 'Loomcast posts Facebook first comments as text only; remove the media from the comment.' };
  const parent = req.replyTo!.platformPostId;
  const step = await graphWrite<{ id?: string }>(ctx, `/${parent}/comments`, form({ message: req.text }), 'create', 'adding the first comment');
  if (!step.ok) return step.outcome;
  const id = idString(step.value.id);
  return id ? published(step, id, commentUrl(req.replyTo!.rootPostId, id)) : noId('the comment');
}

function commentUrl(rootPostId: string, commentId: string): string {
  const c = commentId.split('_').pop() ?? commentId;
  return rootPostId.includes('_') ? `${postUrl(rootPostId)}?comment_id=${c}` : `${FACEBOOK_WWW}/${commentId}`;
}

const parseTime = (t: unknown): number => parseGraphTime(t) ?? NaN;

/** Graph ids are strings; anything else in their place is no id. */
const idString = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/**
 * A page of the Page's posts or a post's comments. A list that is not a list is an answer we
 * cannot read (look again later), never "not there": that would publish a second time.
 */
const ListShape = z.object({
  data: z
    .array(z.object({ id: z.string().optional(), message: z.string().optional(), created_time: z.unknown(), from: z.object({ id: z.string().optional() }).optional() }))
    .optional(),
});

async function read(ctx: ClientContext, path: string): Promise<{ ok: true; body: unknown } | { ok: false; result: ReconcileResult }> {
  const got = await graphCall(ctx, `${graphRoot(ctx.account.baseUrl)}${path}`, { headers: bearer(ctx.credentials.accessToken) });
  if (!got.ok) throw new PlatformError(`Could not reach Facebook to check: ${got.failure.message}`);
  if (succeeded(got)) return { ok: true, body: got.body };
  if (isPermissionCode(got.err?.code)) {
    return { ok: false, result: { kind: 'cannot_tell', reason: `Facebook does not let Loomcast read the Page's posts (${got.err ? wordsOf(got.err, got.status) : 'permission missing'}), so it cannot check whether it went out.` } };
  }
  // Expired sign-in, throttling, Facebook's own trouble: look again later.
  throw new PlatformError(`Facebook did not answer the check (${wordsOf(got.err, got.status)}).`, detailsOf(got.status, got.body), got.status);
}

type Row = NonNullable<z.infer<typeof ListShape>['data']>[number];

/** Pages of 25 read before reconcile gives up and asks the creator. */
const MAX_PAGES = 8;

/**
 * Reads a newest-first Graph list page by page (`after` cursors, while `paging.next` says more
 * remain) until `pick` finds ours or a row predates the attempt. A list longer than MAX_PAGES is
 * cannot_tell, never not_found: ours may be further down, and not_found would post it again.
 */
async function find(ctx: ClientContext, path: string, since: number, pick: (row: Row) => boolean): Promise<{ ok: true; hit: Row | null } | { ok: false; result: ReconcileResult }> {
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const got = await read(ctx, after ? `${path}&after=${encodeURIComponent(after)}` : path);
    if (!got.ok) return got;
    const rows = shaped(ListShape, got.body ?? {}, 200, 'Facebook').data ?? [];
    const hit = rows.find((r) => Boolean(r.id) && pick(r) && parseTime(r.created_time) >= since);
    if (hit) return { ok: true, hit };
    after = pageOf(got.body).after;
    if (!after || rows.some((r) => parseTime(r.created_time) < since)) return { ok: true, hit: null };
  }
  return { ok: false, result: { kind: 'cannot_tell', reason: `Over ${MAX_PAGES * 25} posts or comments came after the attempt; Loomcast did not look through them all, so check Facebook for it.` } };
}

async function reconcile(ctx: ClientContext, req: PublishRequest): Promise<ReconcileResult> {
  if (req.replyTo?.kind === 'thread') return { kind: 'not_found' };
  if (!req.text.trim()) return { kind: 'cannot_tell', reason: 'The post has no text to recognise it by among the Page’s recent posts.' };
  const pageId = pageIdOf(ctx);
  const since = req.attemptStartedAt - CLOCK_SKEW_MS;
  if (req.replyTo) {
    const got = await find(ctx, `/${req.replyTo.platformPostId}/comments?fields=id,message,created_time,from&order=reverse_chronological&limit=25`, since, (c) => c.from?.id === pageId && c.message === req.text);
    if (!got.ok) return got.result;
    const id = got.hit?.id;
    return id ? { kind: 'found', platformPostId: id, url: commentUrl(req.replyTo.rootPostId, id) } : { kind: 'not_found' };
  }
  const got = await find(ctx, `/${pageId}/posts?since=${Math.floor(since / 1000)}&fields=id,message,created_time&limit=25`, since, (p) => (p.message ?? '') === req.text);
  if (!got.ok) return got.result;
  const id = got.hit?.id;
  return id ? { kind: 'found', platformPostId: id, url: postUrl(id) } : { kind: 'not_found' };
}

export const facebookClient: PlatformClient = {
  platform: 'facebook',
  capabilities: { text: true, images: true, video: false, requiresMedia: false, maxImages: MAX_IMAGES, threads: false, firstComment: true, reconcile: 'recent_posts' },
  defaultBaseUrl: FACEBOOK_GRAPH,
  publish,
  reconcile,
  metrics: facebookMetrics,
  async refresh() {
    return {
      ok: false,
      reason:
        'Facebook Page connections do not expire and cannot be refreshed; Facebook ended this one (a password change, a logout or removed access). Reconnect the Page to continue.',
    };
  },
};
