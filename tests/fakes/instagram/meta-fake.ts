/**
 * What the Instagram and Threads fakes share as Meta Graph servers: the error envelope, Graph
 * timestamps and field selection, paged lists, token checks answering code 190, faults aimed at
 * one step of the two-step publishing flow, and fetching a media URL the way Meta does.
 */
import { randomBytes } from 'node:crypto';
import type { Fault, FakeRequest, FakeServer, IssuedToken, Reply } from '../common/fake-server';

export const fbtrace = (): string => randomBytes(8).toString('base64url');

export function graphError(
  status: number,
  code: number,
  message: string,
  extra: { subcode?: number; transient?: boolean; userTitle?: string; userMsg?: string; type?: string } = {},
  headers?: Record<string, string>,
): Reply {
  const error: Record<string, unknown> = { message, type: extra.type ?? 'OAuthException', code };
  if (extra.subcode !== undefined) error.error_subcode = extra.subcode;
  if (extra.transient !== undefined) error.is_transient = extra.transient;
  if (extra.userTitle) error.error_user_title = extra.userTitle;
  if (extra.userMsg) error.error_user_msg = extra.userMsg;
  error.fbtrace_id = fbtrace();
  return { status, body: { error }, ...(headers ? { headers } : {}) };
}

export const notFound = (id: string): Reply =>
  graphError(400, 100, `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, { subcode: 33, type: 'GraphMethodException' });

/** `2026-11-23T09:00:00+0000`, as Graph writes times. */
export function graphTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** Graph takes parameters in the query string or the body (JSON or form), interchangeably. */
export function paramsOf(req: FakeRequest): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(req.query);
  for (const [k, v] of Object.entries(req.body ?? {})) out[k] = typeof v === 'string' ? v : Array.isArray(v) ? v.join(',') : String(v);
  delete out.access_token;
  return out;
}

/** Graph answers only the fields asked for, plus `id`. */
export function pick(obj: Record<string, unknown>, fields: string | null, fallback: string[]): Record<string, unknown> {
  const wanted = fields ? fields.split(',').map((f) => f.trim()) : fallback;
  const out: Record<string, unknown> = {};
  for (const f of wanted) if (obj[f] !== undefined) out[f] = obj[f];
  if (obj.id !== undefined) out.id = obj.id;
  return out;
}

/** A time-ordered list (newest first) with `since`/`until` (unix seconds), `limit` and an `after` cursor. */
export function listPage(req: FakeRequest, base: string, items: { createdAt: number; row: Record<string, unknown> }[], fallback: string[]) {
  const since = req.query.get('since');
  const until = req.query.get('until');
  const limit = Math.min(Number(req.query.get('limit') ?? 25) || 25, 100);
  const offset = Number(Buffer.from(req.query.get('after') ?? '', 'base64url').toString() || 0);
  const all = items
    .filter((i) => (since ? i.createdAt >= Number(since) * 1000 : true) && (until ? i.createdAt <= Number(until) * 1000 : true))
    .sort((a, b) => b.createdAt - a.createdAt);
  const slice = all.slice(offset, offset + limit);
  const data = slice.map((i) => pick(i.row, req.query.get('fields'), fallback));
  const paging: Record<string, unknown> = {
    cursors: { before: Buffer.from(String(offset)).toString('base64url'), after: Buffer.from(String(offset + slice.length)).toString('base64url') },
  };
  if (offset + slice.length < all.length) {
    const next = new URL(req.path, base);
    req.query.forEach((v, k) => next.searchParams.set(k, v));
    next.searchParams.set('after', (paging.cursors as { after: string }).after);
    paging.next = next.toString();
  }
  return { data, paging };
}

/** Meta's answers for a missing, unknown or expired token; the token when it is good. */
export function checkAuth(server: FakeServer, req: FakeRequest): IssuedToken | Reply {
  const t = server.checkToken(req.token);
  if (t === 'missing') return graphError(400, 2500, 'An active access token must be used to query information about the current user.');
  if (t === 'invalid') return graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token');
  if (t === 'expired') {
    const at = new Date(server.now()).toUTCString();
    return graphError(400, 190, `Error validating access token: Session has expired on ${at}. The current time is ${at}.`, { subcode: 463 });
  }
  return t;
}

export const isReply = (x: IssuedToken | Reply): x is Reply => x === 'hang' || x === 'reset' || 'status' in x;

/**
 * Faults aimed at one step (`container`, `publish`, `comment`…): the kit's queue applies to
 * whichever write comes next, but these flows make several writes per post.
 */
export class StepFaults<Step extends string> {
  private queues = new Map<Step, Fault[]>();
  constructor(private server: FakeServer) {}

  at(step: Step, ...faults: Fault[]): void {
    this.queues.set(step, [...(this.queues.get(step) ?? []), ...faults]);
  }

  /** For reads: only a fault aimed at this step (the kit's queue is for writes). */
  aimed(step: Step): Fault | undefined {
    return this.queues.get(step)?.shift();
  }

  /** Called first by every write route: a fault aimed at this step, else the kit's next one. */
  take(step: Step): Fault | undefined {
    const aimed = this.queues.get(step)?.shift();
    if (!aimed) return this.server.takeFault();
    if (aimed.kind === 'expired_token') {
      // The kit's meaning: every current access token is now expired.
      for (const t of this.server.tokens.values()) t.expiresAt = Math.min(t.expiresAt, this.server.now() - 1);
      return undefined;
    }
    return aimed;
  }
}

/**
 * How a Graph write route answers a fault taken before it did anything. `timeout_after_accept`
 * is left to the route: it must create first, then hang.
 */
export function faultReply(f: Fault, rateLimitHeaders: (resetInSeconds: number) => Record<string, string> | undefined): Reply | null {
  switch (f.kind) {
    case 'rate_limit':
      return graphError(400, 4, 'Application request limit reached', { transient: true }, rateLimitHeaders(f.resetInSeconds));
    case 'server_error':
      return graphError(f.status ?? 500, 2, 'An unexpected error has occurred. Please retry your request later.', { transient: true });
    case 'reset_before_send':
      return 'reset';
    default:
      return null;
  }
}

export type MediaCheck = { ok: true } | { ok: false; status: string };

const isJpeg = (b: Buffer) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
const isPng = (b: Buffer) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
const isMp4 = (b: Buffer) => b.length > 12 && b.subarray(4, 8).toString('latin1') === 'ftyp';

/** Downloads the media like Meta's servers do, and checks it is what the container claims. */
export async function fetchMedia(url: string, accept: 'jpeg' | 'jpeg_or_png' | 'video'): Promise<MediaCheck> {
  let bytes: Buffer;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    if (!res.ok) return { ok: false, status: `Error: Media download has failed. The media URI doesn't meet our requirements (HTTP ${res.status}).` };
    bytes = Buffer.from(await res.arrayBuffer());
  } catch {
    return { ok: false, status: 'Error: Media download has failed. The media URI could not be fetched.' };
  }
  if (accept === 'video') return isMp4(bytes) ? { ok: true } : { ok: false, status: 'Error: Unsupported video format. Use MP4 or MOV.' };
  if (isJpeg(bytes) || (accept === 'jpeg_or_png' && isPng(bytes))) return { ok: true };
  return { ok: false, status: accept === 'jpeg' ? 'Error: Unsupported image format. Only JPEG images are supported.' : 'Error: Unsupported image format.' };
}

let seq = 17_900_000_000_000_000n;
/** Graph-looking numeric ids. */
export const nextId = (): string => String(++seq);
export const shortcode = (): string => randomBytes(8).toString('base64url').slice(0, 11);
