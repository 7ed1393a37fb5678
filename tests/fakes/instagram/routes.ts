/**
 * The Instagram fake's writes: containers, `media_publish`, comments. Each calls its step's
 * fault first and answers it with Instagram's own status codes, headers and error bodies.
 */
import type { FakeRequest, IssuedToken, Reply } from '../common/fake-server';
import type { IgContainer, InstagramFake, InstagramStep } from './index';
import { checkAuth, faultReply, fetchMedia, graphError, isReply, nextId, notFound, paramsOf, shortcode } from './meta-fake';

const DAY_MS = 86_400_000;

/** Instagram's usage header: `estimated_time_to_regain_access` is in minutes. */
export function bucHeader(f: InstagramFake, resetInSeconds: number): Record<string, string> {
  const usage = { type: 'instagram', call_count: 100, total_cputime: 12, total_time: 31, estimated_time_to_regain_access: Math.ceil(resetInSeconds / 60) };
  return { 'x-business-use-case-usage': JSON.stringify({ [f.user.id]: [usage] }) };
}

/** Version, token, scope and account checks shared by every API route. */
export function guard(f: InstagramFake, req: FakeRequest, scope: string | null): IssuedToken | Reply {
  if (!/^v\d+\.\d+$/.test(req.params.version ?? '')) return graphError(400, 2500, 'Unknown path components: /' + (req.params.version ?? ''));
  const t = checkAuth(f, req);
  if (isReply(t)) return t;
  if (scope && !t.scope.split(',').includes(scope)) return graphError(400, 10, '(#10) Application does not have permission for this action');
  const user = req.params.user;
  if (user !== undefined && user !== 'me' && user !== f.user.id) return notFound(user);
  return t;
}

/** A container's status, advancing it by one poll when `poll` is set. */
export async function containerStatus(f: InstagramFake, c: IgContainer, poll: boolean): Promise<IgContainer['status']> {
  if (c.status === 'PUBLISHED' || c.status === 'ERROR' || c.status === 'EXPIRED') return c.status;
  if (f.now() - c.createdAt > DAY_MS) return (c.status = 'EXPIRED');
  if (c.check) {
    const r = await c.check;
    if (!r.ok) {
      c.statusText = r.status;
      return (c.status = 'ERROR');
    }
  }
  let childrenReady = true;
  for (const id of c.children) {
    const child = f.containers.get(id);
    const s = child ? await containerStatus(f, child, false) : 'ERROR';
    if (s === 'ERROR' || s === 'EXPIRED') {
      c.statusText = 'Error: One of the carousel items could not be processed.';
      return (c.status = 'ERROR');
    }
    if (s !== 'FINISHED') childrenReady = false;
  }
  // Media is processed on Meta's clock from the moment the container exists, whether or not anyone polls.
  const processed = c.url === null || f.now() - c.createdAt >= f.processingMs;
  const ready = childrenReady && processed && c.polls >= f.pollsBeforeFinished;
  if (poll) c.polls++;
  if (ready) c.status = 'FINISHED';
  return c.status;
}

function take(f: InstagramFake, step: InstagramStep) {
  const fault = f.steps.take(step);
  const early = fault ? faultReply(fault, (s) => bucHeader(f, s)) : null;
  return { early, hang: fault?.kind === 'timeout_after_accept' };
}

