/**
 * Post numbers from Graph insights. `data[{name, period, values:[{value}] | total_value:{value}}]`;
 * a metric Meta has no data for yet (it lags up to 48 h) is simply absent, which is "not known",
 * never 0.
 */
import { detailsOf, type PlatformAnswer } from '../common/http';
import { PlatformError } from '../types';
import { succeeded, type Answer } from './graph-call';
import { isPermissionCode, judge, wordsOf, type GraphError } from './graph-error';
import { THROTTLE_FALLBACK_MS } from './outcome';
import { readUsage } from './usage';

export function readInsights(body: unknown): (name: string) => number | null {
  const rows = (body as { data?: unknown } | null)?.data;
  const values = new Map<string, number>();
  if (Array.isArray(rows)) {
    for (const r of rows as { name?: unknown; values?: { value?: unknown }[]; total_value?: { value?: unknown } }[]) {
      const v = r.total_value?.value ?? r.values?.[r.values.length - 1]?.value;
      if (typeof r.name === 'string' && typeof v === 'number') values.set(r.name, v);
    }
  }
  return (name) => values.get(name) ?? null;
}

/** Code 100 with subcode 33: "Object with ID … does not exist, cannot be loaded due to missing permissions…". */
const NO_SUCH_OBJECT_SUBCODE = 33;

/** A Graph error answer to a read of numbers. */
export interface GraphFailure {
  err: GraphError | null;
  status: number;
  body: unknown;
  res: PlatformAnswer;
}

/**
 * The PlatformError for a Graph error answer to a read of numbers, with the status the metrics
 * collector reads (401 reconnect, 403 permission, 404 gone, 429 wait until `retryAt`). Graph
 * answers nearly every error with HTTP 400 (platforms.md §5–7), so the error's code decides, not
 * the status. `usageOwner`: whose usage header tells when a throttle ends (a Page's id).
 */
export function metricsError(name: string, f: GraphFailure, o: { now: number; scope: string; usageOwner?: string; expired?: string }): PlatformError {
  const details = detailsOf(f.status, f.body);
  const words = wordsOf(f.err, f.status);
  const verdict = judge(f.status, f.err);
  if (verdict.kind === 'expired_token') return new PlatformError(o.expired ?? `${name} no longer accepts the account's sign-in (${words}); reconnect the account to read its numbers.`, details, 401);
  if (verdict.kind === 'rate_limited') {
    const retryAt = readUsage(f.res, o.now, o.usageOwner).regainAt ?? o.now + THROTTLE_FALLBACK_MS;
    return new PlatformError(`${name} is limiting how often Loomcast may read the account (${words}).`, details, 429, { retryAt });
  }
  if (isPermissionCode(f.err?.code)) return new PlatformError(`${name} does not let Loomcast read this post's numbers (${words}).`, details, 403, { scope: o.scope });
  if (f.err?.code === 100 && f.err.subcode === NO_SUCH_OBJECT_SUBCODE) return new PlatformError(`${name} no longer has this post (${words}).`, details, 404);
  return new PlatformError(`${name} did not return the post's numbers: ${words}.`, details, f.status);
}

export function insightsOrThrow(name: string, answer: Answer, o: { now: number; scope: string }): unknown {
  if (!answer.ok) throw new PlatformError(`Could not reach ${name} for the post's numbers: ${answer.failure.message}.`);
  if (succeeded(answer)) return answer.body;
  throw metricsError(name, answer, o);
}
