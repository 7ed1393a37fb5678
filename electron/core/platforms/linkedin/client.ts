/**
 * LinkedIn client: posts (text, images, one video) through the versioned Posts API, first
 * comments through socialActions, reconcile through the posts-by-author finder, and token
 * refresh for the partner apps LinkedIn gives refresh tokens to.
 */
import { escapeLinkedInCommentary } from '../../../../shared/text-rules';
import { OAuthToken } from '../common/shape';
import { detailsOf, networkOutcome, readJson, request } from '../common/http';
import { PlatformError, type ClientContext, type Credentials, type PlatformClient, type PublishRequest, type ReconcileResult } from '../types';
import { apiRoot, authorUrn, credentialsFrom, enc, LINKEDIN_API, messageOf, oauthRoot, PLATFORM_NAME, postUrl, restHeaders } from './api';
import { outcomeOf, type Outcome } from './errors';
import { checkMedia, uploadArticle, uploadMedia, type VideoPolling } from './media';
import { linkedinMetrics } from './metrics';

/** How far before the attempt a post may be stamped and still count as ours (clock skew). */
const RECONCILE_SKEW_MS = 10 * 60_000;

export interface LinkedInClientOptions {
  /** How long to wait between looks at a processing video (default 3 s). */
  videoPollMs?: number;
  /** How many looks before giving up on a video for this attempt (default 100). */
  videoMaxPolls?: number;
}

function commentUrl(rootPostId: string, commentUrn: string): string {
  return `${postUrl(rootPostId)}?commentUrn=${enc(commentUrn)}`;
}

async function publish(ctx: ClientContext, req: PublishRequest, polling: VideoPolling): Promise<Outcome> {
  if (req.replyTo?.kind === 'thread') {
    return { kind: 'failed', reason: 'LinkedIn has no threads; add the follow-up as a first comment instead.' };
  }
  if (req.replyTo) return comment(ctx, req);
  const problem = checkMedia(req.media);
  if (problem) return { kind: 'failed', reason: problem };
  if (!req.text.trim() && req.media.length === 0) return { kind: 'failed', reason: 'The LinkedIn post is empty.' };

  const author = authorUrn(ctx);
  const content = await uploadMedia(ctx, author, req.media, req.title, polling);
  if (!content.ok) return content.outcome;
  // Without media, the first link's card, as LinkedIn's own composer adds it.
  const article = await uploadArticle(ctx, author, req);
  if (!article.ok) return article.outcome;
  const body = content.value ?? article.value.content;
  const notice = article.value.notice ? { notice: article.value.notice } : {};

  const post = {
    author,
    // Unescaped reserved characters make LinkedIn cut the post short without a word.
    commentary: escapeLinkedInCommentary(req.text),
    visibility: 'PUBLIC',
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    ...(body ? { content: body } : {}),
    lifecycleState: 'PUBLISHED',
    isReshareDisabledByAuthor: false,
  };
  const r = await request(ctx, `${apiRoot(ctx.account.baseUrl)}/rest/posts`, {
    method: 'POST',
    headers: restHeaders(ctx.credentials.accessToken, { 'Content-Type': 'application/json' }),
    body: JSON.stringify(post),
  });
  if (!r.ok) return networkOutcome(r.failure, PLATFORM_NAME);
  const answer = await readJson(r.res).catch(() => null);
  if (r.res.ok) {
    // 201 with an empty body: the post's URN is only in the x-restli-id header.
    const id = r.res.headers.get('x-restli-id');
    if (!id) return { kind: 'unknown', reason: 'LinkedIn accepted the post but did not say its id.', details: detailsOf(r.res.status, answer) };
    return { kind: 'published', platformPostId: id, url: postUrl(id), ...notice };
  }
  return outcomeOf(r.res, answer, ctx.clock.now(), 'create', 'creating the post');
}

