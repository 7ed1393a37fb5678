/**
 * A Page's writes and reads on the fake: /feed (text, attached_media), /photos (multipart
 * `source` or `url`, published or not, alt_text_custom), /posts, and comments on a post.
 */
import { randomBytes } from 'node:crypto';
import type { FakeRequest, IssuedToken, Reply } from '../common/fake-server';
import { bucHeader, faultReply, graphError, graphTime, guard, hasScope, isReply, pageOf, V, type FacebookFakeCore } from './state';

type Fields = Record<string, string | File>;

/** Form fields from a urlencoded or multipart body. */
async function fieldsOf(req: FakeRequest): Promise<Fields> {
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('multipart/form-data')) {
    const fd = await new Response(new Uint8Array(req.raw), { headers: { 'content-type': type } }).formData();
    const out: Fields = {};
    for (const [k, v] of fd.entries()) out[k] = v;
    return out;
  }
  const out: Fields = {};
  for (const [k, v] of Object.entries(req.body ?? {})) out[k] = String(v);
  for (const [k, v] of req.query.entries()) out[k] ??= v;
  return out;
}

const PAGE_PERMS = '(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission';

/** A write as the Page: its token, the Page's permissions, then any armed fault. */
function pageWrite(fake: FacebookFakeCore, req: FakeRequest, pageId: string): { t: IssuedToken; fault: ReturnType<typeof faultReply> } | Reply {
  // Faults first: an armed expired_token must expire the token this call presents.
  const fault = faultReply(fake, pageId);
  const t = guard(fake, req);
  if (isReply(t)) return t;
  if (pageOf(t) !== pageId || !hasScope(t, 'pages_manage_posts') || !hasScope(t, 'pages_read_engagement')) return graphError(200, PAGE_PERMS, {}, 403);
  if (fault && fault !== 'timeout_after_accept') return fault;
  return { t, fault };
}

const ok = (fake: FacebookFakeCore, pageId: string, body: unknown): Reply => ({ status: 200, body, headers: bucHeader(pageId, 3 + fake.state.seq, 0) });

async function feed(fake: FacebookFakeCore, req: FakeRequest): Promise<Reply> {
  const pageId = req.params.page!;
  const w = pageWrite(fake, req, pageId);
  if (isReply(w)) return w;
  const f = await fieldsOf(req);
  const message = typeof f.message === 'string' ? f.message : '';
  const attached: string[] = [];
  for (let i = 0; f[`attached_media[${i}]`] !== undefined; i++) {
    const id = (JSON.parse(String(f[`attached_media[${i}]`])) as { media_fbid?: string }).media_fbid ?? '';
    const photo = fake.state.photos.get(id);
    if (!photo || photo.pageId !== pageId || photo.published) return graphError(100, `(#100) param attached_media[${i}] has invalid media_fbid ${id}`);
    attached.push(id);
  }
  if (!message && attached.length === 0) return graphError(100, '(#100) Missing message or attachment');
  if (fake.state.rejectDuplicates && message && fake.posts.some((p) => p.accountKey === pageId && p.text === message)) {
    return graphError(506, '(#506) Duplicate status message');
  }
  const id = `${pageId}_${122_100_000_000_000 + ++fake.state.seq}`;
  fake.accept({ id, accountKey: pageId, text: message, data: { message, photos: attached, link: f.link } });
  for (const p of attached) fake.state.photos.get(p)!.postId = id;
  if (w.fault === 'timeout_after_accept') return 'hang';
  return ok(fake, pageId, { id });
}

async function photos(fake: FacebookFakeCore, req: FakeRequest): Promise<Reply> {
  const pageId = req.params.page!;
  const w = pageWrite(fake, req, pageId);
  if (isReply(w)) return w;
  const f = await fieldsOf(req);
  let bytes: Buffer;
  let mime: string;
  if (f.source instanceof File) {
    bytes = Buffer.from(await f.source.arrayBuffer());
    mime = f.source.type;
  } else if (typeof f.url === 'string') {
    const got = await fetch(f.url).catch(() => null);
    if (!got?.ok) return graphError(324, '(#324) Missing or invalid image file');
    bytes = Buffer.from(await got.arrayBuffer());
    mime = got.headers.get('content-type') ?? '';
  } else return graphError(324, '(#324) Requires upload file');
  if (bytes.length === 0 || !mime.startsWith('image/')) return graphError(324, '(#324) Missing or invalid image file');
  const published = f.published !== 'false';
  const photoId = String(122_200_000_000_000 + ++fake.state.seq);
  const message = typeof f.message === 'string' ? f.message : '';
  const altText = typeof f.alt_text_custom === 'string' ? f.alt_text_custom : null;
  let postId: string | null = null;
  if (published) {
    postId = `${pageId}_${122_100_000_000_000 + ++fake.state.seq}`;
    fake.accept({ id: postId, accountKey: pageId, text: message, data: { message, photos: [photoId] } });
  }
  fake.state.photos.set(photoId, { id: photoId, pageId, bytes, mime, altText, published, postId });
  if (w.fault === 'timeout_after_accept') return 'hang';
  return ok(fake, pageId, postId ? { id: photoId, post_id: postId } : { id: photoId });
}

