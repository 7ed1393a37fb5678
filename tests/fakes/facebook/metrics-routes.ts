/**
 * Post metrics on the fake: /{post-id}/insights with the metrics left after Meta removed every
 * impressions metric (2025-11-15), and /{post-id}?fields=shares,reactions.summary(…),comments.summary(…).
 */
import type { AcceptedPost, FakeRequest, IssuedToken, Reply } from '../common/fake-server';
import { graphError, guard, hasScope, isReply, pageOf, throttleReply, V, type FacebookFakeCore } from './state';

const METRICS: Record<string, { title: string; pick: (s: { views?: number; clicks?: number; reactions?: number }) => number }> = {
  post_total_media_view_unique: { title: 'Lifetime Post Total Unique Media Views', pick: (s) => s.views ?? 0 },
  post_clicks: { title: 'Lifetime Post Clicks', pick: (s) => s.clicks ?? 0 },
  post_reactions_like_total: { title: 'Lifetime Total like Reactions of a post.', pick: (s) => s.reactions ?? 0 },
};

function postFor(fake: FacebookFakeCore, req: FakeRequest): Reply | { t: IssuedToken; post: AcceptedPost } {
  const id = req.params.object!;
  const t = guard(fake, req);
  if (isReply(t)) return t;
  const page = pageOf(t);
  if (page && fake.state.readThrottleMinutes > 0) return throttleReply(fake, page, fake.state.readThrottleMinutes);
  const post = fake.posts.find((p) => p.id === id && !p.accountKey.startsWith('comment:'));
  if (!post || page !== post.accountKey) {
    return graphError(100, `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, { error_subcode: 33 });
  }
  return { t, post };
}

function insights(fake: FacebookFakeCore, req: FakeRequest): Reply {
  const found = postFor(fake, req);
  if (isReply(found)) return found;
  const { t, post } = found;
  if (!hasScope(t, 'read_insights')) return graphError(10, '(#10) Requires read_insights permission', {}, 403);
  const names = (req.query.get('metric') ?? '').split(',').filter(Boolean);
  const unknown = names.find((n) => !METRICS[n] || fake.state.retiredMetrics.has(n));
  if (unknown || names.length === 0) return graphError(100, '(#100) The value must be a valid insights metric');
  const stats = fake.state.insights.get(post.id) ?? {};
  const data = names.map((name) => ({
    name,
    period: 'lifetime',
    values: [{ value: METRICS[name]!.pick(stats) }],
    title: METRICS[name]!.title,
    description: `Lifetime: ${METRICS[name]!.title}`,
    id: `${post.id}/insights/${name}/lifetime`,
  }));
  return { status: 200, body: { data, paging: { previous: '', next: '' } } };
}

function object(fake: FacebookFakeCore, req: FakeRequest): Reply {
  const found = postFor(fake, req);
  if (isReply(found)) return found;
  const { post } = found;
  const fields = req.query.get('fields') ?? 'id,message,created_time';
  const stats = fake.state.insights.get(post.id) ?? {};
  const comments = fake.state.comments.get(post.id)?.length ?? 0;
  const body: Record<string, unknown> = { id: post.id };
  if (fields.includes('message') && post.text) body.message = post.text;
  // Graph leaves `shares` out while nobody has shared the post.
  if (fields.includes('shares') && stats.shares) body.shares = { count: stats.shares };
  if (fields.includes('reactions')) body.reactions = { data: [], summary: { total_count: stats.reactions ?? 0, viewer_reaction: 'NONE' } };
  if (fields.includes('comments')) body.comments = { data: [], summary: { order: 'ranked', total_count: comments, can_comment: true } };
  return { status: 200, body };
}

export function registerMetricsRoutes(fake: FacebookFakeCore): void {
  fake.route('GET', `${V}/{object}/insights`, (req) => insights(fake, req));
  fake.route('GET', `${V}/{object}`, (req) => object(fake, req));
}
