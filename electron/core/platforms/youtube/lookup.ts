/**
 * Reading back from YouTube: reconcile (was the video created?). It never posts.
 *
 * Reconcile first asks the upload session the attempt remembered (`attemptMarker`, see
 * marker.ts): `bytes *\/total` → 200/201 with the video means created; 308 means the last bytes
 * never arrived, so no video. Without a marker, or once the session has expired, it reads the
 * channel's uploads playlist — which, unlike search, lists private videos and costs 1 unit — for
 * the title, added since the attempt began. After an expired session, only a match counts: a
 * video missing from the list may still be processing, so that is `cannot_tell`, never
 * `not_found` (which would let a second upload start).
 *
 * A failure that may pass (network, 5xx, 429, an expired token, a rate limit) throws a
 * PlatformError, so the scheduler looks again later; `cannot_tell` is kept for what YouTube truly
 * cannot answer.
 */
import { z } from 'zod';
import { detailsOf, readJson, request } from '../common/http';
import { shaped } from '../common/shape';
import { PlatformError, type ClientContext, type PublishRequest, type ReconcileResult } from '../types';
import { bearer, endpoints, googleError, videoTitle, watchUrl } from './api';
import { decodeSessionMarker } from './marker';
import { videoPost, type PrivacyStatus } from './publish';
import { querySession } from './resumable';

const CLOCK_SKEW_MS = 60_000;
const MAX_PAGES = 4;
const PASSING = ['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded', 'dailyLimitExceeded', 'backendError'];

type Read = { ok: true; body: unknown } | { ok: false; why: string; status?: number; details?: string; passing: boolean };

async function getJson(ctx: ClientContext, url: string): Promise<Read> {
  const r = await request(ctx, url, { headers: { ...bearer(ctx), accept: 'application/json' } });
  if (!r.ok) return { ok: false, why: r.failure.message, passing: true };
  const body = await readJson(r.res);
  if (!r.res.ok) {
    const status = r.res.status;
    const passing = status === 401 || status === 429 || status >= 500 || PASSING.includes(googleError(status, body).reason);
    return { ok: false, why: `HTTP ${status}`, status, details: detailsOf(status, body), passing };
  }
  return { ok: true, body };
}

/** A failed read: throws when it may pass (the scheduler asks again later), else a reason. */
function unreadable(r: Extract<Read, { ok: false }>, what: string): string {
  if (r.passing) throw new PlatformError(`Could not ${what} right now (${r.why}); check again later.`, r.details, r.status);
  return `Could not ${what} (${r.why}).`;
}

export async function reconcileYouTube(ctx: ClientContext, req: PublishRequest, requested: PrivacyStatus): Promise<ReconcileResult> {
  const earlier = decodeSessionMarker(req.attemptMarker);
  if (earlier) {
    const state = await querySession(ctx, { uri: earlier.uri, total: earlier.total, mime: req.media[0]?.mime ?? 'application/octet-stream' });
    if (state.kind === 'done' && state.video.id) return { kind: 'found', ...videoPost(ctx, { ...state.video, id: state.video.id }, requested) };
    // The session is alive and short of its last bytes: no video exists, and the next attempt
    // resumes this same session, so it cannot make a second one.
    if (state.kind === 'incomplete') return { kind: 'not_found' };
    if (state.kind === 'unreachable' && (state.status === undefined || state.status === 401 || state.status === 429 || state.status >= 500)) {
      throw new PlatformError(`Could not ask YouTube about the upload (${state.why}); check again later.`, state.details, state.status);
    }
    // Gone (expired) or an answer that says nothing: the session can no longer say whether its
    // last bytes arrived. The uploads list can show the video, but not prove its absence (a
    // video still processing may not be listed yet), and a not_found here would start a second
    // upload: so without a match, the creator is asked.
    const listed = await findInUploads(ctx, req);
    if (listed.kind !== 'not_found') return listed;
    const session =
      state.kind === 'gone' ? 'YouTube’s upload session for this video has expired, so Loomcast cannot ask whether the upload finished'
      : state.kind === 'unreachable' ? `YouTube would not say how the upload session stands (${state.why})`
      : 'YouTube says the upload finished but gave no video id';
    return { kind: 'cannot_tell', reason: `${session}, and the channel’s uploads do not show the video (yet). Check YouTube Studio.` };
  }
  // No marker: no session was remembered, so no byte was sent (see marker.ts); the list cross-checks.
  return findInUploads(ctx, req);
}

/** The answers reconcile reads, checked before use: a page it cannot read is "look again later", never "not there". */
const ChannelShape = z.object({ items: z.array(z.object({ contentDetails: z.object({ relatedPlaylists: z.object({ uploads: z.string().optional() }).optional() }).optional() })).optional() });
const PlaylistItem = z.object({ snippet: z.object({ title: z.string().optional(), publishedAt: z.string().optional(), resourceId: z.object({ videoId: z.string().optional() }).optional() }).optional() });
type PlaylistItem = z.infer<typeof PlaylistItem>;
const PlaylistShape = z.object({ items: z.array(PlaylistItem).optional(), nextPageToken: z.string().optional() });

async function findInUploads(ctx: ClientContext, req: PublishRequest): Promise<ReconcileResult> {
  const api = endpoints(ctx.account.baseUrl).api;
  const ch = await getJson(ctx, `${api}/channels?part=contentDetails&mine=true`);
  if (!ch.ok) return { kind: 'cannot_tell', reason: unreadable(ch, 'read the YouTube channel') };
  const uploads = shaped(ChannelShape, ch.body ?? {}, 200, 'YouTube').items?.[0]?.contentDetails?.relatedPlaylists?.uploads;
  if (!uploads) return { kind: 'cannot_tell', reason: 'YouTube did not say where this channel’s uploads are listed.' };
  const title = videoTitle(req);
  const since = req.attemptStartedAt - CLOCK_SKEW_MS;
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const q = new URLSearchParams({ part: 'snippet', playlistId: uploads, maxResults: '50', ...(pageToken ? { pageToken } : {}) });
    const r = await getJson(ctx, `${api}/playlistItems?${q.toString()}`);
    if (!r.ok) return { kind: 'cannot_tell', reason: unreadable(r, 'read the channel’s uploads') };
    const body = shaped(PlaylistShape, r.body ?? {}, 200, 'YouTube');
    const items = body.items ?? [];
    const at = (i: PlaylistItem) => Date.parse(i.snippet?.publishedAt ?? '') || 0;
    const match = items.find((i) => i.snippet?.resourceId?.videoId && i.snippet.title?.trim() === title && at(i) >= since);
    if (match) {
      const id = match.snippet!.resourceId!.videoId!;
      return { kind: 'found', platformPostId: id, url: watchUrl(id) };
    }
    // Newest first: once a page reaches back before the attempt, nothing older can match.
    if (!body.nextPageToken || items.length === 0 || items.some((i) => at(i) < since)) return { kind: 'not_found' };
    pageToken = body.nextPageToken;
  }
  return { kind: 'cannot_tell', reason: 'The channel uploaded too many videos since this attempt to look through them all.' };
}
