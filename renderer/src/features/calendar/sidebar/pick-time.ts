import { DateTime } from 'luxon';
import { api } from '../../../api/client';
import { startOfDay } from '../../../../../shared/domain/time';

const LAST_TIME_KEY = 'loomcast.calendar.lastTime';
/** When nothing better is known: a morning hour most audiences are awake for. */
export const DEFAULT_TIME = '09:00';

/** Why a dropped item got its time, said in the toast so the time is never a surprise. */
export type TimeReason = { kind: 'slot'; handle: string | null } | { kind: 'chosen' } | { kind: 'last' } | { kind: 'default' } | { kind: 'soonest' };

export interface PickedTime {
  time: string;
  reason: TimeReason;
}

export function rememberTime(time: string): void {
  try {
    localStorage.setItem(LAST_TIME_KEY, time);
  } catch {
    // Not remembered; the default serves next time.
  }
}

function lastTime(): string | null {
  try {
    const t = localStorage.getItem(LAST_TIME_KEY);
    return t && /^([01]\d|2[0-3]):[0-5]\d$/.test(t) ? t : null;
  } catch {
    return null;
  }
}

/** The first free posting time on `day` (in `zone`) among these accounts' weekly times, if any. */
async function freeSlotOn(day: string, zone: string, accounts: readonly { id: string; handle: string | null }[]): Promise<PickedTime | null> {
  // The day's first instant (startOfDay: luxon's startOf('day') is an hour late where clocks go back over midnight).
  const first = startOfDay(day, zone);
  if (first === null) return null;
  const start = DateTime.fromMillis(first, { zone });
  for (const account of accounts) {
    try {
      const { slots } = await api.call('queue:nextFree', { accountId: account.id, after: start.toISO()!, count: 20 });
      const first = slots.map((s) => DateTime.fromISO(s.at, { zone })).find((at) => at.toFormat('yyyy-LL-dd') === day);
      if (first) return { time: first.toFormat('HH:mm'), reason: { kind: 'slot', handle: account.handle } };
    } catch {
      // An account that can't answer (disconnected since) is skipped; the next one may.
    }
  }
  return null;
}

/**
 * The time an item dropped on `day` is scheduled at: the day's next free posting time of its
 * accounts; else the time the creator used last; else 09:00. On today, a time already past
 * moves to the next quarter hour at least 15 minutes ahead. Null: nothing on that day is left.
 */
export async function pickTime(day: string, zone: string, nowMs: number, accounts: readonly { id: string; handle: string | null }[]): Promise<PickedTime | null> {
  const slot = await freeSlotOn(day, zone, accounts);
  if (slot) return slot;
  const last = lastTime();
  const picked: PickedTime = last ? { time: last, reason: { kind: 'last' } } : { time: DEFAULT_TIME, reason: { kind: 'default' } };
  const at = DateTime.fromISO(`${day}T${picked.time}`, { zone });
  const earliest = DateTime.fromMillis(nowMs, { zone }).plus({ minutes: 15 });
  if (at > earliest) return picked;
  const q = earliest.plus({ minutes: (15 - (earliest.minute % 15)) % 15 }).startOf('minute');
  if (q.toFormat('yyyy-LL-dd') !== day) return null;
  return { time: q.toFormat('HH:mm'), reason: { kind: 'soonest' } };
}

export function reasonWords(reason: TimeReason): string {
  switch (reason.kind) {
    case 'slot':
      return reason.handle ? `The next free posting time of ${reason.handle}.` : 'The next free posting time.';
    case 'chosen':
      return 'The time you dropped it on.';
    case 'last':
      return 'The time of day you used last.';
    case 'default':
      return `${DEFAULT_TIME}, until you pick one: open the post to change it.`;
    case 'soonest':
      return 'The soonest time left today.';
  }
}
