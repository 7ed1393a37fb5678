/**
 * After an unknown outcome: was the post made? Threads takes no idempotency key, so look through
 * the account's own posts since the attempt began (`GET /{user-id}/threads?since=`), or its
 * replies (`/{user-id}/replies`) for a thread part or first comment, for the text we sent.
 */
import { CLOCK_SKEW_MS, seconds } from '../meta/lists';
import { scanForPost } from '../meta/reconcile';
import type { ClientContext, PublishRequest, ReconcileResult } from '../types';
import { NAME, thGet, threadsUserId } from './api';

export async function reconcileThreads(ctx: ClientContext, req: PublishRequest): Promise<ReconcileResult> {
  const edge = req.replyTo ? 'replies' : 'threads';
  const query = { fields: 'id,text,timestamp,permalink', since: seconds(req.attemptStartedAt - CLOCK_SKEW_MS), limit: '50' };
  return scanForPost(NAME, (q) => thGet(ctx, `/${threadsUserId(ctx)}/${edge}`, q), query, req, (r) => r.text, (r) => r.permalink ?? null);
}
