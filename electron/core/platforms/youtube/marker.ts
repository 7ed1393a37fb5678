/**
 * The attempt marker: the resumable upload session an attempt opened, saved through
 * `req.remember` as soon as YouTube hands out its URI, before any byte is sent. It survives a
 * crash, so the next attempt resumes that same session (one session, one video) and reconcile asks
 * it whether the video was created.
 *
 * JSON: the session URI, the file size it was opened for (`bytes *\/total` needs it), and the
 * file's hash, so an edited video is never appended to an old upload.
 */
export interface SessionMarker {
  uri: string;
  total: number;
  hash?: string;
}

export function encodeSessionMarker(m: SessionMarker): string {
  return JSON.stringify(m);
}

export function decodeSessionMarker(raw: string | null | undefined): SessionMarker | null {
  if (!raw) return null;
  try {
    const o = JSON.parse(raw) as Record<string, unknown> | null;
    if (!o || typeof o.uri !== 'string' || !/^https?:\/\//.test(o.uri) || typeof o.total !== 'number' || !(o.total > 0)) return null;
    return { uri: o.uri, total: o.total, ...(typeof o.hash === 'string' ? { hash: o.hash } : {}) };
  } catch {
    return null;
  }
}
