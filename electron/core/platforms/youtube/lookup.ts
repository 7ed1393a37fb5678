/**
 * Reading back from YouTube: reconcile (was the video created?) and metrics. Neither posts.
 *
 * Reconcile first asks the attempt's upload session, which this client remembers while the app
 * runs (`bytes *\/total` → 200/201 with the video means created; 308 means the last bytes never
 * arrived, so no video). Without it (after a restart, or an expired session) it reads the
 * channel's uploads playlist — which, unlike search, lists private videos and costs 1 unit —
 * for the title, added since the attempt began.
 */
import { detailsOf, readJson, request } from '../common/http';
import { PlatformError, type ClientContext, type MetricSnapshot, type PublishRequest, type ReconcileResult } from '../types';
import { bearer, endpoints, videoTitle, watchUrl } from './api';
import { querySession, type UploadSession } from './resumable';

const CLOCK_SKEW_MS = 60_000;
const MAX_PAGES = 4;

async function getJson(ctx: ClientContext, url: string): Promise<{ ok: true; body: unknown } | { ok: false; why: string; status?: number; details?: string }> {
  const r = await request(ctx, url, { headers: { ...bearer(ctx), accept: 'application/json' } });
  if (!r.ok) return { ok: false, why: r.failure.message };
  const body = await readJson(r.res);
  if (!r.res.ok) return { ok: false, why: `HTTP ${r.res.status}`, status: r.res.status, details: detailsOf(r.res.status, body) };
  return { ok: true, body };
}

export async function reconcileYouTube(ctx: ClientContext, req: PublishRequest, session: UploadSession | undefined, forget: () => void): Promise<ReconcileResult> {
  if (session) {
    const state = await querySession(ctx, session);
    if (state.kind === 'done' && state.video.id) {
      forget();
      return { kind: 'found', platformPostId: state.video.id, url: watchUrl(state.video.id) };
    }
    // The session is alive and short of its last bytes: no video exists, and the next attempt
    // resumes this same session, so it cannot make a second one.
    if (state.kind === 'incomplete') return { kind: 'not_found' };
    // Gone or unreachable: look at the channel instead.
  }
  return findInUploads(ctx, req);
}

interface PlaylistItem {
  snippet?: { title?: string; publishedAt?: string; resourceId?: { videoId?: string } };
}

async function findInUploads(ctx: ClientContext, req: PublishRequest): Promise<ReconcileResult> {
  const api = endpoints(ctx.account.baseUrl).api;
  const ch = await getJson(ctx, `${api}/channels?part=contentDetails&mine=true`);
  if (!ch.ok) return { kind: 'cannot_tell', reason: `Could not read the YouTube channel (${ch.why}).` };
  const uploads = (ch.body as { items?: { contentDetails?: { relatedPlaylists?: { uploads?: string } } }[] }).items?.[0]?.contentDetails?.relatedPlaylists?.uploads;
  if (!uploads) return { kind: 'cannot_tell', reason: 'YouTube did not say where this channel’s uploads are listed.' };
  const title = videoTitle(req);
  const since = req.attemptStartedAt - CLOCK_SKEW_MS;
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const q = new URLSearchParams({ part: 'snippet', playlistId: uploads, maxResults: '50', ...(pageToken ? { pageToken } : {}) });
    const r = await getJson(ctx, `${api}/playlistItems?${q.toString()}`);
    if (!r.ok) return { kind: 'cannot_tell', reason: `Could not read the channel’s uploads (${r.why}).` };
    const body = r.body as { items?: PlaylistItem[]; nextPageToken?: string };
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

export async function youtubeMetrics(ctx: ClientContext, videoId: string): Promise<MetricSnapshot> {
  const r = await getJson(ctx, `${endpoints(ctx.account.baseUrl).api}/videos?part=statistics&id=${encodeURIComponent(videoId)}`);
  if (!r.ok) throw new PlatformError(`Could not read the video’s statistics from YouTube (${r.why}).`, r.details, r.status);
  const stats = (r.body as { items?: { id?: string; statistics?: Record<string, string | undefined> }[] }).items?.find((i) => i.id === videoId)?.statistics;
  if (!stats) throw new PlatformError('YouTube does not list this video any more (deleted or private).');
  // YouTube sends counts as strings; a hidden count is simply absent.
  const n = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : null);
  return { views: n(stats.viewCount), likes: n(stats.likeCount), replies: n(stats.commentCount) };
}
