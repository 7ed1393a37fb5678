/**
 * YouTube Data API v3 over ctx.http.
 *
 * Why not @googleapis/youtube: its googleapis-common (v8) uploads media only as
 * `uploadType=multipart` or `media` in one request — it has no resumable session, so it cannot
 * resume an interrupted upload from the server's `Range`, nor tell the creating (last) chunk
 * from the others; and it retries on its own by default, which could send a write twice. gaxios
 * does accept `fetchImplementation`, so routing through ctx.http would be possible, but the
 * upload control this client needs is not. Plain fetch it is.
 */
import type { ClientContext } from '../types';
export { pause } from '../common/pause';

export const YOUTUBE_NAME = 'YouTube';
export const YOUTUBE_API = 'https://www.googleapis.com';
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const GOOGLE_AUTHORIZE_URL = 'https://accounts.google.com/o/oauth2/v2/auth';

/** Google's own hosts for the real API root; a test server serves everything under its root. */
export function endpoints(baseUrl: string) {
  const root = (baseUrl || YOUTUBE_API).replace(/\/$/, '');
  const real = root === YOUTUBE_API;
  return {
    api: `${root}/youtube/v3`,
    upload: `${root}/upload/youtube/v3/videos`,
    token: real ? GOOGLE_TOKEN_URL : `${root}/token`,
    authorize: real ? GOOGLE_AUTHORIZE_URL : `${root}/o/oauth2/v2/auth`,
  };
}

export interface GoogleError {
  status: number;
  reason: string;
  message: string;
}

/** `{error:{code,message,errors:[{reason}],status}}` → its first reason. */
export function googleError(status: number, body: unknown): GoogleError {
  const e = (body as { error?: { message?: string; status?: string; errors?: { reason?: string; message?: string }[] } } | null)?.error;
  if (e && typeof e === 'object') {
    return { status, reason: e.errors?.[0]?.reason ?? e.status ?? `http_${status}`, message: e.message ?? e.errors?.[0]?.message ?? '' };
  }
  return { status, reason: `http_${status}`, message: typeof body === 'string' ? body.slice(0, 200) : '' };
}

export const bearer = (ctx: ClientContext) => ({ authorization: `Bearer ${ctx.credentials.accessToken}` });


export const watchUrl = (id: string) => `https://www.youtube.com/watch?v=${encodeURIComponent(id)}`;

/** YouTube requires a title; without one, the first line of the text stands in. */
export function videoTitle(req: { title?: string; text: string }): string {
  const t = req.title?.trim();
  if (t) return t;
  const first = req.text.trim().split('\n')[0] ?? '';
  return [...first].slice(0, 100).join('').trim();
}
