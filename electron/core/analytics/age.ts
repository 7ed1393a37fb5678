/**
 * An experiment compares its posts at one age: each post's numbers as they stood a fixed time
 * after its own publishing, read from the snapshot history. Latest numbers would compare a post
 * three days out against one four hours out, and the older one wins on time alone. Pure: no
 * database, no clock.
 */
import type { Platform } from '../../../shared/domain/platforms';
import { METRIC_FIELDS, type MetricValues } from './engagement';

const HOUR_MS = 3_600_000;

/**
 * The age the arms are compared at: 24 h (a check band, so a look falls just after it), or 72 h
 * where a platform's numbers lag (TikTok up to 48 h, YouTube 24–72 h: analytics.md), so its
 * numbers are in by then. Fixed per platform, not chosen after seeing the numbers.
 */
export function compareAgeMs(platform: Platform | null): number {
  return platform === 'tiktok' || platform === 'youtube' ? 72 * HOUR_MS : 24 * HOUR_MS;
}

export interface Snapshot extends MetricValues {
  at: number;
}

export type AgeReading =
  | { status: 'counted'; values: MetricValues }
  /** Out, but not that old yet. */
  | { status: 'too_young' }
  /** Old enough, but no look at or after that age yet (the next sweep will take one). */
  | { status: 'awaiting' }
  /** No look near that age (Loomcast was closed then, say): its numbers then are unknown. */
  | { status: 'missed' };

const same = (a: MetricValues, b: MetricValues) => METRIC_FIELDS.every((f) => (a[f] ?? null) === (b[f] ?? null));

/**
 * A post's numbers at `age` after `publishedAt`, from its snapshots (ordered by time). Looks come
 * in bands (+12 h, +24 h …, on a 15-minute sweep), so a look falls near the age, rarely on it:
 * between the looks either side, each count is taken on the straight line between them, when
 * both are within half the age of it (or they did not change); else the one look within a
 * quarter of the age is taken as it is; else the post has no numbers at that age. A count that
 * either look does not report stays unreported: missing is not zero.
 */
export function readAtAge(snaps: readonly Snapshot[], publishedAt: number, age: number, now: number): AgeReading {
  const t = publishedAt + age;
  if (now < t) return { status: 'too_young' };
  const after = snaps.find((s) => s.at >= t);
  if (!after) return { status: 'awaiting' };
  const before = [...snaps].reverse().find((s) => s.at <= t);
  if (after.at === t || (before && same(before, after))) return { status: 'counted', values: after };
  const nearAfter = after.at - t <= age / 2;
  const nearBefore = before !== undefined && t - before.at <= age / 2;
  if (before && nearAfter && nearBefore) {
    const w = (t - before.at) / (after.at - before.at);
    const values: MetricValues = {};
    for (const f of METRIC_FIELDS) {
      const [x, y] = [before[f], after[f]];
      values[f] = x === null || x === undefined || y === null || y === undefined ? null : x + w * (y - x);
    }
    return { status: 'counted', values };
  }
  if (after.at - t <= age / 4) return { status: 'counted', values: after };
  if (before && t - before.at <= age / 4) return { status: 'counted', values: before };
  return { status: 'missed' };
}

/** "24 h", "3 days". */
export const ageText = (age: number): string => (age % (24 * HOUR_MS) === 0 && age > 24 * HOUR_MS ? `${age / (24 * HOUR_MS)} days` : `${Math.round(age / HOUR_MS)} h`);