async function comment(ctx: ClientContext, req: PublishRequest): Promise<Outcome> {
  const parent = req.replyTo!.platformPostId;
  if (req.media.length > 0) return { kind: 'failed', reason: 'Loomcast posts LinkedIn first comments as text only; remove the media from the comment.' };
  const r = await request(ctx, `${apiRoot(ctx.account.baseUrl)}/rest/socialActions/${enc(parent)}/comments`, {
    method: 'POST',
    headers: restHeaders(ctx.credentials.accessToken, { 'Content-Type': 'application/json' }),
    body: JSON.stringify({ actor: authorUrn(ctx), object: parent, message: { text: req.text } }),
  });
  if (!r.ok) return networkOutcome(r.failure, PLATFORM_NAME);
  const body = (await readJson(r.res).catch(() => null)) as { commentUrn?: string; $URN?: string } | null;
  if (r.res.ok) {
    const id = body?.commentUrn ?? body?.$URN ?? r.res.headers.get('x-restli-id');
    if (!id) return { kind: 'unknown', reason: 'LinkedIn accepted the comment but did not say its id.', details: detailsOf(r.res.status, body) };
    return { kind: 'published', platformPostId: id, url: commentUrl(req.replyTo!.rootPostId, id) };
  }
  return outcomeOf(r.res, body, ctx.clock.now(), 'create', 'adding the first comment');
}

/** GET a /rest resource for reconcile: a definite "cannot know" is cannot_tell, a passing failure throws. */
async function lookup(ctx: ClientContext, url: string, finder: boolean): Promise<{ ok: true; body: unknown } | { ok: false; result: ReconcileResult }> {
  const r = await request(ctx, url, { headers: restHeaders(ctx.credentials.accessToken, finder ? { 'X-RestLi-Method': 'FINDER' } : {}) });
  if (!r.ok) throw new PlatformError(`Could not reach LinkedIn to check: ${r.failure.message}`);
  const body = await readJson(r.res).catch(() => null);
  if (r.res.status === 403) {
    return {
      ok: false,
      result: {
        kind: 'cannot_tell',
        reason: `LinkedIn does not let this app read back your posts (${messageOf(body) ?? 'access denied'}; reading needs the r_member_social or r_organization_social permission), so Loomcast cannot check whether it went out.`,
      },
    };
  }
  if (!r.res.ok) throw new PlatformError(`LinkedIn did not answer the check (HTTP ${r.res.status}).`, detailsOf(r.res.status, body), r.res.status);
  return { ok: true, body };
}

/** Pages of a list read before the check gives up and asks the creator (200 posts or comments). */
const PAGE = 50;
const MAX_PAGES = 4;

/**
 * Reads a list page by page (`start`, `count`) until `pick` finds ours, the list ends, or `older`
 * says everything after this page predates the attempt.
 */
async function scan<T>(ctx: ClientContext, url: (start: number) => string, finder: boolean, pick: (item: T) => boolean, older: (item: T) => boolean): Promise<{ ok: true; hit: T | null } | { ok: false; result: ReconcileResult }> {
  for (let page = 0; page < MAX_PAGES; page++) {
    const got = await lookup(ctx, url(page * PAGE), finder);
    if (!got.ok) return got;
    const items = (got.body as { elements?: T[] } | null)?.elements ?? [];
    const hit = items.find(pick);
    if (hit) return { ok: true, hit };
    if (items.length < PAGE || items.some(older)) return { ok: true, hit: null };
  }
  return { ok: false, result: { kind: 'cannot_tell', reason: `More than ${PAGE * MAX_PAGES} posts or comments came after the attempt; Loomcast did not look through them all, so check LinkedIn for it.` } };
}

