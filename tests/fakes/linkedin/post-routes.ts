/**
 * LinkedIn posts on the fake: `POST /rest/posts` (201, empty body, URN in x-restli-id) with
 * text, one image or video (`content.media`), several images (`multiImage`) or a link's card
 * (`content.article`: source and title required, description and a thumbnail image URN optional;
 * LinkedIn does not read the page itself),
 * the posts-by-author finder, first comments through socialActions, and post analytics.
 */
import type { FakeRequest, Reply } from '../common/fake-server';
import {
  accessDenied,
  faultReply,
  guardRest,
  hasScope,
  illegal,
  isReply,
  json,
  mayActAs,
  throttled,
  unprocessable,
  type LinkedInFakeCore,
  type MemberMetric,
} from './state';

const MAX_COMMENTARY = 3000;

/** An article (link) post's card: LinkedIn does not read the page, the caller gives what the card shows. */
function checkArticle(article: { source?: unknown; title?: unknown; description?: unknown; thumbnail?: unknown }): Reply | null {
  if (typeof article.source !== 'string' || !/^https?:\/\/[^\s]+$/i.test(article.source)) return unprocessable('/content/article/source', 'field is required but not found and has no default value');
  if (typeof article.title !== 'string' || !article.title) return unprocessable('/content/article/title', 'field is required but not found and has no default value');
  if (article.description !== undefined && typeof article.description !== 'string') return unprocessable('/content/article/description', 'expected a string');
  if (article.thumbnail !== undefined && typeof article.thumbnail !== 'string') return unprocessable('/content/article/thumbnail', 'expected an image URN');
  return null;
}

function checkContent(fake: LinkedInFakeCore, author: string, content: unknown): Reply | null {
  if (content === undefined) return null;
  const c = content as { media?: { id?: string }; multiImage?: { images?: { id?: string }[] }; article?: Record<string, unknown> };
  const ids: string[] = [];
  if (c.media) ids.push(String(c.media.id ?? ''));
  else if (c.article) {
    const bad = checkArticle(c.article);
    if (bad) return bad;
    if (c.article.thumbnail !== undefined) ids.push(String(c.article.thumbnail));
  } else if (c.multiImage) {
    const images = c.multiImage.images ?? [];
    if (images.length < 2 || images.length > 20) return unprocessable('/content/multiImage/images', `a multi-image post takes 2 to 20 images, got ${images.length}`);
    ids.push(...images.map((i) => String(i.id ?? '')));
  } else return unprocessable('/content', 'unsupported content type');
  for (const id of ids) {
    const image = fake.state.images.get(id);
    const video = fake.state.videos.get(id);
    if (!image && !video) return unprocessable('/content/media/id', `${id} does not exist`);
    if ((image ?? video)!.owner !== author) return accessDenied(`${id} is owned by another author`);
    if (image && !image.bytes) return unprocessable('/content/media/id', `Image ${id} has not been uploaded`);
    if (video && video.status !== 'AVAILABLE') return unprocessable('/content/media/id', `Video ${id} is not AVAILABLE (${video.status})`);
  }
  return null;
}

function createPost(fake: LinkedInFakeCore, req: FakeRequest): Reply {
  // Faults first: an armed expired_token must expire the token this call presents.
  const fault = faultReply(fake);
  const t = guardRest(fake, req);
  if (isReply(t)) return t;
  if (fault && fault !== 'timeout_after_accept') return fault;
  const b = req.body ?? {};
  for (const field of ['author', 'commentary', 'visibility', 'distribution', 'lifecycleState']) {
    if (b[field] === undefined) return unprocessable(`/${field}`, 'field is required but not found and has no default value');
  }
  const author = String(b.author);
  if (!mayActAs(fake, t, author, true)) return accessDenied('partnerApiPostsExternal.CREATE.20260601');
  if (typeof b.commentary !== 'string') return unprocessable('/commentary', 'expected a string');
  if (b.commentary.length > MAX_COMMENTARY) return unprocessable('/commentary', `length ${b.commentary.length} exceeds the maximum of ${MAX_COMMENTARY}`);
  if (b.lifecycleState !== 'PUBLISHED') return unprocessable('/lifecycleState', `${String(b.lifecycleState)} is not allowed here`);
  const bad = checkContent(fake, author, b.content);
  if (bad) return bad;
  if (fake.state.rejectDuplicates) {
    const dup = fake.posts.find((p) => p.accountKey === author && p.text === b.commentary);
    if (dup) return json(422, { message: `Content is a duplicate of ${dup.id}`, status: 422 });
  }
  const id = `urn:li:share:${7_300_000_000_000 + ++fake.state.seq}`;
  const now = fake.now();
  fake.accept({ id, accountKey: author, text: b.commentary, data: { ...b, id, createdAt: now, publishedAt: now, lastModifiedAt: now } });
  if (fault === 'timeout_after_accept') return 'hang';
  return { status: 201, headers: { 'x-restli-id': id, 'x-linkedin-id': id } };
}

