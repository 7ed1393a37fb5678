import { count, percent } from '../../lib/numbers';

/** The day a week before or after a YYYY-MM-DD day (calendar arithmetic in UTC, so no DST drift). */
export function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const t = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export const pct = (r: number | null): string => (r === null ? '—' : percent(r));
export const num = (x: number | null): string => (x === null ? 'not reported' : count(x));
