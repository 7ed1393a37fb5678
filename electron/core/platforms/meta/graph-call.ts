/**
 * One Graph call, read into an answer: the status, the body and the error envelope, or the
 * network failure (with any token or secret in its message scrubbed). Facebook, Instagram and
 * Threads all call Graph through this.
 */
import { readJson, request, type NetworkFailure, type PlatformAnswer } from '../common/http';
import type { ClientContext } from '../types';
import { graphError, type GraphError } from './graph-error';

export type Answer =
  | { ok: false; failure: NetworkFailure }
  | { ok: true; status: number; res: PlatformAnswer; body: unknown; err: GraphError | null };

/** Fetch failures quote the URL; some Graph URLs carry the token or the app secret. */
export function redact(text: string): string {
  return text.replace(/(access_token|client_secret|fb_exchange_token|code)=[^&\s)'"]+/gi, '$1=[hidden]');
}

export async function graphCall(ctx: Pick<ClientContext, 'http' | 'signal'>, url: string, init: RequestInit = {}): Promise<Answer> {
  const got = await request(ctx, url, init);
  if (!got.ok) return { ok: false, failure: { ...got.failure, message: redact(got.failure.message) } };
  let body: unknown;
  try {
    body = await readJson(got.res);
  } catch {
    // The status arrived but the body was cut: for a write we cannot know its result.
    return { ok: false, failure: { kind: 'reset', message: 'the answer was cut off' } };
  }
  const status = got.res.status;
  // Facebook may wrap an error in a 200, so a 2xx with the `error` envelope is an error too; the
  // flat `error_message` shape only counts on an error status (a Threads container's status
  // answer carries `error_message` in a 200).
  const enveloped = !!body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'object';
  const ok2xx = status >= 200 && status < 300;
  return { ok: true, status, res: got.res, body, err: !ok2xx || enveloped ? graphError(body) : null };
}

/** A 2xx answer without an error envelope. (The brand keeps other answers in the `false` branch.) */
export type Success = Extract<Answer, { ok: true }> & { readonly __2xx: true };

export function succeeded(a: Answer): a is Success {
  return a.ok && a.status >= 200 && a.status < 300 && !a.err;
}

/** The `id` a Graph write returns, as a string (Graph ids are numeric strings). */
export function idOf(a: Answer): string | null {
  if (!succeeded(a)) return null;
  const id = (a.body as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id ? id : typeof id === 'number' ? String(id) : null;
}
