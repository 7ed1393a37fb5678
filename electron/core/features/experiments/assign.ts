/**
 * Which arm goes in which matched slot: pure, no database, no clock.
 *
 * The posts go out in rounds. Each round takes the next `arms` slots from the cycle of matched
 * slots (an account's weekly posting times, or the accounts of one platform), and every arm gets
 * exactly one of them, so the arms stay level over time. Within that, the arms are spread so that
 * each arm has each matched slot, and each weekday, at most once more than any other arm: the
 * day of the week is a confounder of its own (a cycle of Mon, Wed, Fri with two arms would
 * otherwise give one arm both Mondays). Which arm takes which place is drawn at random (block
 * randomisation over the slots, as analytics.md asks), from the `random` given, so a test or a
 * seeded stream gets the same plan every time.
 */
import { seededRandom } from '../../analytics/stats/rng';

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

export interface RotateOptions {
  /** The post's day of the week (any numbering), null where it has no time yet. */
  dayOf?: (n: number) => number | null;
  /** Uniform on [0, 1); without one, a fixed stream, so the plan is the same every time. */
  random?: () => number;
}

/** Every order of 0 … k−1 (k is at most 5 arms: 120 orders). */
function orders(k: number): number[][] {
  if (k <= 1) return [[0]];
  return orders(k - 1).flatMap((o) => Array.from({ length: k }, (_, i) => [...o.slice(0, i), k - 1, ...o.slice(i)]));
}

export function rotate(arms: number, postsPerArm: number, slotOf: (n: number) => number, { dayOf = () => null, random = seededRandom(1) }: RotateOptions = {}): Assignment[] {
  if (arms < 1 || postsPerArm < 1) return [];
  const total = arms * postsPerArm;
  // Keeping each arm's share of first places in a round even matters least: small enough that all
  // of it weighs less than one step of a slot's or a weekday's balance.
  const PLACE_WEIGHT = 1 / (total * postsPerArm + 1);
  const slots = Array.from({ length: total }, (_, n) => slotOf(n));
  const days = Array.from({ length: total }, (_, n) => dayOf(n));
  // How often each arm has each matched slot, each weekday and each place in a round.
  const count = new Map<string, number>();
  const get = (key: string) => count.get(key) ?? 0;
  const keysOf = (arm: number, n: number) => {
    const out: [string, number][] = [[`s${arm}|${slots[n]}`, 1], [`p${arm}|${n % arms}`, PLACE_WEIGHT]];
    if (days[n] !== null && days[n] !== undefined) out.push([`d${arm}|${days[n]}`, 1]);
    return out;
  };
  const add = (arm: number, n: number, by: number) => {
    for (const [key] of keysOf(arm, n)) count.set(key, get(key) + by);
  };
  // What giving `arm` the post n adds to the sum of squared counts (each count c → c + 1 adds 2c + 1).
  const costOf = (arm: number, n: number) => keysOf(arm, n).reduce((sum, [key, w]) => sum + w * (2 * get(key) + 1), 0);

  const armOf = new Array<number>(total);
  const all = orders(arms);
  for (let round = 0; round < postsPerArm; round++) {
    const base = round * arms;
    let best: number[][] = [];
    let bestCost = Infinity;
    for (const order of all) {
      const c = order.reduce((sum, arm, position) => sum + costOf(arm, base + position), 0);
      if (c < bestCost - 1e-9) {
        best = [order];
        bestCost = c;
      } else if (c < bestCost + 1e-9) best.push(order);
    }
    const order = best[Math.min(best.length - 1, Math.floor(random() * best.length))]!;
    order.forEach((arm, position) => {
      armOf[base + position] = arm;
      add(arm, base + position, 1);
    });
  }

  // Going round by round cannot see the rounds ahead, and trading two places one at a time gets
  // stuck where evening out one slot needs a chain of trades over several rounds. So the places of
  // two arms of one round are traded at random, now and then even for the worse early on
  // (simulated annealing on the weighted sum of squared counts), until every arm is within one of
  // the others for every slot and weekday; the best plan seen is kept.
  const weightOf = (key: string) => (key.startsWith('p') ? PLACE_WEIGHT : 1);
  const trade = (i: number, j: number) => {
    const [a, b] = [armOf[i]!, armOf[j]!];
    add(a, i, -1);
    add(b, j, -1);
    [armOf[i], armOf[j]] = [b, a];
    add(b, i, 1);
    add(a, j, 1);
  };
  /** What trading the places i and j changes in the weighted sum of squares. */
  const tradeDelta = (i: number, j: number) => {
    const keys = new Set([...keysOf(armOf[i]!, i), ...keysOf(armOf[j]!, j), ...keysOf(armOf[j]!, i), ...keysOf(armOf[i]!, j)].map(([k]) => k));
    const part = () => [...keys].reduce((sum, k) => sum + weightOf(k) * get(k) ** 2, 0);
    const was = part();
    trade(i, j);
    const now = part();
    trade(i, j);
    return now - was;
  };
  const balanced = () => {
    const groups = new Map<string, number[]>();
    for (const [key, v] of count) {
      if (key.startsWith('p')) continue;
      const [head, group] = key.split('|') as [string, string];
      const g = `${head[0]}|${group}`;
      const row = groups.get(g) ?? new Array<number>(arms).fill(0);
      row[Number(head.slice(1))] = v;
      groups.set(g, row);
    }
    return [...groups.values()].every((row) => Math.max(...row) - Math.min(...row) <= 1);
  };
  // A few tries, each from the best plan so far, for the rare cycles that need a long chain.
  for (let attempt = 0; attempt < 8 && arms > 1 && !balanced(); attempt++) {
    const steps = 400 * total;
    let best = [...armOf];
    let energy = 0;
    let bestEnergy = 0;
    for (let step = 0; step < steps; step++) {
      const temperature = 2 * 0.002 ** (step / steps);
      const round = Math.floor(random() * postsPerArm);
      const p = Math.floor(random() * arms);
      const q = (p + 1 + Math.floor(random() * (arms - 1))) % arms;
      const [i, j] = [round * arms + p, round * arms + q];
      const delta = tradeDelta(i, j);
      if (delta <= 0 || random() < Math.exp(-delta / temperature)) {
        trade(i, j);
        energy += delta;
        if (energy < bestEnergy - 1e-9) {
          bestEnergy = energy;
          best = [...armOf];
          if (balanced()) break;
        }
      }
    }
    best.forEach((arm, n) => {
      if (armOf[n] === arm) return;
      add(armOf[n]!, n, -1);
      add(arm, n, 1);
      armOf[n] = arm;
    });
  }
  return armOf.map((arm, n) => ({ arm, round: Math.floor(n / arms), position: n % arms, slot: slots[n]!, n }));
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
