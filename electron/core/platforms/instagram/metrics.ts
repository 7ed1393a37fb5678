/**
 * Post numbers from Graph insights. `data[{name, period, values:[{value}] | total_value:{value}}]`;
 * a metric Meta has no data for yet (it lags up to 48 h) is simply absent, which is "not known",
 * never 0.
 */
import { detailsOf } from '../common/http';
import type { MetricSnapshot } from '../types';
import { PlatformError } from '../types';
import type { Answer } from './graph-call';
import { succeeded } from './graph-call';
import { wordsOf } from './meta-graph';

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

export function insightsOrThrow(name: string, answer: Answer): unknown {
  if (!answer.ok) throw new PlatformError(`Could not reach ${name} for the post's numbers: ${answer.failure.message}.`);
  if (!succeeded(answer)) {
    throw new PlatformError(`${name} did not return the post's numbers: ${wordsOf(answer.err, answer.status)}.`, detailsOf(answer.status, answer.body), answer.status);
  }
  return answer.body;
}

/** Instagram's names → ours. `reach` and `total_interactions` have no place in a snapshot. */
export function instagramSnapshot(body: unknown): MetricSnapshot {
  const v = readInsights(body);
  return { views: v('views'), likes: v('likes'), replies: v('comments'), shares: v('shares'), saves: v('saved') };
}

export const INSTAGRAM_METRICS = 'views,reach,likes,comments,shares,saved,total_interactions';
