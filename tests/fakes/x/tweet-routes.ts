/**
 * Posts: `POST /2/tweets` (201), `GET /2/tweets/:id` with metrics, and the user timeline
 * `GET /2/users/:id/tweets` that reconcile reads. Stored text is shown the way X shows it:
 * HTML-escaped, URLs as t.co links, one more t.co link for attached media.
 */
import { randomBytes } from 'node:crypto';
import { extractUrlsWithIndices, parseXPost } from '../../../shared/text-rules/entities';
import type { AcceptedPost, FakeRequest, Reply } from '../common/fake-server';
import type { XFake } from './index';
import { clientForbidden, duplicate, forbidden, headersFor, invalidRequest, tooManyRequests } from './replies';

const DAY_MS = 86_400_000;
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** t.co slugs are 10 alphanumerics. */
const tco = () => `https://t.co/${[...randomBytes(10)].map((b) => ALNUM[b % ALNUM.length]).join('')}`;

/** One of `entities.urls`: where a t.co link stands in the shown text (code points), and what it stands for. */
interface UrlEntity {
  start: number;
  end: number;
  url: string;
  expanded_url: string;
  display_url: string;
  media_key?: string;
}

const codePoints = (s: string) => [...s].length;

/**
 * The text as X shows it, and its URL entities: every link becomes a t.co link whose
 * `expanded_url` is the link as written (X adds `http://` to one written without a scheme), and
 * attached media add one more t.co link, to the post's photo page, with its `media_key`.
 */
