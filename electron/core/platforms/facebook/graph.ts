/** One Graph API call from the publishing path, sorted into a value or an outcome. */
import { networkOutcome, readJson, request } from '../common/http';
import type { ClientContext, RateLimitInfo } from '../types';
import { bearer, graphRoot, PLATFORM_NAME, readUsage } from './api';
import { outcomeOf, type Outcome, type Stage } from './errors';

export type Step<T> = { ok: true; value: T; rateLimit?: RateLimitInfo } | { ok: false; outcome: Outcome };

export async function graphWrite<T>(ctx: ClientContext, path: string, body: URLSearchParams | FormData, stage: Stage, what: string, pageId: string): Promise<Step<T>> {
  const r = await request(ctx, `${graphRoot(ctx.account.baseUrl)}${path}`, { method: 'POST', headers: bearer(ctx.credentials.accessToken), body });
  if (!r.ok) {
    return {
      ok: false,
      outcome: stage === 'create' ? networkOutcome(r.failure, PLATFORM_NAME) : { kind: 'transient', reason: `Could not finish ${what} (${r.failure.message}); nothing was posted.` },
    };
  }
  const json = await readJson(r.res).catch(() => null);
  const now = ctx.clock.now();
  if (!r.res.ok || (json as { error?: unknown } | null)?.error) return { ok: false, outcome: outcomeOf(r.res, json, now, stage, what, pageId) };
  const { rateLimit } = readUsage(r.res, now, pageId);
  // A 2xx without a JSON object is read as an answer without an id (never as a success).
  const value = (json && typeof json === 'object' ? json : {}) as T;
  return { ok: true, value, ...(rateLimit ? { rateLimit } : {}) };
}

/** A form body; `undefined` values are left out. */
export function form(fields: Record<string, string | undefined>): URLSearchParams {
  const f = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) f.set(k, v);
  return f;
}
