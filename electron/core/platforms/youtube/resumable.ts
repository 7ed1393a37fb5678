/**
 * YouTube's resumable upload protocol: open a session (`POST …?uploadType=resumable`, the
 * session URI comes back in `Location`), PUT the bytes in chunks of a multiple of 256 KiB with
 * `Content-Range`; each partial chunk is answered 308 with `Range: bytes=0-N`; the last one 200
 * or 201 with the Video resource. After a failed chunk, `PUT` with `Content-Range: bytes *\/total`
 * asks where the server is, and the upload resumes from there — never from zero.
 */
import { detailsOf, neverLeft, readJson, request, type NetworkFailure, type PlatformAnswer } from '../common/http';
import type { ClientContext, PublishOutcome } from '../types';
import { bearer, endpoints, pause } from './api';
import { refusal } from './outcomes';

export const UPLOAD_QUANTUM = 256 * 1024;

export interface UploadSession {
  uri: string;
  total: number;
  mime: string;
}

export interface VideoResource {
  id?: string;
  status?: { privacyStatus?: string; uploadStatus?: string };
}

export type SessionState =
  | { kind: 'done'; video: VideoResource }
  | { kind: 'incomplete'; received: number }
  /** 404/410: the session expired or never existed. */
  | { kind: 'gone' }
  /** No answer about the session: a network failure, or another status (`status`, `details`). */
  | { kind: 'unreachable'; why: string; status?: number; details?: string };

export async function startSession(
  ctx: ClientContext,
  metadata: unknown,
  total: number,
  mime: string,
): Promise<{ ok: true; session: UploadSession } | { ok: false; outcome: PublishOutcome }> {
  const url = `${endpoints(ctx.account.baseUrl).upload}?uploadType=resumable&part=snippet,status`;
  const r = await request(ctx, url, {
    method: 'POST',
    headers: { ...bearer(ctx), 'content-type': 'application/json; charset=UTF-8', 'x-upload-content-length': String(total), 'x-upload-content-type': mime },
    body: JSON.stringify(metadata),
  });
  // No bytes have been sent yet: whatever happens here, no video can exist.
  if (!r.ok) return { ok: false, outcome: { kind: 'transient', reason: `Could not start the upload to YouTube (${r.failure.message}); nothing was posted.` } };
  const body = r.res.ok ? await r.res.arrayBuffer().then(() => null) : await readJson(r.res);
  if (r.res.status !== 200 && r.res.status !== 201) return { ok: false, outcome: refusal(r.res, body, ctx.clock.now()) };
  const location = r.res.headers.get('location');
  if (!location) return { ok: false, outcome: { kind: 'transient', reason: 'YouTube opened no upload session (no Location); nothing was posted.', details: detailsOf(r.res.status, body) } };
  return { ok: true, session: { uri: new URL(location, url).toString(), total, mime } };
}

/** `Range: bytes=0-N` → N+1 bytes received; no header → none. */
function receivedFrom(res: PlatformAnswer): number {
  const m = /bytes=0-(\d+)/.exec(res.headers.get('range') ?? '');
  return m ? Number(m[1]) + 1 : 0;
}

export async function querySession(ctx: ClientContext, s: UploadSession): Promise<SessionState> {
  const r = await request(ctx, s.uri, { method: 'PUT', redirect: 'manual', headers: { ...bearer(ctx), 'content-range': `bytes */${s.total}` }, body: '' });
  if (!r.ok) return { kind: 'unreachable', why: r.failure.message };
  const status = r.res.status;
  const body = await readJson(r.res).catch(() => null);
  if (status === 200 || status === 201) return { kind: 'done', video: (body ?? {}) as VideoResource };
  if (status === 308) return { kind: 'incomplete', received: receivedFrom(r.res) };
  if (status === 404 || status === 410) return { kind: 'gone' };
  return { kind: 'unreachable', why: `HTTP ${status}`, status, details: detailsOf(status, body) };
}

