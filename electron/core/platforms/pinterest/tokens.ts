/**
 * `POST /v5/oauth/token`: code exchange and continuous refresh. Both authenticate the app with
 * HTTP Basic (client_id:client_secret) and send a form body.
 */
import type { Credentials } from '../types';
import type { HttpFetch } from '../../deps';
import { detailsOf, readJson, request, type NetworkFailure } from '../common/http';
import { apiRoot, errorMessage } from './api';

export interface TokenBody {
  access_token: string;
  token_type?: string;
  expires_in?: number;
  scope?: string;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  /** Epoch seconds. */
  refresh_token_expires_at?: number;
}

export type TokenAnswer =
  | { ok: true; body: TokenBody }
  | { ok: false; kind: 'refused'; status: number; message: string; details: string }
  | { ok: false; kind: 'unavailable'; message: string; details?: string };

export async function tokenRequest(
  ctx: { http: HttpFetch; signal?: AbortSignal },
  baseUrl: string,
  app: { clientId: string; clientSecret: string },
  form: Record<string, string>,
): Promise<TokenAnswer> {
  const basic = Buffer.from(`${app.clientId}:${app.clientSecret}`, 'utf8').toString('base64');
  const r = await request(ctx, `${apiRoot(baseUrl)}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  });
  if (!r.ok) return unavailable(r.failure);
  let body: unknown;
  try {
    body = await readJson(r.res);
  } catch (err) {
    return { ok: false, kind: 'unavailable', message: `the answer was cut off (${(err as Error).message})` };
  }
  const status = r.res.status;
  if (status >= 200 && status < 300 && body && typeof body === 'object' && typeof (body as TokenBody).access_token === 'string') {
    return { ok: true, body: body as TokenBody };
  }
  // Only the platform's own 4xx means "this grant is no good"; anything else may pass.
  if (status >= 400 && status < 500 && status !== 429) {
    return { ok: false, kind: 'refused', status, message: errorMessage(body) ?? `HTTP ${status}`, details: detailsOf(status, redact(body)) };
  }
  return { ok: false, kind: 'unavailable', message: errorMessage(body) ?? `HTTP ${status}`, details: detailsOf(status, redact(body)) };
}

function unavailable(failure: NetworkFailure): TokenAnswer {
  return { ok: false, kind: 'unavailable', message: failure.message };
}

/** A 2xx without a token, echoed into details, must not carry secrets. */
function redact(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const k of ['access_token', 'refresh_token']) if (k in copy) copy[k] = '[redacted]';
  return copy;
}

/** Tokens → vault credentials. A refresh without a new refresh token keeps the old one. */
export function toCredentials(body: TokenBody, now: number, previous: Partial<Credentials>): Credentials {
  const refreshToken = body.refresh_token ?? previous.refreshToken;
  const refreshExpiresAt =
    body.refresh_token !== undefined
      ? typeof body.refresh_token_expires_at === 'number'
        ? body.refresh_token_expires_at * 1000
        : typeof body.refresh_token_expires_in === 'number'
          ? now + body.refresh_token_expires_in * 1000
          : undefined
      : previous.refreshExpiresAt;
  return {
    ...previous,
    accessToken: body.access_token,
    ...(refreshToken !== undefined ? { refreshToken } : {}),
    ...(typeof body.expires_in === 'number' ? { expiresAt: now + body.expires_in * 1000 } : {}),
    ...(refreshExpiresAt !== undefined ? { refreshExpiresAt } : {}),
  };
}
