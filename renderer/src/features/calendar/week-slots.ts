import { DAY_MINUTES, SLOT_MINUTES, slotOf } from './grid';

/** A slot shows two chips side by side; a third folds them into "+N". */
export const SIDE_BY_SIDE = 2;
/** The most rows a slot's chips grow into when the rows under them are free: a line of time and marks, then two of text. */
export const MAX_ROWS = 3;
const LAST_SLOT = DAY_MINUTES / SLOT_MINUTES;

export interface SlotGroup<T> {
  /** The 15-minute slot of the day (0 is midnight). */
  slot: number;
  chips: T[];
  /**
   * How many 15-minute rows the slot's chips take: one, or up to MAX_ROWS when the rows under
   * them are free, so a narrow day still reads the words on a line of their own.
   */
  rows: number;
}

/** A day's chips (in time order) by slot, each slot with the rows it may take. */
export function slotGroups<T extends { minutes: number }>(chips: readonly T[]): SlotGroup<T>[] {
  const out: SlotGroup<T>[] = [];
  for (const chip of chips) {
    const slot = slotOf(chip.minutes);
    const last = out[out.length - 1];
    if (last?.slot === slot) last.chips.push(chip);
    else out.push({ slot, chips: [chip], rows: 1 });
  }
  out.forEach((g, i) => {
    const free = (out[i + 1]?.slot ?? LAST_SLOT) - g.slot;
    // A folded slot ("+N") stays one row: its list opens under it.
    g.rows = g.chips.length > SIDE_BY_SIDE ? 1 : Math.max(1, Math.min(MAX_ROWS, free));
  });
  return out;
}

/** Where an empty week opens: the start of a working day. */
export const WORKDAY_START = 8 * 60;
/** How far above its earliest post a week opens, so the post is not the first thing cut off. */
const HEADROOM = 60;

/**
 * The minute of the day a week opens at: an hour above its earliest post, whichever day that is
 * on, so the week's posts are on screen rather than the hours before them. An empty week opens
 * at the current time when it is this week (`nowMinutes`; its line is all there is to see), else
 * at WORKDAY_START.
 */
export function weekOpensAt(chipsByDay: readonly (readonly { minutes: number }[])[], nowMinutes: number | null): number {
  let first = DAY_MINUTES;
  for (const day of chipsByDay) for (const chip of day) first = Math.min(first, chip.minutes);
  if (first < DAY_MINUTES) return Math.max(0, first - HEADROOM);
  return nowMinutes === null ? WORKDAY_START : Math.max(0, nowMinutes - 90);
}
