/**
 * The Threads fake's writes: containers (`POST /{user}/threads`) and `threads_publish`. Each
 * calls its step's fault first and answers it with Threads' own status codes and error bodies.
 * Threads documents no usage headers, so a throttled answer carries none.
 */
import { threadsLength } from '../../../shared/text-rules/counting';
import { extractUrls } from '../../../shared/text-rules/entities';
import type { FakeRequest, IssuedToken, Reply } from '../common/fake-server';
import { checkAuth, faultReply, fetchMedia, graphError, isReply, nextId, notFound, paramsOf, shortcode } from '../instagram/meta-fake';
import type { ThContainer, ThreadsFake, ThreadsStep } from './index';

const DAY_MS = 86_400_000;

/** Version, token, scope and account checks shared by every API route. */
export function guard(f: ThreadsFake, req: FakeRequest, scope: string | null): IssuedToken | Reply {
  if (req.params.version !== 'v1.0') return graphError(400, 2500, `Unknown path components: /${req.params.version ?? ''}`);
  const t = checkAuth(f, req);
  if (isReply(t)) return t;
  if (scope && !t.scope.split(',').includes(scope)) return graphError(400, 10, '(#10) Application does not have permission for this action');
  const user = req.params.user;
  if (user !== undefined && user !== 'me' && user !== f.user.id) return notFound(user);
  return t;
}

/** A container's status, advancing it by one poll when `poll` is set. Text containers are ready at once. */
export async function containerStatus(f: ThreadsFake, c: ThContainer, poll: boolean): Promise<ThContainer['status']> {
  if (c.status === 'PUBLISHED' || c.status === 'ERROR' || c.status === 'EXPIRED') return c.status;
  if (f.now() - c.createdAt > DAY_MS) return (c.status = 'EXPIRED');
  if (c.kind === 'TEXT') return (c.status = 'FINISHED');
  if (c.check) {
    const r = await c.check;
    if (!r.ok) {
      // Threads names what went wrong with a code; only video download failures have their own.
      c.errorMessage = c.kind === 'VIDEO' ? (r.status.includes('download') ? 'FAILED_DOWNLOADING_VIDEO' : 'FAILED_PROCESSING_VIDEO') : 'UNKNOWN';
      return (c.status = 'ERROR');
    }
  }
  let childrenReady = true;
  for (const id of c.children) {
    const child = f.containers.get(id);
    const s = child ? await containerStatus(f, child, false) : 'ERROR';
    if (s === 'ERROR' || s === 'EXPIRED') {
      c.errorMessage = 'UNKNOWN';
      return (c.status = 'ERROR');
    }
    if (s !== 'FINISHED') childrenReady = false;
  }
  const ready = childrenReady && c.polls >= f.pollsBeforeFinished;
  if (poll) c.polls++;
  if (ready) c.status = 'FINISHED';
  return c.status;
}

function take(f: ThreadsFake, step: ThreadsStep) {
  const fault = f.steps.take(step);
  return { early: fault ? faultReply(fault, () => undefined) : null, hang: fault?.kind === 'timeout_after_accept' };
}