function findByAuthor(fake: LinkedInFakeCore, req: FakeRequest): Reply {
  const t = guardRest(fake, req);
  if (isReply(t)) return t;
  if (req.query.get('q') !== 'author') return illegal(`Unsupported finder ${req.query.get('q')}`);
  const author = req.query.get('author') ?? '';
  if (!mayActAs(fake, t, author, false)) return accessDenied('partnerApiPostsExternal.FINDER-author.20260601');
  const start = Number(req.query.get('start') ?? 0);
  const count = Math.min(Number(req.query.get('count') ?? 10), 100);
  const mine = fake.posts
    .filter((p) => p.accountKey === author)
    .map((p) => p.data)
    .reverse();
  return json(200, { paging: { start, count, links: [], total: mine.length }, elements: mine.slice(start, start + count) });
}

function commentOn(fake: LinkedInFakeCore, req: FakeRequest): Reply {
  // Faults first: an armed expired_token must expire the token this call presents.
  const fault = faultReply(fake);
  const t = guardRest(fake, req);
  if (isReply(t)) return t;
  if (fault && fault !== 'timeout_after_accept') return fault;
  const parent = req.params.urn!;
  const b = (req.body ?? {}) as { actor?: string; object?: string; message?: { text?: string } };
  if (!fake.posts.some((p) => p.id === parent)) return json(404, { status: 404, code: 'NOT_FOUND', message: `${parent} does not exist` });
  if (!b.actor) return unprocessable('/actor', 'field is required but not found and has no default value');
  if (!b.message?.text) return unprocessable('/message/text', 'field is required but not found and has no default value');
  if (!mayActAs(fake, t, b.actor, true)) return accessDenied('partnerApiSocialActions.CREATE-comments.20260601');
  const list = fake.state.comments.get(parent) ?? [];
  const id = String(7_400_000_000_000 + ++fake.state.seq);
  const urn = `urn:li:comment:(${parent},${id})`;
  const now = fake.now();
  list.push({ id, urn, actor: b.actor, object: b.object ?? parent, text: b.message.text, time: now });
  fake.state.comments.set(parent, list);
  fake.accept({ id: urn, accountKey: `comment:${parent}:${b.actor}`, text: b.message.text, data: {} });
  if (fault === 'timeout_after_accept') return 'hang';
  const created = { actor: b.actor, time: now };
  return json(201, { actor: b.actor, object: b.object ?? parent, message: { text: b.message.text }, id, commentUrn: urn, $URN: urn, created, lastModified: created }, { 'x-restli-id': id });
}

function listComments(fake: LinkedInFakeCore, req: FakeRequest): Reply {
  const t = guardRest(fake, req);
  if (isReply(t)) return t;
  const parent = req.params.urn!;
  const post = fake.posts.find((p) => p.id === parent);
  if (!post) return json(404, { status: 404, code: 'NOT_FOUND', message: `${parent} does not exist` });
  if (!mayActAs(fake, t, post.accountKey, false)) return accessDenied('partnerApiSocialActions.GET_ALL-comments.20260601');
  const elements = (fake.state.comments.get(parent) ?? []).map((c) => ({
    actor: c.actor,
    object: c.object,
    message: { text: c.text },
    id: c.id,
    commentUrn: c.urn,
    $URN: c.urn,
    created: { actor: c.actor, time: c.time },
    lastModified: { actor: c.actor, time: c.time },
  }));
  // Rest.li paging: `start` and `count` (default 10, at most 100), as the posts finder pages.
  const start = Number(req.query.get('start') ?? 0);
  const count = Math.min(Number(req.query.get('count') ?? 10), 100);
  return json(200, { paging: { start, count, total: elements.length, links: [] }, elements: elements.reverse().slice(start, start + count) });
}

