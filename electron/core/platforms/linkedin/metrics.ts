/**
 * Post analytics. Member posts: memberCreatorPostAnalytics, one metric per call (needs
 * r_member_postAnalytics). Organisation posts: organizationalEntityShareStatistics, all
 * counts in one call (needs r_organization_social).
 */
import { detailsOf, readJson, request, retryAfterMs } from '../common/http';
import { PlatformError, type ClientContext, type MetricSnapshot } from '../types';
import { apiRoot, authorUrn, enc, isOrganization, messageOf, nextMidnightUtc, restHeaders } from './api';

const MEMBER_METRICS = [
  ['IMPRESSION', 'impressions'],
  ['REACTION', 'likes'],
  ['COMMENT', 'replies'],
  ['RESHARE', 'reposts'],
] as const;

async function get(ctx: ClientContext, url: string): Promise<unknown> {
  const r = await request(ctx, url, { headers: restHeaders(ctx.credentials.accessToken) });
  if (!r.ok) throw new PlatformError(`Could not reach LinkedIn for post analytics: ${r.failure.message}`);
  const body = await readJson(r.res).catch(() => null);
  if (r.res.ok) return body;
  const said = messageOf(body) ?? `HTTP ${r.res.status}`;
  if (r.res.status === 429) {
    // LinkedIn's daily limits reset at midnight UTC and its 429 says no time: asking sooner only meets another 429.
    const now = ctx.clock.now();
    const wait = retryAfterMs(r.res, now);
    const retryAt = wait !== undefined ? now + wait : nextMidnightUtc(now);
    throw new PlatformError("LinkedIn's daily limit was reached; analytics can be read again after midnight UTC.", detailsOf(r.res.status, body), 429, { retryAt });
  }
  const message =
    r.res.status === 401
      ? 'LinkedIn no longer accepts the sign-in; reconnect LinkedIn to read analytics.'
      : r.res.status === 403
        ? `LinkedIn does not share these analytics with this app (${said}); they need the r_member_postAnalytics or r_organization_social permission.`
        : `LinkedIn did not return analytics (${said}).`;
  throw new PlatformError(message, detailsOf(r.res.status, body), r.res.status);
}

/** Rest.li entity key for a post URN: shares and ugcPosts are asked for differently. */
function entityOf(urn: string): { key: 'share' | 'ugc'; list: 'shares' | 'ugcPosts' } {
  return urn.startsWith('urn:li:ugcPost:') ? { key: 'ugc', list: 'ugcPosts' } : { key: 'share', list: 'shares' };
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export async function linkedinMetrics(ctx: ClientContext, platformPostId: string): Promise<MetricSnapshot> {
  const root = apiRoot(ctx.account.baseUrl);
  const author = authorUrn(ctx);
  const entity = entityOf(platformPostId);
  if (isOrganization(author)) {
    const body = (await get(
      ctx,
      `${root}/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${enc(author)}&${entity.list}=List(${enc(platformPostId)})`,
    )) as { elements?: { totalShareStatistics?: Record<string, unknown> }[] } | null;
    const s = body?.elements?.[0]?.totalShareStatistics ?? {};
    return {
      impressions: num(s.impressionCount),
      clicks: num(s.clickCount),
      likes: num(s.likeCount),
      replies: num(s.commentCount),
      reposts: num(s.shareCount),
    };
  }
  const snapshot: MetricSnapshot = {};
  for (const [queryType, field] of MEMBER_METRICS) {
    const body = (await get(
      ctx,
      `${root}/rest/memberCreatorPostAnalytics?q=entity&entity=(${entity.key}:${enc(platformPostId)})&queryType=${queryType}&aggregation=TOTAL`,
    )) as { elements?: { count?: unknown }[] } | null;
    // No element means LinkedIn has nothing to report yet, which is not the same as zero.
    snapshot[field] = num(body?.elements?.[0]?.count);
  }
  return snapshot;
}
