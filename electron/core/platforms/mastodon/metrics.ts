/**
 * A status's numbers: `GET /api/v1/statuses/:id` gives replies, reblogs and favourites, and
 * quotes since 4.5 (absent before: not reported, never 0). No views or clicks. Followers:
 * `GET /api/v1/accounts/verify_credentials` → `followers_count`. Throttled answers carry
 * `X-RateLimit-Reset` as an ISO timestamp.
 */
import { PlatformError, type ClientContext, type MetricSnapshot } from '../types';
import { z } from 'zod';
import { detailsOf, readJson, request, retryAfterMs } from '../common/http';
import { shaped } from '../common/shape';
import { NAME, apiUrl, bearer, errorMessage, rateLimitOf, type MastodonStatus } from './api';

const n = (v: unknown) => (typeof v === 'number' ? v : null);

async function get(ctx: ClientContext, path: string, what: string): Promise<unknown> {
  const got = await request(ctx, apiUrl(ctx.account.baseUrl, path), { headers: bearer(ctx) });
  if (!got.ok) throw new PlatformError(`Could not reach ${NAME} for ${what}: ${got.failure.message}.`);
  const body = await readJson(got.res);
  const status = got.res.status;
  // Each number is then read with `n`, which takes only numbers; the answer itself must be an object.
  if (status === 200) return shaped(z.record(z.string(), z.unknown()), body, status, NAME);
  const details = detailsOf(status, body);
  if (status === 429) {
    const now = ctx.clock.now();
    const wait = retryAfterMs(got.res, now);
    const retryAt = wait !== undefined ? now + wait : (rateLimitOf(got.res)?.resetAt ?? now + 5 * 60_000);
    throw new PlatformError(`${NAME} is limiting requests.`, details, 429, { retryAt });
  }
  if (status === 401 || status === 403) {
    const scope = path.includes('/accounts/') ? 'read:accounts' : 'read:statuses';
    throw new PlatformError(`${NAME} did not return ${what}: ${errorMessage(body) ?? `HTTP ${status}`}.`, details, status, { scope });
  }
  const why = status === 404 ? 'the post is gone (deleted, or no longer visible)' : (errorMessage(body) ?? `HTTP ${status}`);
  throw new PlatformError(`${NAME} did not return ${what}: ${why}.`, details, status);
}

export async function mastodonMetrics(ctx: ClientContext, platformPostId: string): Promise<MetricSnapshot> {
  const s = (await get(ctx, `/api/v1/statuses/${encodeURIComponent(platformPostId)}`, "the post's numbers")) as Partial<MastodonStatus>;
  return { replies: n(s.replies_count), reposts: n(s.reblogs_count), likes: n(s.favourites_count), quotes: n(s.quotes_count) };
}

export async function mastodonFollowers(ctx: ClientContext): Promise<number | null> {
  const a = (await get(ctx, '/api/v1/accounts/verify_credentials', 'the follower count')) as { followers_count?: unknown };
  return n(a.followers_count);
}
