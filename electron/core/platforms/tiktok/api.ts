/**
 * TikTok's HTTP shape: every Content Posting / Display API answer is an envelope
 * `{data, error:{code, message, log_id}}` where `error.code` is "ok" on success; OAuth answers
 * use a different, flat shape `{error, error_description, log_id}`.
 */
import { request, type NetworkFailure, type PlatformAnswer } from '../common/http';
import type { ClientContext } from '../types';
export { pause } from '../common/pause';

export const TIKTOK_NAME = 'TikTok';
export const TIKTOK_API = 'https://open.tiktokapis.com';

type Transport = Pick<ClientContext, 'http' | 'signal'>;

export type TikTokAnswer<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; network: NetworkFailure }
  | { ok: false; network?: undefined; status: number; code: string; message: string; body: unknown };

/**
 * TikTok ids are int64 and arrive as JSON numbers in some answers (`publicaly_available_post_id`);
 * past 2^53 JSON.parse silently changes their last digits. Quote every long integer outside a
 * string before parsing, so ids survive as strings.
 */
export function parseTikTokJson(text: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') {
        out += c + (text[i + 1] ?? '');
        i += 2;
        continue;
      }
      if (c === '"') inString = false;
      out += c;
      i++;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      i++;
      continue;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j]!)) j++;
      const num = text.slice(i, j);
      out += /^-?\d{16,}$/.test(num) ? `"${num}"` : num;
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return JSON.parse(out);
}

export async function readTikTokBody(res: PlatformAnswer): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return parseTikTokJson(text);
  } catch {
    return text;
  }
}

interface Envelope {
  data?: unknown;
  error?: { code?: string; message?: string; log_id?: string };
}

/** One call to the Content Posting / Display API with the account's token. */
export async function callTikTok<T>(
  ctx: Transport & { baseUrl: string; accessToken: string },
  method: 'GET' | 'POST',
  pathAndQuery: string,
  body?: unknown,
): Promise<TikTokAnswer<T>> {
  const r = await request(ctx, `${ctx.baseUrl.replace(/\/$/, '')}${pathAndQuery}`, {
    method,
    headers: {
      authorization: `Bearer ${ctx.accessToken}`,
      ...(body !== undefined ? { 'content-type': 'application/json; charset=UTF-8' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!r.ok) return { ok: false, network: r.failure };
  const parsed = await readTikTokBody(r.res).catch(() => null);
  const env = (parsed && typeof parsed === 'object' ? parsed : {}) as Envelope;
  const code = env.error?.code ?? (r.res.ok ? 'ok' : `http_${r.res.status}`);
  if (r.res.ok && code === 'ok') return { ok: true, status: r.res.status, data: (env.data ?? {}) as T };
  return { ok: false, status: r.res.status, code, message: env.error?.message ?? '', body: parsed };
}

/** Request context of a client call: the account's API root and token. */
export function apiCtx(ctx: ClientContext): Transport & { baseUrl: string; accessToken: string } {
  return { http: ctx.http, ...(ctx.signal ? { signal: ctx.signal } : {}), baseUrl: ctx.account.baseUrl || TIKTOK_API, accessToken: ctx.credentials.accessToken };
}


/** Normalises a caption for matching (TikTok may trim or normalise line endings). */
export function sameCaption(a: string | undefined, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').replace(/\r\n/g, '\n').trim();
  return a !== undefined && norm(a) === norm(b);
}
