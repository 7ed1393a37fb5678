/**
 * Post numbers from Graph insights. `data[{name, period, values:[{value}] | total_value:{value}}]`;
 * a metric Meta has no data for yet (it lags up to 48 h) is simply absent, which is "not known",
 * never 0.
 */
import { detailsOf } from '../common/http';
import { PlatformError } from '../types';
import { succeeded, type Answer } from './graph-call';
import { wordsOf } from './graph-error';

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