const METRIC_TYPES: MemberMetric[] = ['IMPRESSION', 'MEMBERS_REACHED', 'REACTION', 'COMMENT', 'RESHARE'];

function memberAnalytics(fake: LinkedInFakeCore, req: FakeRequest): Reply {
  const t = guardRest(fake, req);
  if (isReply(t)) return t;
  if (!hasScope(t, 'r_member_postAnalytics')) return accessDenied('memberCreatorPostAnalytics.FINDER-entity.20260601');
  if (fake.state.analyticsThrottled) return throttled();
  const queryType = req.query.get('queryType') as MemberMetric;
  if (req.query.get('q') !== 'entity' || !METRIC_TYPES.includes(queryType) || req.query.get('aggregation') !== 'TOTAL') {
    return illegal('Expected q=entity, a queryType of IMPRESSION|MEMBERS_REACHED|REACTION|COMMENT|RESHARE and aggregation=TOTAL');
  }
  const m = /^\((share|ugc):(urn:li:(?:share|ugcPost):\d+)\)$/.exec(req.query.get('entity') ?? '');
  if (!m) return illegal(`Invalid entity ${req.query.get('entity')}`);
  const post = fake.posts.find((p) => p.id === m[2]);
  if (!post) return json(404, { status: 404, code: 'NOT_FOUND', message: `${m[2]} does not exist` });
  if (post.accountKey !== `urn:li:person:${t.subject}`) return accessDenied('memberCreatorPostAnalytics: not the author');
  const stats = fake.state.analytics.get(post.id) ?? {};
  const count = queryType === 'COMMENT' ? (stats.COMMENT ?? fake.state.comments.get(post.id)?.length ?? 0) : (stats[queryType] ?? 0);
  return json(200, {
    paging: { start: 0, count: 10, links: [] },
    elements: [{ count, metricType: { 'com.linkedin.adsexternalapi.memberanalytics.v1.CreatorPostAnalyticsMetricTypeV1': queryType } }],
  });
}

function orgStatistics(fake: LinkedInFakeCore, req: FakeRequest): Reply {
  const t = guardRest(fake, req);
  if (isReply(t)) return t;
  const org = req.query.get('organizationalEntity') ?? '';
  if (req.query.get('q') !== 'organizationalEntity') return illegal('Expected q=organizationalEntity');
  if (!mayActAs(fake, t, org, false)) return accessDenied('organizationalEntityShareStatistics.FINDER-organizationalEntity.20260601');
  if (fake.state.analyticsThrottled) return throttled();
  const list = /^List\((.*)\)$/.exec(req.query.get('shares') ?? req.query.get('ugcPosts') ?? '')?.[1]?.split(',') ?? [];
  const elements = list
    .map((urn) => fake.posts.find((p) => p.id === urn && p.accountKey === org))
    .filter((p) => p !== undefined)
    .map((p) => {
      const s = fake.state.analytics.get(p.id) ?? {};
      const impressions = s.IMPRESSION ?? 0;
      const likes = s.REACTION ?? 0;
      const comments = s.COMMENT ?? fake.state.comments.get(p.id)?.length ?? 0;
      const shares = s.RESHARE ?? 0;
      const clicks = s.CLICK ?? 0;
      return {
        organizationalEntity: org,
        share: p.id,
        totalShareStatistics: {
          uniqueImpressionsCount: s.MEMBERS_REACHED ?? 0,
          shareCount: shares,
          engagement: impressions ? (likes + comments + shares + clicks) / impressions : 0,
          clickCount: clicks,
          likeCount: likes,
          impressionCount: impressions,
          commentCount: comments,
        },
      };
    });
  return json(200, { paging: { start: 0, count: 10, links: [] }, elements });
}

export function registerPostRoutes(fake: LinkedInFakeCore): void {
  fake.route('POST', '/rest/posts', (req) => createPost(fake, req));
  fake.route('GET', '/rest/posts', (req) => findByAuthor(fake, req));
  fake.route('POST', '/rest/socialActions/{urn}/comments', (req) => commentOn(fake, req));
  fake.route('GET', '/rest/socialActions/{urn}/comments', (req) => listComments(fake, req));
  fake.route('GET', '/rest/memberCreatorPostAnalytics', (req) => memberAnalytics(fake, req));
  fake.route('GET', '/rest/organizationalEntityShareStatistics', (req) => orgStatistics(fake, req));
}
