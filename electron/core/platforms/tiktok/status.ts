/**
 * `POST /v2/post/publish/status/fetch/`: the one place TikTok says what became of a publish_id.
 * Used after the creating call to confirm the post, and by reconcile when the publish_id is
 * remembered.
 */
import type { NetworkFailure } from '../common/http';
import type { ClientContext } from '../types';
import { apiCtx, callTikTok, pause } from './api';

/** A non-ok envelope from status/fetch. */
export type StatusRefusal = { status: number; code: string; message: string; body: unknown };

export interface StatusData {
  status?: string;
  fail_reason?: string;
  publicaly_available_post_id?: (string | number)[];
  uploaded_bytes?: number;
  downloaded_bytes?: number;
}

export type StatusVerdict =
  /** Published; `postId` is null when TikTok gives no public id (private posts). */
  | { kind: 'complete'; postId: string | null }
  | { kind: 'failed'; failReason: string | undefined; body: unknown }
  /** A FILE_UPLOAD whose bytes never all arrived: TikTok will not post it. */
  | { kind: 'upload_incomplete'; uploadedBytes: number }
  | { kind: 'inbox' }
  /** Still processing when we stopped asking. */
  | { kind: 'processing'; status: string }
  /** No status: a network failure (`failure`), or TikTok refused to say (`answer`). */
  | { kind: 'unreachable'; reason: string; failure?: NetworkFailure; answer?: StatusRefusal };

export interface PollOptions {
  intervalMs: number;
  maxPolls: number;
  /** FILE_UPLOAD only: the full size, to tell an unfinished upload from a processing one. */
  videoSize?: number;
  /**
   * A public post: TikTok reports PUBLISH_COMPLETE before its moderation passes and hands out the
   * post id only after (usually within a minute, sometimes hours), so keep asking while polls last.
   */
  awaitPublicId?: boolean;
}

export async function fetchStatus(ctx: ClientContext, publishId: string) {
  return callTikTok<StatusData>(apiCtx(ctx), 'POST', '/v2/post/publish/status/fetch/', { publish_id: publishId });
}

/** Reads the status once, then polls while TikTok is still processing. */
export async function waitForPublish(ctx: ClientContext, publishId: string, opts: PollOptions): Promise<StatusVerdict> {
  let last: string | undefined;
  let trouble: StatusVerdict | undefined;
  /** Seen PUBLISH_COMPLETE without the public id yet: published whatever the later reads say. */
  const completeWithoutId: StatusVerdict = { kind: 'complete', postId: null };
  let completed = false;
  for (let poll = 0; poll < opts.maxPolls; poll++) {
    if (poll > 0 && !(await pause(ctx.clock, opts.intervalMs, ctx.signal))) break;
    const r = await fetchStatus(ctx, publishId);
    if (!r.ok) {
      if (r.network) return completed ? completeWithoutId : { kind: 'unreachable', reason: r.network.message, failure: r.network };
      const answer: StatusRefusal = { status: r.status, code: r.code, message: r.message, body: r.body };
      trouble = { kind: 'unreachable', reason: `TikTok would not show the post's status (HTTP ${r.status}, ${r.code})`, answer };
      // A rate limit or server error on a status read says nothing about the post: keep asking.
      if (r.status === 429 || r.status >= 500) continue;
      return completed ? completeWithoutId : trouble;
    }
    trouble = undefined;
    const s = r.data;
    last = s.status ?? last ?? 'PROCESSING_UPLOAD';
    if (s.status === 'PUBLISH_COMPLETE') {
      const id = s.publicaly_available_post_id?.[0];
      if (id !== undefined) return { kind: 'complete', postId: String(id) };
      if (!opts.awaitPublicId) return completeWithoutId;
      completed = true;
      continue;
    }
    if (s.status === 'FAILED') return { kind: 'failed', failReason: s.fail_reason, body: r.data };
    if (s.status === 'SEND_TO_USER_INBOX') return { kind: 'inbox' };
    if (s.status === 'PROCESSING_UPLOAD' && opts.videoSize !== undefined && typeof s.uploaded_bytes === 'number' && s.uploaded_bytes < opts.videoSize) {
      return { kind: 'upload_incomplete', uploadedBytes: s.uploaded_bytes };
    }
  }
  if (completed) return completeWithoutId;
  if (ctx.signal?.aborted) return { kind: 'unreachable', reason: 'the call was stopped before TikTok confirmed the post' };
  // Never got a status at all: only rate limits or server errors came back.
  if (last === undefined) return trouble ?? { kind: 'unreachable', reason: 'TikTok gave no status' };
  return { kind: 'processing', status: last };
}