async function reconcile(ctx: ClientContext, req: PublishRequest): Promise<ReconcileResult> {
  // Threads are refused before anything is sent.
  if (req.replyTo?.kind === 'thread') return { kind: 'not_found' };
  if (!req.text.trim()) return { kind: 'cannot_tell', reason: 'The post has no text to recognise it by among your recent LinkedIn posts.' };
  const since = req.attemptStartedAt - RECONCILE_SKEW_MS;
  const author = authorUrn(ctx);
  const root = apiRoot(ctx.account.baseUrl);
  if (req.replyTo) {
    type C = { actor?: string; message?: { text?: string }; created?: { time?: number }; commentUrn?: string; $URN?: string };
    // A post's comments come in the order they were made: every page may hold ours.
    const got = await scan<C>(
      ctx,
      (start) => `${root}/rest/socialActions/${enc(req.replyTo!.platformPostId)}/comments?start=${start}&count=${PAGE}`,
      false,
      (c) => c.actor === author && c.message?.text === req.text && (c.created?.time ?? 0) >= since,
      () => false,
    );
    if (!got.ok) return got.result;
    const id = got.hit?.commentUrn ?? got.hit?.$URN;
    return id ? { kind: 'found', platformPostId: id, url: commentUrl(req.replyTo.rootPostId, id) } : { kind: 'not_found' };
  }
  type P = { id?: string; commentary?: string; createdAt?: number; publishedAt?: number; lastModifiedAt?: number };
  const sent = escapeLinkedInCommentary(req.text);
  // Newest change first: past a post last changed before the attempt, none is newer than it.
  const got = await scan<P>(
    ctx,
    (start) => `${root}/rest/posts?author=${enc(author)}&q=author&start=${start}&count=${PAGE}&sortBy=LAST_MODIFIED`,
    true,
    (p) => Boolean(p.id) && (p.commentary === sent || p.commentary === req.text) && (p.createdAt ?? p.publishedAt ?? 0) >= since,
    (p) => (p.lastModifiedAt ?? p.createdAt ?? p.publishedAt ?? 0) < since,
  );
  if (!got.ok) return got.result;
  return got.hit?.id ? { kind: 'found', platformPostId: got.hit.id, url: postUrl(got.hit.id) } : { kind: 'not_found' };
}

const RECONNECT = 'LinkedIn tokens last 60 days; reconnect to continue';

async function refresh(ctx: ClientContext): Promise<{ ok: true; credentials: Credentials } | { ok: false; reason: string }> {
  const c = ctx.credentials;
  const now = ctx.clock.now();
  // LinkedIn issues refresh tokens only to approved partner apps; everyone else reconnects.
  if (!c.refreshToken) return { ok: false, reason: RECONNECT };
  if (c.refreshExpiresAt !== undefined && c.refreshExpiresAt <= now) {
    return { ok: false, reason: 'LinkedIn sign-ins last at most a year, even when refreshed; reconnect LinkedIn to continue.' };
  }
  if (!c.clientId || !c.clientSecret) return { ok: false, reason: "Refreshing LinkedIn needs your app's client ID and secret; reconnect LinkedIn to continue." };
  const r = await request(ctx, `${oauthRoot(ctx.account.baseUrl)}/oauth/v2/accessToken`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: c.clientSecret }).toString(),
  });
  if (!r.ok) throw new PlatformError(`Could not reach LinkedIn to refresh the sign-in: ${r.failure.message}`);
  const body = await readJson(r.res).catch(() => null);
  const token = OAuthToken.safeParse(body);
  // A 200 without a usable token falls through to "could not refresh right now" below.
  if (r.res.ok && token.success) return { ok: true, credentials: credentialsFrom(now, token.data, c) };
  if (r.res.status === 429 || r.res.status >= 500 || r.res.ok) {
    throw new PlatformError(`LinkedIn could not refresh the sign-in right now (HTTP ${r.res.status}).`, detailsOf(r.res.status, body), r.res.status);
  }
  return { ok: false, reason: `LinkedIn no longer accepts the saved sign-in (${messageOf(body) ?? `HTTP ${r.res.status}`}); reconnect LinkedIn to continue.` };
}

export function createLinkedInClient(opts: LinkedInClientOptions = {}): PlatformClient {
  const polling: VideoPolling = { intervalMs: opts.videoPollMs ?? 3000, maxPolls: opts.videoMaxPolls ?? 100 };
  return {
    platform: 'linkedin',
    capabilities: { text: true, images: true, video: true, requiresMedia: false, maxImages: 20, threads: false, firstComment: true, reconcile: 'recent_posts' },
    defaultBaseUrl: LINKEDIN_API,
    publish: (ctx, req) => publish(ctx, req, polling),
    reconcile,
    metrics: linkedinMetrics,
    refresh,
  };
}
