/**
 * The Threads fake's reads: /me, any node by id (container status, post), the account's posts
 * and replies, its publishing quota, and a post's insights.
 */
import type { FakeRequest, Reply } from '../common/fake-server';
import { faultReply, graphError, graphTime, isReply, listPage, notFound, pick } from '../instagram/meta-fake';
import type { ThMedia, ThreadsFake } from './index';
import { containerStatus, guard } from './routes';

const INSIGHTS = new Set(['views', 'likes', 'replies', 'reposts', 'quotes', 'shares']);

function row(f: ThreadsFake, m: ThMedia): Record<string, unknown> {
  return {
    id: m.id,
    media_product_type: 'THREADS',
    media_type: m.mediaType,
    text: m.text ?? undefined,
    permalink: m.permalink,
    shortcode: m.shortcode,
    timestamp: graphTime(m.createdAt),
    username: f.user.username,
    is_reply: m.replyTo !== null,
    replied_to: m.replyTo ? { id: m.replyTo } : undefined,
    alt_text: m.altText ?? undefined,
  };
}

async function node(f: ThreadsFake, req: FakeRequest): Promise<Reply> {
  const t = guard(f, req, 'threads_basic');
  if (isReply(t)) return t;
  const id = req.params.id!;
  const fields = req.query.get('fields');
  if (id === 'me') {
    const me = { id: f.user.id, username: f.user.username, name: f.user.name, threads_biography: 'Made with Loomcast' };
    return { status: 200, body: pick(me, fields, ['id']) };
  }
  const c = f.containers.get(id);
  if (c) {
    const status = await containerStatus(f, c, true);
    return { status: 200, body: pick({ id, status, error_message: status === 'ERROR' ? (c.errorMessage ?? 'UNKNOWN') : undefined }, fields, ['id']) };
  }
  const m = f.media.get(id);
  if (m) return { status: 200, body: pick(row(f, m), fields, ['id']) };
  return notFound(id);
}

function insights(f: ThreadsFake, req: FakeRequest): Reply {
  const fault = f.steps.aimed('insights');
  // Threads documents no usage headers, so a throttled read carries none.
  const early = fault ? faultReply(fault, () => undefined) : null;
  if (early) return early;
  const t = guard(f, req, 'threads_manage_insights');
  if (isReply(t)) return t;
  const id = req.params.media!;
  if (!f.media.has(id)) return notFound(id);
  const metrics = (req.query.get('metric') ?? '').split(',').filter(Boolean);
  if (metrics.length === 0) return graphError(400, 100, '(#100) The parameter metric is required');
  const bad = metrics.find((m) => !INSIGHTS.has(m));
  if (bad) return graphError(400, 100, `(#100) metric[${metrics.indexOf(bad)}] must be one of the following values: ${[...INSIGHTS].join(', ')}`);
  const known = f.insights.get(id) ?? {};
  const data = metrics
    .filter((m) => known[m] !== undefined)
    .map((name) => ({ name, period: 'lifetime', values: [{ value: known[name] }], title: name, description: `${name} of the post`, id: `${id}/insights/${name}/lifetime` }));
  return { status: 200, body: { data } };
}

export function registerThreadsReads(f: ThreadsFake): void {
  const list = (replies: boolean) => (req: FakeRequest) => {
    const t = guard(f, req, replies ? 'threads_read_replies' : 'threads_basic');
    if (isReply(t)) return t;
    const items = [...f.media.values()].filter((m) => (m.replyTo !== null) === replies).map((m) => ({ createdAt: m.createdAt, row: row(f, m) }));
    return { status: 200, body: listPage(req, f.url, items, ['id']) };
  };
  f.route('GET', '/{version}/{user}/threads', list(false));
  f.route('GET', '/{version}/{user}/replies', list(true));
  f.route('GET', '/{version}/{user}/threads_publishing_limit', (req) => {
    const t = guard(f, req, 'threads_content_publish');
    if (isReply(t)) return t;
    const replies = [...f.media.values()].filter((m) => m.replyTo && m.createdAt > f.now() - 86_400_000).length;
    const limits = {
      quota_usage: f.quotaUsage(),
      config: { quota_total: f.quotaTotal, quota_duration: 86_400 },
      reply_quota_usage: replies,
      reply_config: { quota_total: 1000, quota_duration: 86_400 },
    };
    return { status: 200, body: { data: [pick(limits, req.query.get('fields'), ['quota_usage'])] } };
  });
  f.route('GET', '/{version}/{media}/insights', (req) => insights(f, req));
  f.route('GET', '/{version}/{id}', (req) => node(f, req));
}
