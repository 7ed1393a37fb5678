/**
 * Which arm goes in which matched slot: pure, no database, no clock.
 *
 * The posts go out in rounds. Each round takes the next `arms` slots from the cycle of matched
 * slots (an account's weekly posting times, or the accounts of one platform), and every arm gets
 * exactly one of them. The order shifts each round (a Latin square when there are as many slots
 * as arms), so over the rounds each arm has each slot and each place in a round equally often
 * and no arm keeps the better times.
 */
export interface Assignment {
  arm: number;
  round: number;
  /** Place within its round, 0 first. */
  position: number;
  /** Which matched slot (a weekly time, or an account), as `slotOf` numbered it. */
  slot: number;
  /** The post's place in the whole sequence (0 first): the n-th free time, or the n-th turn. */
  n: number;
}

export function rotate(arms: number, postsPerArm: number, slotOf: (n: number) => number): Assignment[] {
  if (arms < 1 || postsPerArm < 1) return [];
  const total = arms * postsPerArm;
  const cycleLength = Math.max(1, ...Array.from({ length: total }, (_, n) => slotOf(n) + 1));
  const out: Assignment[] = [];
  // How often each arm has had each matched slot, and each place in a round.
  const bySlot = Array.from({ length: arms }, () => new Array<number>(cycleLength).fill(0));
  const byPlace = Array.from({ length: arms }, () => new Array<number>(arms).fill(0));
  for (let round = 0; round < postsPerArm; round++) {
    const slots = Array.from({ length: arms }, (_, position) => slotOf(round * arms + position));
    // The order shifts each round; where the slots don't line up with the rounds (more slots
    // than arms), the shift that keeps every arm's share of each slot and place even is taken.
    const cost = (shift: number) => slots.reduce((n, slot, position) => n + bySlot[(position + shift) % arms]![slot]! + byPlace[(position + shift) % arms]![position]!, 0);
    let best = round % arms;
    for (let shift = 0; shift < arms; shift++) if (cost(shift) < cost(best)) best = shift;
    slots.forEach((slot, position) => {
      const arm = (position + best) % arms;
      bySlot[arm]![slot]!++;
      byPlace[arm]![position]!++;
      out.push({ arm, round, position, slot, n: round * arms + position });
    });
  }
  return out;
}

/** A stable 32-bit seed from an id (FNV-1a), so an experiment's answer is the same every time it is read. */
export function seedOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Mon 09:00" for ISO weekday 1 and 09:00. */
export const slotKey = (weekday: number, time: string): string => `${WEEKDAYS[weekday - 1] ?? `Day ${weekday}`} ${time}`;

/** A-E: how arms are named unless the creator names them. */
export const armLetter = (arm: number): string => String.fromCharCode(65 + arm);