function asShown(text: string, media: { userName: string; id: string; mediaIds: string[] } | null): { shown: string; urls: UrlEntity[] } {
  let out = '';
  let at = 0;
  const urls: UrlEntity[] = [];
  for (const u of extractUrlsWithIndices(text, true)) {
    out += text.slice(at, u.indices[0]);
    const link = tco();
    const expanded = /^https?:\/\//i.test(u.url) ? u.url : `http://${u.url}`;
    urls.push({ start: codePoints(out), end: codePoints(out) + codePoints(link), url: link, expanded_url: expanded, display_url: u.url.replace(/^https?:\/\//i, '').slice(0, 25) });
    out += link;
    at = u.indices[1];
  }
  out += text.slice(at);
  if (media) {
    out = out ? `${out} ` : out;
    const link = tco();
    urls.push({ start: codePoints(out), end: codePoints(out) + codePoints(link), url: link, expanded_url: `https://x.com/${media.userName}/status/${media.id}/photo/1`, display_url: `pic.x.com/${link.slice(-10)}`, media_key: `3_${media.mediaIds[0]}` });
    out += link;
  }
  return { shown: out.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'), urls };
}

type Body = { text?: unknown; media?: { media_ids?: unknown }; reply?: { in_reply_to_tweet_id?: unknown } };

function create(fake: XFake, req: FakeRequest, userId: string): Reply {
  if (!req.body) return invalidRequest('Request body must be JSON.');
  const b = req.body as Body;
  const text = typeof b.text === 'string' ? b.text.normalize('NFC') : '';
  const mediaIds = Array.isArray(b.media?.media_ids) ? b.media.media_ids.map(String) : [];
  if (!text && mediaIds.length === 0) return invalidRequest('Post text or media is required.', { text: [] });
  if (text && parseXPost(text).weightedLength > 280) {
    return invalidRequest('Your Tweet text is too long. For more information on how Twitter determines text length see https://github.com/twitter/twitter-text.', { text: [text] });
  }
  const bad = mediaIds.filter((id) => {
    const m = fake.media.get(id);
    return !m || m.ownerId !== userId || !m.finalized || (m.processing !== null && m.processing !== 'succeeded');
  });
  if (bad.length > 0 || mediaIds.length > 4) return invalidRequest('Your media IDs are invalid.', { 'media.media_ids': mediaIds });
  const replyTo = b.reply?.in_reply_to_tweet_id === undefined ? undefined : String(b.reply.in_reply_to_tweet_id);
  if (replyTo && !fake.posts.some((p) => p.id === replyTo)) return forbidden('You attempted to reply to a Tweet that is deleted or not visible to you.');
  if (fake.rejectDuplicates && text && fake.posts.some((p) => p.accountKey === userId && p.text === text)) return duplicate();
  const id = fake.newId();
  const userName = fake.users.get(userId)?.username ?? 'i';
  const { shown, urls } = asShown(text, mediaIds.length > 0 ? { userName, id, mediaIds } : null);
  fake.accept({ id, accountKey: userId, text, data: { shown, urls, mediaIds, ...(replyTo ? { replyTo } : {}) } });
  fake.setMetrics(id, {});
  return { status: 201, body: { data: { id, text: shown, edit_history_tweet_ids: [id] } } };
}

function view(p: AcceptedPost, fields: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const replyTo = p.data.replyTo as string | undefined;
  return {
    id: p.id,
    text: p.data.shown,
    edit_history_tweet_ids: [p.id],
    ...(fields.includes('created_at') ? { created_at: new Date(p.createdAt).toISOString() } : {}),
    ...(fields.includes('author_id') ? { author_id: p.accountKey } : {}),
    ...(fields.includes('referenced_tweets') && replyTo ? { referenced_tweets: [{ type: 'replied_to', id: replyTo }] } : {}),
    ...(fields.includes('entities') && (p.data.urls as UrlEntity[]).length > 0 ? { entities: { urls: p.data.urls } } : {}),
    ...extra,
  };
}

const notFound = (id: string): Reply => ({
  status: 200,
  body: { errors: [{ value: id, detail: `Could not find tweet with id: [${id}].`, title: 'Not Found Error', resource_type: 'tweet', parameter: 'id', resource_id: id, type: 'https://api.twitter.com/2/problems/resource-not-found' }] },
});

function lookup(fake: XFake, req: FakeRequest, userId: string): Reply {
  const p = fake.posts.find((x) => x.id === req.params.id);
  if (!p) return notFound(req.params.id!);
  const fields = (req.query.get('tweet.fields') ?? '').split(',').filter(Boolean);
  const m = fake.metrics.get(p.id)!;
  const privateAsked = fields.filter((f) => f === 'non_public_metrics' || f === 'organic_metrics');
  // Private metrics: only the owner, only under 30 days. X then answers 200 with only errors ❓.
  if (privateAsked.length > 0 && (p.accountKey !== userId || fake.now() - p.createdAt > 30 * DAY_MS)) {
    return {
      status: 200,
      body: { errors: privateAsked.map((f) => ({ parameters: { 'tweet.fields': [f] }, title: 'Field Authorization Error', detail: `Sorry, you are not authorized to access '${f}' on this Tweet.`, type: 'https://api.twitter.com/2/problems/not-authorized-for-field' })) },
    };
  }
  const metrics = Object.fromEntries(fields.filter((f) => f in m).map((f) => [f, m[f as keyof typeof m]]));
  return { status: 200, body: { data: view(p, fields, metrics) } };
}

/**
 * `GET /2/tweets?ids=` (up to 100): the posts found in `data`, each missing one as a
 * resource-not-found entry in `errors`. Private fields for a post the caller may not see them
 * on (not the owner, or over 30 days old) are refused for the whole request, as the single
 * lookup does ❓.
 */
function lookupMany(fake: XFake, req: FakeRequest, userId: string): Reply {
  const raw = req.query.get('ids');
  if (!raw) return invalidRequest('The `ids` query parameter can not be empty', { ids: [''] });
  const ids = raw.split(',');
  if (ids.length > 100 || ids.some((id) => !/^[0-9]{1,19}$/.test(id))) return invalidRequest(`The \`ids\` query parameter value [${raw}] is not valid`, { ids: [raw] });
  const fields = (req.query.get('tweet.fields') ?? '').split(',').filter(Boolean);
  const found = ids.map((id) => fake.posts.find((p) => p.id === id)).filter((p) => p !== undefined);
  const privateAsked = fields.filter((f) => f === 'non_public_metrics' || f === 'organic_metrics');
  if (privateAsked.length > 0 && found.some((p) => p.accountKey !== userId || fake.now() - p.createdAt > 30 * DAY_MS)) {
    return {
      status: 200,
      body: { errors: privateAsked.map((f) => ({ parameters: { 'tweet.fields': [f] }, title: 'Field Authorization Error', detail: `Sorry, you are not authorized to access '${f}' on this Tweet.`, type: 'https://api.twitter.com/2/problems/not-authorized-for-field' })) },
    };
  }
  const data = found.map((p) => {
    const m = fake.metrics.get(p.id)!;
    return view(p, fields, Object.fromEntries(fields.filter((f) => f in m).map((f) => [f, m[f as keyof typeof m]])));
  });
  const errors = ids.filter((id) => !found.some((p) => p.id === id)).map((id) => (notFound(id) as { body: { errors: unknown[] } }).body.errors[0]);
  return { status: 200, body: { ...(data.length ? { data } : {}), ...(errors.length ? { errors } : {}) } };
}

const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/;

function timeline(fake: XFake, req: FakeRequest): Reply {
  const userId = req.params.id!;
  if (!fake.users.has(userId)) return invalidRequest(`The \`id\` query parameter value [${userId}] does not match ^[0-9]{1,19}$`, { id: [userId] });
  const max = Number(req.query.get('max_results') ?? '10');
  if (!Number.isInteger(max) || max < 5 || max > 100) return invalidRequest(`The \`max_results\` query parameter value [${req.query.get('max_results')}] is not between 5 and 100`, { max_results: [String(max)] });
  const start = req.query.get('start_time');
  if (start !== null && !ISO_SECONDS.test(start)) return invalidRequest(`Invalid 'start_time':'${start}'. 'start_time' must be a valid RFC 3339 timestamp.`, { start_time: [start] });
  const since = start ? Date.parse(start) : 0;
  const all = fake.posts.filter((p) => p.accountKey === userId && p.createdAt >= since).sort((a, b) => b.createdAt - a.createdAt || (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
  const offset = Number(req.query.get('pagination_token') ?? '0') || 0;
  const page = all.slice(offset, offset + max);
  if (page.length === 0) return { status: 200, body: { meta: { result_count: 0 } } };
  const fields = (req.query.get('tweet.fields') ?? '').split(',').filter(Boolean);
  const more = offset + max < all.length;
  return {
    status: 200,
    body: { data: page.map((p) => view(p, fields)), meta: { result_count: page.length, newest_id: page[0]!.id, oldest_id: page.at(-1)!.id, ...(more ? { next_token: String(offset + max) } : {}) } },
  };
}

export function registerTweetRoutes(fake: XFake): void {
  fake.route(
    'POST',
    '/2/tweets',
    fake.guard('POST /2/tweets', ['tweet.read', 'tweet.write', 'users.read'], true, (req, t) => {
      // The user's 24-hour posting cap, on top of the 15-minute window.
      const daily = fake.userDailyPostLimit;
      const dailyHeaders = () => {
        const used = fake.posts.filter((p) => p.accountKey === t.subject && p.createdAt > fake.now() - DAY_MS);
        return headersFor(daily!, daily! - used.length, (used[0]?.createdAt ?? fake.now()) + DAY_MS, 'x-user-limit-24hour-');
      };
      if (daily !== undefined && dailyHeaders()['x-user-limit-24hour-remaining'] === '0') return tooManyRequests(fake.rateLimitShape, dailyHeaders());
      const reply = create(fake, req, t.subject);
      if (daily === undefined || reply === 'hang' || reply === 'reset') return reply;
      return { ...reply, headers: { ...reply.headers, ...dailyHeaders() } };
    }),
  );
  fake.route('GET', '/2/tweets', fake.guard('GET /2/tweets', ['tweet.read', 'users.read'], false, (req, t) => lookupMany(fake, req, t.subject)));
  fake.route('GET', '/2/tweets/:id', fake.guard('GET /2/tweets/:id', ['tweet.read', 'users.read'], false, (req, t) => lookup(fake, req, t.subject)));
  fake.route('GET', '/2/users/:id/tweets', fake.guard('GET /2/users/:id/tweets', ['tweet.read', 'users.read'], false, (req) => (fake.timelineAccess ? timeline(fake, req) : clientForbidden(fake.client.clientId))));
}
