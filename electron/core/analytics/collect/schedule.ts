/**
 * When to look at a published post's numbers next (pure). Bands after publishing: +1 h, +3 h,
 * +12 h, +24 h, then daily to day 7, then weekly to day 90, then never again. While the numbers
 * don't change the wait is stretched by 2^unchanged, at most 8×. A platform's Retry-After or
 * rate-limit reset always wins.
 */
import { MEASURE_DAYS } from '../../../../shared/domain/platform-metrics';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Measuring ends here: the last band. */
export const END_MS = MEASURE_DAYS * DAY_MS;
export const MAX_BACKOFF = 8;

/** Offsets from publishing, in order: 1 h, 3 h, 12 h, 24 h, days 2–7, days 14, 21 … 84, and day 90. */
export const BANDS: readonly number[] = (() => {
  const out = [HOUR_MS, 3 * HOUR_MS, 12 * HOUR_MS, DAY_MS];
  for (let d = 2; d <= 7; d++) out.push(d * DAY_MS);
  for (let d = 14; d < 90; d += 7) out.push(d * DAY_MS);
  out.push(END_MS);
  return out;
})();

export interface ScheduleInput {
  publishedAt: number;
  now: number;
  /** Checks made so far, this one included. */
  checks: number;
  /** Checks in a row whose numbers did not change. */
  unchanged: number;
  /** When the platform said to come back (Retry-After or its rate-limit reset). */
  retryAt?: number | null;
}

/** The instant of the next check; null when measuring is over. */
export function nextCheckAt({ publishedAt, now, checks, unchanged, retryAt }: ScheduleInput): number | null {
  if (retryAt !== undefined && retryAt !== null && retryAt > now) return retryAt;
  const end = publishedAt + END_MS;
  // Never looked yet: the first band, or at once for a post found late (imported, or after a long sleep).
  if (checks <= 0) return now > end ? null : Math.max(now, publishedAt + BANDS[0]!);
  // The first band still ahead, and the gap from the band before it.
  const k = BANDS.findIndex((b) => publishedAt + b > now);
  if (k < 0) return null;
  const band = publishedAt + BANDS[k]!;
  if (unchanged <= 0) return band;
  const gap = BANDS[k]! - (k === 0 ? 0 : BANDS[k - 1]!);
  const factor = Math.min(MAX_BACKOFF, 2 ** unchanged);
  // Backed off, but never later than the last band (the final look at day 90 always happens).
  return Math.min(Math.max(band, now + gap * factor), end);
}
