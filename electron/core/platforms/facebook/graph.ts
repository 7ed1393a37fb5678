/** One Graph API write from the publishing path, sorted into a value or an outcome. */
import { graphCall } from '../meta/graph-call';
import { failureOutcome, type Outcome, type Stage } from '../meta/outcome';
import { readUsage } from '../meta/usage';
import type { ClientContext, RateLimitInfo } from '../types';
import { bearer, graphRoot } from './api';
import { facebookGraph } from './errors';

export type Step<T> = { ok: true; value: T; rateLimit?: RateLimitInfo } | { ok: false; outcome: Outcome };

/** `stage`: `create` for the call that makes the post, `prepare` for uploads before it. */
export async function graphWrite<T>(ctx: ClientContext, path: string, body: URLSearchParams | FormData, stage: Stage, what: string): Promise<Step<T>> {
  const answer = await graphCall(ctx, `${graphRoot(ctx.account.baseUrl)}${path}`, { method: 'POST', headers: bearer(ctx.credentials.accessToken), body });
  if (!answer.ok || answer.err || answer.status < 200 || answer.status >= 300) {
    return { ok: false, outcome: await failureOutcome(ctx, facebookGraph, stage, answer, what) };
  }
  const { rateLimit } = readUsage(answer.res, ctx.clock.now(), facebookGraph.usageOwner?.(ctx));
  // A 2xx without a JSON object is read as an answer without an id (never as a success).
  const value = (answer.body && typeof answer.body === 'object' ? answer.body : {}) as T;
  return { ok: true, value, ...(rateLimit ? { rateLimit } : {}) };
}

/** A form body; `undefined` values are left out. */
export function form(fields: Record<string, string | undefined>): URLSearchParams {
  const f = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) f.set(k, v);
  return f;
}
