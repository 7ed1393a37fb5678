/**
 * The Instagram fake's reads: /me, any node by id (container status, media, comment), the
 * account's media list, its publishing quota, a post's comments and insights.
 */
import type { FakeRequest, Reply } from '../common/fake-server';
import type { IgComment, IgMedia, InstagramFake } from './index';
import { faultReply, graphError, graphTime, isReply, listPage, notFound, pick } from './meta-fake';
import { bucHeader, containerStatus, guard } from './routes';

const INSIGHTS = new Set(['views', 'reach', 'likes', 'comments', 'shares', 'saved', 'total_interactions', 'follows', 'profile_visits', 'profile_activity', 'ig_reels_avg_watch_time', 'ig_reels_video_view_total_time']);
/** Deprecated for all versions from 2025-04-21 (v22). */
const RETIRED = new Set(['impressions', 'plays', 'video_views', 'clips_replays_count', 'ig_reels_aggregated_all_plays_count']);

const STATUS_TEXT: Record<string, string> = {
  IN_PROGRESS: 'In Progress: Media is still being processed.',
  FINISHED: 'Finished: Media has been uploaded and it is ready to be published.',
  PUBLISHED: 'Published: Media has been published.',
  EXPIRED: 'Expired: The container was not published within 24 hours.',
};

function mediaRow(f: InstagramFake, m: IgMedia): Record<string, unknown> {
  return {
    id: m.id,
    caption: m.caption ?? undefined,
    media_type: m.mediaType,
    media_product_type: m.productType,
    permalink: m.permalink,
    shortcode: m.shortcode,
    timestamp: graphTime(m.createdAt),
    username: f.user.username,
    like_count: f.insights.get(m.id)?.likes ?? 0,
    comments_count: [...f.comments.values()].filter((c) => c.mediaId === m.id).length,
  };
}

const commentRow = (f: InstagramFake, c: IgComment) => {
  const from = c.author ?? { id: f.user.id, username: f.user.username };
  return { id: c.id, text: c.text, timestamp: graphTime(c.createdAt), username: from.username, from };
};

async function node(f: InstagramFake, req: FakeRequest): Promise<Reply> {
  const id = req.params.id!;
  const t = guard(f, req, 'instagram_business_basic');
  if (isReply(t)) return t;
  const fields = req.query.get('fields');
  if (id === 'me') {
    const me = { id: f.user.appScopedId, user_id: f.user.id, username: f.user.username, name: f.user.name, account_type: 'BUSINESS', media_count: f.media.size };
    return { status: 200, body: pick(me, fields, ['id']) };
  }
  const c = f.containers.get(id);
  if (c) {
    const status_code = await containerStatus(f, c, true);
    const status = status_code === 'ERROR' ? (c.statusText ?? 'Error: Media could not be processed.') : STATUS_TEXT[status_code];
    return { status: 200, body: pick({ id, status_code, status }, fields, ['id']) };
  }
  const m = f.media.get(id);
  if (m) return { status: 200, body: pick(mediaRow(f, m), fields, ['id']) };
  const cm = f.comments.get(id);
  if (cm) return { status: 200, body: pick(commentRow(f, cm), fields, ['id', 'text', 'timestamp']) };
  return notFound(id);
}

function insights(f: InstagramFake, req: FakeRequest): Reply {
  const fault = f.steps.aimed('insights');
  const early = fault ? faultReply(fault, (s) => bucHeader(f, s)) : null;
  if (early) return early;
  const t = guard(f, req, 'instagram_business_manage_insights');
  if (isReply(t)) return t;
  const id = req.params.media!;
  if (!f.media.has(id)) return notFound(id);
  const metrics = (req.query.get('metric') ?? '').split(',').filter(Boolean);
  if (metrics.length === 0) return graphError(400, 100, '(#100) The parameter metric is required');
  for (const m of metrics) {
    if (RETIRED.has(m)) return graphError(400, 100, `(#100) Starting from version v22.0 and above, the ${m} metric is no longer supported for Instagram media. Please use views instead.`);
    if (!INSIGHTS.has(m)) return graphError(400, 100, `(#100) metric[${metrics.indexOf(m)}] must be one of the following values: ${[...INSIGHTS].join(', ')}`);
  }
  const known = f.insights.get(id) ?? {};
  // Metrics Meta has no data for yet are left out: an empty set, not 0.
  const data = metrics
    .filter((m) => known[m] !== undefined)
    .map((name) => ({ name, period: 'lifetime', values: [{ value: known[name] }], title: name, description: `${name} of the media`, id: `${id}/insights/${name}/lifetime` }));
  return { status: 200, body: { data } };
}

export function registerInstagramReads(f: InstagramFake): void {
  f.route('GET', '/{version}/{user}/media', (req) => {
    const t = guard(f, req, 'instagram_business_basic');
    if (isReply(t)) return t;
    return { status: 200, body: listPage(req, f.url, [...f.media.values()].map((m) => ({ createdAt: m.createdAt, row: mediaRow(f, m) })), ['id']) };
  });
  f.route('GET', '/{version}/{user}/content_publishing_limit', (req) => {
    const t = guard(f, req, 'instagram_business_content_publish');
    if (isReply(t)) return t;
    const row = { quota_usage: f.quotaUsage(), config: { quota_total: f.quotaTotal, quota_duration: 86_400 } };
    return { status: 200, body: { data: [pick(row, req.query.get('fields'), ['quota_usage'])] } };
  });
  f.route('GET', '/{version}/{media}/insights', (req) => insights(f, req));
  f.route('GET', '/{version}/{media}/comments', (req) => {
    const t = guard(f, req, 'instagram_business_manage_comments');
    if (isReply(t)) return t;
    const id = req.params.media!;
    if (!f.media.has(id)) return notFound(id);
    const rows = [...f.comments.values()].filter((c) => c.mediaId === id).map((c) => ({ createdAt: c.createdAt, row: commentRow(f, c) }));
    return { status: 200, body: listPage(req, f.url, rows, ['id', 'text', 'timestamp']) };
  });
  f.route('GET', '/{version}/{id}', (req) => node(f, req));
}