/**
 * A page of a Graph list, newest first: `limit` items from the `after` cursor, with
 * `paging.next` only while more remain (Graph's cursor paging).
 */
function paged<T>(fake: FacebookFakeCore, req: FakeRequest, all: T[]): { data: T[]; paging: Record<string, unknown> } {
  const limit = Math.min(Number(req.query.get('limit') ?? 25), 100);
  const after = req.query.get('after');
  const start = after ? Number(Buffer.from(after, 'base64url').toString('utf8')) : 0;
  const data = all.slice(start, start + limit);
  const cursor = (n: number) => Buffer.from(String(n), 'utf8').toString('base64url');
  const end = start + data.length;
  const next = new URL(`${fake.url}${req.path}`);
  for (const [k, v] of req.query) if (k !== 'after') next.searchParams.set(k, v);
  next.searchParams.set('after', cursor(end));
  return { data, paging: { cursors: { before: cursor(start), after: cursor(end) }, ...(end < all.length ? { next: next.toString() } : {}) } };
}

function listPosts(fake: FacebookFakeCore, req: FakeRequest): Reply {
  const pageId = req.params.page!;
  const t = guard(fake, req);
  if (isReply(t)) return t;
  if (pageOf(t) !== pageId || !hasScope(t, 'pages_read_engagement')) return graphError(10, '(#10) This endpoint requires the pages_read_engagement permission or the Page Public Content Access feature.', {}, 403);
  const since = Number(req.query.get('since') ?? 0) * 1000;
  const all = fake.posts
    .filter((p) => p.accountKey === pageId && p.createdAt >= since)
    .reverse()
    .map((p) => ({ id: p.id, ...(p.text ? { message: p.text } : {}), created_time: graphTime(p.createdAt) }));
  return { status: 200, body: paged(fake, req, all) };
}

const postOf = (fake: FacebookFakeCore, id: string) => fake.posts.find((p) => p.id === id && !p.accountKey.startsWith('comment:'));
const missing = (id: string) =>
  graphError(100, `Unsupported post request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, { error_subcode: 33 });

async function addComment(fake: FacebookFakeCore, req: FakeRequest): Promise<Reply> {
  const parent = req.params.object!;
  const post = postOf(fake, parent);
  const fault = faultReply(fake, post?.accountKey ?? '');
  const t = guard(fake, req);
  if (isReply(t)) return t;
  if (!post) return missing(parent);
  if (pageOf(t) !== post.accountKey || !hasScope(t, 'pages_manage_engagement')) return graphError(200, '(#200) Requires pages_manage_engagement permission to manage the object', {}, 403);
  if (fault && fault !== 'timeout_after_accept') return fault;
  const f = await fieldsOf(req);
  const message = typeof f.message === 'string' ? f.message : '';
  if (!message) return graphError(100, '(#100) Missing message or attachment');
  const id = `${parent.split('_')[1]}_${randomBytes(6).readUIntBE(0, 6)}`;
  const page = fake.state.users.flatMap((u) => u.pages).find((p) => p.id === post.accountKey)!;
  const list = fake.state.comments.get(parent) ?? [];
  list.push({ id, from: { id: page.id, name: page.name }, message, time: fake.now() });
  fake.state.comments.set(parent, list);
  fake.accept({ id, accountKey: `comment:${parent}:${page.id}`, text: message, data: {} });
  if (fault === 'timeout_after_accept') return 'hang';
  return ok(fake, page.id, { id });
}

function listComments(fake: FacebookFakeCore, req: FakeRequest): Reply {
  const parent = req.params.object!;
  const t = guard(fake, req);
  if (isReply(t)) return t;
  const post = postOf(fake, parent);
  if (!post || pageOf(t) !== post.accountKey) return missing(parent);
  const all = (fake.state.comments.get(parent) ?? []).map((c) => ({ id: c.id, message: c.message, created_time: graphTime(c.time), from: c.from }));
  const data = req.query.get('order') === 'reverse_chronological' ? all.reverse() : all;
  return { status: 200, body: paged(fake, req, data) };
}

export function registerPageRoutes(fake: FacebookFakeCore): void {
  fake.route('POST', `${V}/{page}/feed`, (req) => feed(fake, req));
  fake.route('POST', `${V}/{page}/photos`, (req) => photos(fake, req));
  fake.route('GET', `${V}/{page}/posts`, (req) => listPosts(fake, req));
  fake.route('POST', `${V}/{object}/comments`, (req) => addComment(fake, req));
  fake.route('GET', `${V}/{object}/comments`, (req) => listComments(fake, req));
}
