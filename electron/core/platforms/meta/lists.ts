/** Graph lists and timestamps, as Instagram's, Threads' and Facebook's post lookups read them. */

/** Graph timestamps look like `2026-11-23T09:00:00+0000`; Date.parse wants the offset with a colon. */
export function parseGraphTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const iso = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The same words as we sent them, whatever line endings or normalisation came back. */
export function sameText(a: string | null | undefined, b: string): boolean {
  const norm = (s: string) => s.replace(/\r\n?/g, '\n').normalize('NFC').trim();
  return norm(a ?? '') === norm(b);
}

/**
 * Looking for our post by time tolerates this much clock difference between this machine and
 * Meta's: a local clock running fast must not hide a post that did go out.
 */
export const CLOCK_SKEW_MS = 10 * 60_000;

/** A page of a Graph list: `{data:[…], paging:{cursors:{after}, next}}`. */
export function pageOf<T>(body: unknown): { items: T[]; after: string | null } {
  const b = body as { data?: unknown; paging?: { cursors?: { after?: unknown }; next?: unknown } } | null;
  const items = Array.isArray(b?.data) ? (b.data as T[]) : [];
  const after = typeof b?.paging?.next === 'string' && typeof b.paging.cursors?.after === 'string' ? b.paging.cursors.after : null;
  return { items, after };
}

/** Epoch ms → the epoch seconds Graph's `since` takes. */
export const seconds = (ms: number): string => String(Math.floor(ms / 1000));

/** `https://graph.x.com/v1.0/path?query`; a base that already names a version loses it. */
export function versionedUrl(baseUrl: string, version: string, path: string, query: Record<string, string> = {}): string {
  const u = new URL(`${graphHost(baseUrl)}/${version}${path}`);
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
  return u.toString();
}

/** The API root without a trailing slash or version. */
export const graphHost = (baseUrl: string): string => baseUrl.replace(/\/+$/, '').replace(/\/v\d+\.\d+$/, '');