async function createContainer(f: InstagramFake, req: FakeRequest): Promise<Reply> {
  const { early, hang } = take(f, 'container');
  if (early) return early;
  const t = guard(f, req, 'instagram_business_content_publish');
  if (isReply(t)) return t;
  const p = paramsOf(req);
  const isCarouselItem = p.is_carousel_item === 'true';
  const kind = (p.media_type ?? 'IMAGE') as IgContainer['kind'];
  const caption = isCarouselItem ? null : (p.caption ?? null);
  if (caption && caption.length > 2200) return graphError(400, 100, 'The caption is too long: at most 2200 characters.', { subcode: 2207010 });
  if (caption && (caption.match(/#[\p{L}\p{N}_]+/gu) ?? []).length > 30) return graphError(400, 100, 'The caption has more than 30 hashtags.', { subcode: 2207010 });
  let url: string | null = null;
  let children: string[] = [];
  if (kind === 'IMAGE') {
    if (!p.image_url) return graphError(400, 100, '(#100) The parameter image_url is required.');
    url = p.image_url;
  } else if (kind === 'REELS' || (kind === 'VIDEO' && isCarouselItem)) {
    if (!p.video_url) return graphError(400, 100, '(#100) The parameter video_url is required.');
    url = p.video_url;
  } else if (kind === 'VIDEO') {
    return graphError(400, 100, 'The VIDEO media type is no longer supported for feed posts. Use REELS.', { subcode: 2207023 });
  } else if (kind === 'CAROUSEL') {
    children = (p.children ?? '').split(',').filter(Boolean);
    if (children.length < 2 || children.length > 10) return graphError(400, 100, 'A carousel takes 2 to 10 children.', { subcode: 2207035 });
    for (const id of children) {
      const child = f.containers.get(id);
      if (!child?.isCarouselItem) return graphError(400, 100, `(#100) Param children[${children.indexOf(id)}] must be a carousel item container.`);
    }
  } else {
    return graphError(400, 100, `(#100) The media type ${kind} is not supported.`, { subcode: 2207024 });
  }
  const c: IgContainer = {
    id: nextId(),
    kind,
    caption,
    altText: p.alt_text ?? null,
    url,
    isCarouselItem,
    children,
    createdAt: f.now(),
    polls: 0,
    // Meta fetches the file on its own schedule; the status poll reports what it found.
    check: url ? fetchMedia(url, kind === 'IMAGE' ? 'jpeg' : 'video') : null,
    status: 'IN_PROGRESS',
    statusText: null,
  };
  f.containers.set(c.id, c);
  if (hang) return 'hang';
  return { status: 200, body: { id: c.id } };
}

async function publish(f: InstagramFake, req: FakeRequest): Promise<Reply> {
  const { early, hang } = take(f, 'publish');
  if (early) return early;
  const t = guard(f, req, 'instagram_business_content_publish');
  if (isReply(t)) return t;
  const p = paramsOf(req);
  const c = p.creation_id ? f.containers.get(p.creation_id) : undefined;
  if (!c) return graphError(400, 100, '(#100) Param creation_id must be a valid media container id.', { subcode: 2207008 });
  if (c.isCarouselItem) return graphError(400, 100, 'A carousel item cannot be published on its own.', { subcode: 2207008 });
  // ⚠️ The exact error for re-publishing a container is undocumented.
  if (c.status === 'PUBLISHED') return graphError(400, 100, 'This media container was already published.', { subcode: 2207008 });
  const status = await containerStatus(f, c, false);
  if (status === 'EXPIRED') return graphError(400, -2, 'The media you are trying to access has expired. Please try to upload again.', { subcode: 2207020 });
  if (status === 'ERROR') return graphError(400, 9007, 'Media ID is not available', { subcode: 2207027, userMsg: c.statusText ?? 'The media could not be processed.' });
  if (status !== 'FINISHED') return graphError(400, 9007, 'Media ID is not available', { subcode: 2207027, userMsg: 'The media is not ready for publishing, please wait for a moment' });
  if (f.quotaUsage() >= f.quotaTotal) {
    return graphError(400, 9, 'Application request limit reached', {
      subcode: 2207042,
      transient: false,
      userTitle: 'Limit reached',
      userMsg: 'You reached maximum number of posts that is allowed to be published by Content Publishing API.',
    });
  }
  const code = shortcode();
  const id = nextId();
  f.media.set(id, {
    id,
    caption: c.caption,
    createdAt: f.now(),
    shortcode: code,
    permalink: c.kind === 'REELS' ? `https://www.instagram.com/reel/${code}/` : `https://www.instagram.com/p/${code}/`,
    mediaType: c.kind === 'CAROUSEL' ? 'CAROUSEL_ALBUM' : c.kind === 'IMAGE' ? 'IMAGE' : 'VIDEO',
    productType: c.kind === 'REELS' ? 'REELS' : 'FEED',
    children: c.children,
    altText: c.altText,
  });
  c.status = 'PUBLISHED';
  f.accept({ id, accountKey: f.user.id, text: c.caption ?? '', data: { kind: c.kind, children: c.children.length, altText: c.altText } });
  if (hang) return 'hang';
  return { status: 200, body: { id } };
}

async function comment(f: InstagramFake, req: FakeRequest): Promise<Reply> {
  const { early, hang } = take(f, 'comment');
  if (early) return early;
  const t = guard(f, req, 'instagram_business_manage_comments');
  if (isReply(t)) return t;
  const mediaId = req.params.media!;
  if (!f.media.has(mediaId)) return notFound(mediaId);
  const message = paramsOf(req).message;
  if (!message) return graphError(400, 100, '(#100) The parameter message is required.');
  const id = nextId();
  f.comments.set(id, { id, mediaId, text: message, createdAt: f.now() });
  f.accept({ id, accountKey: `${f.user.id}:comments:${mediaId}`, text: message, data: { mediaId } });
  if (hang) return 'hang';
  return { status: 200, body: { id } };
}

export function registerInstagramRoutes(f: InstagramFake): void {
  f.route('POST', '/{version}/{user}/media', (req) => createContainer(f, req));
  f.route('POST', '/{version}/{user}/media_publish', (req) => publish(f, req));
  f.route('POST', '/{version}/{media}/comments', (req) => comment(f, req));
}