export interface UploadLimits {
  chunkSize: number;
  /** How many interruptions one publish call resumes from before giving up. */
  maxInterruptions: number;
  backoffMs: number;
}

export type UploadResult = { kind: 'done'; video: VideoResource } | { kind: 'outcome'; outcome: PublishOutcome; sessionGone?: boolean };

const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;

/** Sends bytes from `offset` to the end, resuming from the server's Range after each failure. */
export async function uploadFrom(ctx: ClientContext, s: UploadSession, bytes: Uint8Array, offset: number, limits: UploadLimits): Promise<UploadResult> {
  let interruptions = 0;
  let stalls = 0;
  for (;;) {
    const end = Math.min(offset + limits.chunkSize, s.total);
    const isLast = end === s.total;
    const r = await request(ctx, s.uri, {
      method: 'PUT',
      redirect: 'manual',
      headers: { ...bearer(ctx), 'content-type': s.mime, 'content-range': `bytes ${offset}-${end - 1}/${s.total}` },
      body: bytes.subarray(offset, end),
    });
    let trouble: string;
    let mayHaveArrived = true;
    if (r.ok) {
      const status = r.res.status;
      if (status === 308) {
        await r.res.arrayBuffer().catch(() => undefined);
        const next = receivedFrom(r.res);
        // A server that keeps taking chunks without moving its Range would loop us forever.
        if (next <= offset && ++stalls > 3) {
          return { kind: 'outcome', outcome: { kind: 'transient', reason: `YouTube stopped accepting the upload at ${mb(next)} of ${mb(s.total)}; nothing was posted.` } };
        }
        offset = next;
        continue;
      }
      const body = await readJson(r.res).catch(() => null);
      if (status === 200 || status === 201) return { kind: 'done', video: (body ?? {}) as VideoResource };
      if (status === 404 || status === 410) {
        return { kind: 'outcome', sessionGone: true, outcome: { kind: 'transient', reason: 'YouTube’s upload session expired before the video was complete; nothing was posted. The next attempt starts a new upload.', details: detailsOf(status, body) } };
      }
      // A refused chunk is a definite answer: the upload stops unfinished, nothing is posted.
      if (status < 500) return { kind: 'outcome', outcome: refusal(r.res, body, ctx.clock.now()) };
      trouble = `YouTube answered with a server error (HTTP ${status})`;
    } else {
      trouble = describe(r.failure);
      mayHaveArrived = !neverLeft(r.failure);
    }

    interruptions++;
    const canResume = interruptions <= limits.maxInterruptions && (await pause(ctx.clock, limits.backoffMs * 2 ** (interruptions - 1), ctx.signal));
    const state: SessionState = canResume ? await querySession(ctx, s) : { kind: 'unreachable', why: 'the call was stopped' };
    if (state.kind === 'done') return { kind: 'done', video: state.video };
    if (state.kind === 'incomplete') {
      ctx.log.info('resuming YouTube upload', { from: state.received, total: s.total });
      offset = state.received;
      continue;
    }
    if (isLast && mayHaveArrived) {
      return {
        kind: 'outcome',
        outcome: { kind: 'unknown', reason: `${trouble} on the last part of the upload, the one that creates the video, and YouTube could not be asked whether it arrived; the video may or may not exist.` },
      };
    }
    return {
      kind: 'outcome',
      ...(state.kind === 'gone' ? { sessionGone: true } : {}),
      outcome: { kind: 'transient', reason: `${trouble} at ${mb(offset)} of ${mb(s.total)}; YouTube creates the video only when the last part arrives, so nothing was posted. The next attempt resumes the upload.` },
    };
  }
}

function describe(f: NetworkFailure): string {
  if (f.kind === 'timeout') return 'YouTube did not answer in time';
  if (f.kind === 'reset') return 'The connection to YouTube was cut';
  if (f.kind === 'refused') return 'YouTube refused the connection';
  return `The upload failed (${f.message})`;
}
