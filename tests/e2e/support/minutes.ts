// Picking "the next minute" for tests that type a time in and wait for it, safely across the
// days the clocks change. Plain luxon, no Playwright, so tests/unit can check it at any instant.
import { DateTime } from 'luxon';
import { resolveLocal } from '../../../shared/domain/time';

/**
 * Whether the wall-clock `date` `time` happens exactly once in `zone`, as the composer reads it:
 * it exists (not skipped when the clocks jump forward) and is not repeated (when they fall back,
 * as Berlin's 02:00–03:00 on the last Sunday of October, which the core takes as the first pass).
 */
export function happensOnce(date: string, time: string, zone: string): boolean {
  const r = resolveLocal({ date, time, zone });
  return r.ok && !r.ambiguous;
}

/** The wall-clock minute `at` shows is that instant and no other: typed into the composer, it comes back as `at`. */
function plainMinute(at: DateTime): boolean {
  const [date, time] = [at.toFormat('yyyy-LL-dd'), at.toFormat('HH:mm')];
  const r = resolveLocal({ date, time, zone: at.zoneName! });
  return r.ok && !r.ambiguous && r.epochMs === at.toMillis();
}

/**
 * The zone for a test that types in "the next minute" and waits for it: `preferred`, unless its
 * clocks change within the next `horizonMinutes` (an offset change, or a local minute that is
 * repeated or skipped); then `fallback`, a zone without daylight saving that is still not UTC,
 * so the test still plans away from the machine's zone. Pick it before the test's clock-reading
 * steps, and keep the test shorter than the horizon.
 */
export function steadyZone(preferred: string, horizonMinutes = 20, fallback = 'Asia/Kolkata'): string {
  const now = DateTime.now().setZone(preferred).startOf('minute');
  for (let m = 0; m <= horizonMinutes; m++) {
    const at = now.plus({ minutes: m });
    if (at.offset !== now.offset || !plainMinute(at)) return fallback;
  }
  return preferred;
}

/**
 * The next whole minute in `zone` that is at least `leadSeconds` away and happens exactly once
 * there, as the composer takes it: far enough ahead to type it in and save, near enough that a
 * test waits at most about a minute. Throws rather than hand out a minute more than
 * `maxWaitMinutes` away (inside a repeated hour the next plain minute can be two hours off):
 * plan in `steadyZone(...)` to avoid that.
 */
export function nextWholeMinute(zone: string, leadSeconds = 20, maxWaitMinutes = 5): { date: string; time: string; at: DateTime } {
  const now = DateTime.now().setZone(zone);
  const earliest = now.plus({ seconds: leadSeconds });
  const floor = earliest.startOf('minute');
  let at = floor.equals(earliest) ? floor : floor.plus({ minutes: 1 });
  while (!plainMinute(at)) {
    at = at.plus({ minutes: 1 });
    if (at.diff(now, 'minutes').minutes > maxWaitMinutes) {
      throw new Error(`No local minute in ${zone} within ${maxWaitMinutes} minutes happens exactly once (the clocks change): plan the test in steadyZone('${zone}').`);
    }
  }
  return { date: at.toFormat('yyyy-LL-dd'), time: at.toFormat('HH:mm'), at };
}
