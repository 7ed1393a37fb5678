/**
 * After an unknown outcome: was the post made? Instagram takes no idempotency key, so look
 * through the account's own recent media (`GET /{ig-user-id}/media?since=`) for the caption we
 * sent, or through the parent post's comments for a first comment. Never posts anything.
 */
import { CLOCK_SKEW_MS, seconds } from '../meta/lists';
import { scanForPost } from '../meta/reconcile';
import type { ClientContext, PublishRequest, ReconcileResult } from '../types';
import { NAME, igGet, igUserId } from './api';

export async function reconcileInstagram(ctx: ClientContext, req: PublishRequest): Promise<ReconcileResult> {
  if (req.replyTo?.kind === 'comment') {
    const path = `/${encodeURIComponent(req.replyTo.platformPostId)}/comments`;
    return scanForPost(NAME, (q) => igGet(ctx, path, q), { fields: 'id,text,timestamp', limit: '50' }, req, (r) => r.text, () => null);
  }
  const since = seconds(req.attemptStartedAt - CLOCK_SKEW_MS);
  const query = { fields: 'id,caption,timestamp,permalink', since, limit: '50' };
  return scanForPost(NAME, (q) => igGet(ctx, `/${igUserId(ctx)}/media`, q), query, req, (r) => r.caption, (r) => r.permalink ?? null);
}
