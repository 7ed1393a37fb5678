/**
 * After an unknown outcome: was the post made? Instagram takes no idempotency key, so look
 * through the account's own recent media (`GET /{ig-user-id}/media?since=`) for the caption we
 * sent, or through the parent post's comments for a first comment written by this account.
 * Never posts anything.
 */
import { CLOCK_SKEW_MS, seconds } from '../meta/lists';
import { scanForPost, type Row } from '../meta/reconcile';
import type { ClientContext, PublishRequest, ReconcileResult } from '../types';
import { NAME, igGet, igUserId } from './api';

type CommentRow = Row & { username?: string; from?: { id?: string; username?: string } };

/**
 * A post's comments are anyone's, unlike the account's own media list: a follower writing the
 * same words is not our first comment. A row that names its author must name this account (by
 * id, or by handle should the id be scoped differently); one that names nobody cannot be ruled out.
 */
function writtenBy(ctx: ClientContext): (row: Row) => boolean {
  const id = igUserId(ctx);
  const handle = ctx.account.handle.replace(/^@/, '').toLowerCase();
  return (row) => {
    const r = row as CommentRow;
    const ids = [r.from?.id].filter((v): v is string => typeof v === 'string');
    const names = [r.username, r.from?.username].filter((v): v is string => typeof v === 'string').map((n) => n.toLowerCase());
    if (ids.length === 0 && names.length === 0) return true;
    return ids.includes(id) || names.includes(handle);
  };
}

export async function reconcileInstagram(ctx: ClientContext, req: PublishRequest): Promise<ReconcileResult> {
  if (req.replyTo?.kind === 'comment') {
    const path = `/${encodeURIComponent(req.replyTo.platformPostId)}/comments`;
    const query = { fields: 'id,text,timestamp,username,from', limit: '50' };
    return scanForPost(NAME, (q) => igGet(ctx, path, q), query, req, (r) => r.text, () => null, writtenBy(ctx));
  }
  const since = seconds(req.attemptStartedAt - CLOCK_SKEW_MS);
  const query = { fields: 'id,caption,timestamp,permalink', since, limit: '50' };
  return scanForPost(NAME, (q) => igGet(ctx, `/${igUserId(ctx)}/media`, q), query, req, (r) => r.caption, (r) => r.permalink ?? null);
}
