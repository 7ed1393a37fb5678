import { DateTime } from 'luxon';
import type { QueueSlotDto, SlotInstantDto } from '../../../../shared/contract/features/posting-times';
import { dayTime, zoneAbbrev } from '../../lib/format';

/** ISO days of the week: 1 = Monday … 7 = Sunday, as the core stores them. */
export const WEEKDAYS = [
  { weekday: 1, name: 'Monday', short: 'Mon' },
  { weekday: 2, name: 'Tuesday', short: 'Tue' },
  { weekday: 3, name: 'Wednesday', short: 'Wed' },
  { weekday: 4, name: 'Thursday', short: 'Thu' },
  { weekday: 5, name: 'Friday', short: 'Fri' },
  { weekday: 6, name: 'Saturday', short: 'Sat' },
  { weekday: 7, name: 'Sunday', short: 'Sun' },
] as const;

export const dayName = (weekday: number): string => WEEKDAYS[weekday - 1]?.name ?? `Day ${weekday}`;

/** What the "Day" picker offers: one day, or a few at once. */
export const DAY_CHOICES: { value: string; label: string; days: number[] }[] = [
  ...WEEKDAYS.map((d) => ({ value: String(d.weekday), label: d.name, days: [d.weekday] })),
  { value: 'weekdays', label: 'Weekdays (Mon–Fri)', days: [1, 2, 3, 4, 5] },
  { value: 'weekend', label: 'Weekend (Sat, Sun)', days: [6, 7] },
  { value: 'daily', label: 'Every day', days: [1, 2, 3, 4, 5, 6, 7] },
];

export function sortSlots(slots: QueueSlotDto[]): QueueSlotDto[] {
  return [...slots].sort((a, b) => a.weekday - b.weekday || a.time.localeCompare(b.time));
}

/** The week's times grouped by day, Monday first; days without times are left out. */
export function byDay(slots: QueueSlotDto[]): { weekday: number; times: string[] }[] {
  const days = new Map<number, string[]>();
  for (const s of sortSlots(slots)) days.set(s.weekday, [...(days.get(s.weekday) ?? []), s.time]);
  return [...days].map(([weekday, times]) => ({ weekday, times }));
}

/** "Thu 26 Nov, 17:30" and the zone's offset at that instant ("UTC+1", "UTC+2"), so DST weeks read right. */
export function describeSlot(slot: SlotInstantDto): { when: string; zoneShort: string } {
  const dt = DateTime.fromISO(slot.at, { zone: slot.zone });
  return { when: dayTime(dt.toMillis(), slot.zone), zoneShort: zoneAbbrev(slot.zone, dt.toMillis()) };
}
