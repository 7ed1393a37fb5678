/**
 * After an unknown outcome: was the post made? Threads takes no idempotency key, so look through
 * the account's own posts since the attempt began (`GET /{user-id}/threads?since=`), or its
 * replies (`/{user-id}/replies`) for a thread part or first comment, for the text we sent (a
 * reply also answering the post before it).
 */
import { CLOCK_SKEW_MS, seconds } from '../meta/lists';
import { scanForPost, type Row } from '../meta/reconcile';
import type { ClientContext, PublishRequest, ReconcileResult } from '../types';
import { NAME, thGet, threadsUserId } from './api';

export async function reconcileThreads(ctx: ClientContext, req: PublishRequest): Promise<ReconcileResult> {
  const edge = req.replyTo ? 'replies' : 'threads';
  const fields = req.replyTo ? 'id,text,timestamp,permalink,replied_to' : 'id,text,timestamp,permalink';
  const query = { fields, since: seconds(req.attemptStartedAt - CLOCK_SKEW_MS), limit: '50' };
  // The account's replies go to every post it answered: ours answers the part before it.
  const answers = (r: Row) => !req.replyTo || r.replied_to?.id === req.replyTo.platformPostId;
  return scanForPost(NAME, (q) => thGet(ctx, `/${threadsUserId(ctx)}/${edge}`, q), query, req, (r) => r.text, (r) => r.permalink ?? null, answers);
}
