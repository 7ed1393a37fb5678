import type { PostDto, TargetDto } from '../../../../shared/contract';
import type { CalendarChipDto, ChipTargetDto } from '../../../../shared/contract/features/calendar';
import type { Platform } from '../../../../shared/domain/platforms';
import { EDITABLE_STATES, type TargetState } from '../../../../shared/domain/states';
import type { CalendarFilters } from './calendar.store';
import { locate, type DayFrame } from './grid';
import { matches } from './post-view';

/** One post at one instant on the grid: what a chip shows, computed once per fetch. */
export interface Chip {
  /** Unique on the grid: a post whose copies go out at two times has two chips. */
  key: string;
  post: CalendarChipDto;
  at: number;
  /** Index into the visible days, and the wall-clock minute of that day. */
  dayIndex: number;
  minutes: number;
  platforms: Platform[];
  state: TargetState;
  /** False once any copy is being published or is out: the core refuses to move it. */
  movable: boolean;
}

/** The state a chip shows: the one that most needs the creator's eye. */
const ATTENTION: TargetState[] = ['failed', 'unconfirmed', 'missed', 'publishing', 'in_review', 'approved', 'scheduled', 'published', 'draft', 'cancelled'];

export function targetPasses(t: Pick<TargetDto, 'accountId' | 'state'>, filters: CalendarFilters): boolean {
  if (filters.accountIds.length > 0 && (!t.accountId || !filters.accountIds.includes(t.accountId))) return false;
  if (filters.states.length > 0 && !filters.states.includes(t.state)) return false;
  return true;
}

/** Whether a post shows in the list view under the filters: one of its copies passes them. */
export function postPasses(post: PostDto, filters: CalendarFilters): boolean {
  if (filters.accountIds.length === 0 && filters.states.length === 0) return true;
  return post.targets.some((t) => targetPasses(t, filters));
}

export function isMovable(post: { targets: readonly Pick<TargetDto, 'state'>[] }): boolean {
  return post.targets.every((t) => EDITABLE_STATES.includes(t.state));
}

/**
 * Chips per visible day, each day in time order. Copies are grouped by instant, so a post
 * whose copies share a time (the usual case) is one chip with every platform's dot. A post
 * being moved (`pending`) shows at its new time until the core answers.
 */
export function placeChips(
  posts: readonly CalendarChipDto[],
  opts: { days: readonly DayFrame[]; zone: string; filters: CalendarFilters; search: string; pending: Readonly<Record<string, number>> },
): Chip[][] {
  const byDay: Chip[][] = opts.days.map(() => []);
  for (const post of posts) {
    if (!matches(post, opts.search)) continue;
    const moving = opts.pending[post.id];
    const groups = new Map<number, ChipTargetDto[]>();
    for (const t of post.targets) {
      if (!t.scheduledAt || !targetPasses(t, opts.filters)) continue;
      const at = moving ?? Date.parse(t.scheduledAt);
      const list = groups.get(at);
      if (list) list.push(t);
      else groups.set(at, [t]);
    }
    const movable = isMovable(post);
    for (const [at, targets] of groups) {
      const where = locate(at, opts.days, opts.zone);
      if (!where) continue;
      const states = new Set(targets.map((t) => t.state));
      byDay[where.index]!.push({
        key: `${post.id}@${at}`,
        post,
        at,
        dayIndex: where.index,
        minutes: where.minutes,
        platforms: targets.map((t) => t.platform),
        state: ATTENTION.find((s) => states.has(s)) ?? 'draft',
        movable,
      });
    }
  }
  // Stable: chips at the same instant keep the core's order, the order their posts were made in.
  for (const day of byDay) day.sort((a, b) => a.at - b.at);
  return byDay;
}