async function createContainer(f: ThreadsFake, req: FakeRequest): Promise<Reply> {
  const { early, hang } = take(f, 'container');
  if (early) return early;
  const t = guard(f, req, 'threads_content_publish');
  if (isReply(t)) return t;
  const p = paramsOf(req);
  const kind = (p.media_type ?? '') as ThContainer['kind'];
  const isCarouselItem = p.is_carousel_item === 'true';
  const text = p.text ?? null;
  if (text !== null && threadsLength(text) > 500) return graphError(400, 100, 'Param text must be at most 500 characters long.');
  // Since December 2025 (the docs name only the error code): more than 5 different URLs in the text fail here.
  if (text !== null && new Set(extractUrls(text)).size > 5) return graphError(400, 100, 'THREADS_API__LINK_LIMIT_EXCEEDED: a post can contain at most 5 links.');
  if (p.reply_to_id && !f.media.has(p.reply_to_id)) return graphError(400, 100, `(#100) Param reply_to_id must be a valid Threads media id.`);
  let url: string | null = null;
  let children: string[] = [];
  if (kind === 'TEXT') {
    if (!text) return graphError(400, 100, '(#100) The parameter text is required.');
  } else if (kind === 'IMAGE') {
    if (!p.image_url) return graphError(400, 100, '(#100) The parameter image_url is required.');
    url = p.image_url;
  } else if (kind === 'VIDEO') {
    if (!p.video_url) return graphError(400, 100, '(#100) The parameter video_url is required.');
    url = p.video_url;
  } else if (kind === 'CAROUSEL') {
    children = (p.children ?? '').split(',').filter(Boolean);
    if (children.length < 2 || children.length > 20) return graphError(400, 100, 'A carousel takes 2 to 20 children.');
    if (children.some((id) => !f.containers.get(id)?.isCarouselItem)) return graphError(400, 100, '(#100) Param children must be carousel item containers.');
  } else {
    return graphError(400, 100, '(#100) Param media_type must be one of {TEXT, IMAGE, VIDEO, CAROUSEL}');
  }
  const c: ThContainer = {
    id: nextId(),
    kind,
    text: isCarouselItem ? null : text,
    altText: p.alt_text ?? null,
    url,
    isCarouselItem,
    children,
    replyTo: p.reply_to_id ?? null,
    createdAt: f.now(),
    polls: 0,
    check: url ? fetchMedia(url, kind === 'VIDEO' ? 'video' : 'jpeg_or_png') : null,
    status: 'IN_PROGRESS',
    errorMessage: null,
  };
  f.containers.set(c.id, c);
  if (hang) return 'hang';
  return { status: 200, body: { id: c.id } };
}

async function publish(f: ThreadsFake, req: FakeRequest): Promise<Reply> {
  const { early, hang } = take(f, 'publish');
  if (early) return early;
  const t = guard(f, req, 'threads_content_publish');
  if (isReply(t)) return t;
  const c = f.containers.get(paramsOf(req).creation_id ?? '');
  if (!c) return graphError(400, 100, '(#100) Param creation_id must be a valid media container id.');
  if (c.isCarouselItem) return graphError(400, 100, 'A carousel item cannot be published on its own.');
  // ⚠️ The exact error for re-publishing a container is undocumented.
  if (c.status === 'PUBLISHED') return graphError(400, 100, 'This media container was already published.');
  const status = await containerStatus(f, c, false);
  if (status === 'EXPIRED') return graphError(400, 100, 'The media container has expired.', { subcode: 4279009 });
  if (status === 'ERROR') return graphError(400, 100, `The media container could not be processed: ${c.errorMessage ?? 'UNKNOWN'}.`);
  if (status !== 'FINISHED') return graphError(400, 9007, 'Media ID is not available', { userMsg: 'The media is not ready for publishing, please wait for a moment' });
  // ⚠️ Threads documents the 250-post cap but not its error; answered here as a plain throttle.
  if (!c.replyTo && f.quotaUsage() >= f.quotaTotal) return graphError(400, 4, 'Application request limit reached', { transient: false });
  const code = shortcode();
  const id = nextId();
  f.media.set(id, {
    id,
    text: c.text,
    createdAt: f.now(),
    shortcode: code,
    permalink: `https://www.threads.net/@${f.user.username}/post/${code}`,
    mediaType: c.kind === 'TEXT' ? 'TEXT_POST' : c.kind === 'CAROUSEL' ? 'CAROUSEL_ALBUM' : c.kind,
    replyTo: c.replyTo,
    children: c.children,
    altText: c.altText,
  });
  c.status = 'PUBLISHED';
  f.accept({ id, accountKey: f.user.id, text: c.text ?? '', data: { kind: c.kind, replyTo: c.replyTo, children: c.children.length, altText: c.altText } });
  if (hang) return 'hang';
  return { status: 200, body: { id } };
}

export function registerThreadsWrites(f: ThreadsFake): void {
  f.route('POST', '/{version}/{user}/threads', (req) => createContainer(f, req));
  f.route('POST', '/{version}/{user}/threads_publish', (req) => publish(f, req));
}
