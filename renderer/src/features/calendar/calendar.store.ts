import { create } from 'zustand';
import type { PostDto } from '../../../../shared/contract';
import type { CalendarChipDto } from '../../../../shared/contract/features/calendar';
import type { TargetState } from '../../../../shared/domain/states';
import type { Problem } from '../../lib/errors';
import type { Chip } from './placement';

/**
 * What narrows the calendar. Each filter is sent to posts:calendar: accounts and states narrow
 * the copies, campaigns and pillars the posts.
 */
export interface CalendarFilters {
  accountIds: string[];
  states: TargetState[];
  campaignIds: string[];
  pillarIds: string[];
}

/** Where a post would land: a day, and a minute of it (null in the month view: keep its time). */
export interface DropSpot {
  day: string;
  minutes: number | null;
}

/** A post being moved with the keyboard (M on a chip). */
export interface KeyboardMove {
  chipKey: string;
  /** The post as it was when the move began: the grid may page to days that don't hold it. */
  post: CalendarChipDto;
  /** The instant the chip stood at when the move began. */
  fromAt: number;
  /** Day and wall-clock minute it started on, in the creator's zone. */
  fromDay: string;
  fromMinutes: number;
  spot: { day: string; minutes: number };
  /** First words of the post, for what the screen reader hears. */
  label: string;
}

interface CalendarState {
  filters: CalendarFilters;
  /** The posts of the range on screen (as chips draw them), under the key they were fetched with. */
  range: { key: string; posts: CalendarChipDto[] } | null;
  rangeProblem: Problem | null;
  /** Post id → the instant it is being moved to, until the core answers. */
  pending: Record<string, number>;
  move: KeyboardMove | null;
  /** The chip being dragged with the mouse, and where it would drop. */
  drag: Chip | null;
  dragSpot: DropSpot | null;
  /** The last thing said to screen readers; `n` makes a repeat of the same words heard again. */
  announcement: { text: string; n: number };
}

export const EMPTY_FILTERS: CalendarFilters = { accountIds: [], states: [], campaignIds: [], pillarIds: [] };

export const useCalendarStore = create<CalendarState>(() => ({
  filters: EMPTY_FILTERS,
  range: null,
  rangeProblem: null,
  pending: {},
  move: null,
  drag: null,
  dragSpot: null,
  announcement: { text: '', n: 0 },
}));

export function announce(text: string): void {
  useCalendarStore.setState((s) => ({ announcement: { text, n: s.announcement.n + 1 } }));
}

export function setFilters(patch: Partial<CalendarFilters>): void {
  useCalendarStore.setState((s) => ({ filters: { ...s.filters, ...patch } }));
}

export function clearFilters(): void {
  useCalendarStore.setState({ filters: EMPTY_FILTERS });
}

export function filtersActive(f: CalendarFilters): boolean {
  return f.accountIds.length > 0 || f.states.length > 0 || f.campaignIds.length > 0 || f.pillarIds.length > 0;
}

export function setPending(postId: string, at: number | null): void {
  useCalendarStore.setState((s) => {
    const pending = { ...s.pending };
    if (at === null) delete pending[postId];
    else pending[postId] = at;
    return { pending };
  });
}

/** A whole post as the grid draws it; the pillar and first media item (which only the range sends) from the chip it replaces. */
export function chipOf(post: PostDto, was: Pick<CalendarChipDto, 'pillar' | 'firstMedia'>): CalendarChipDto {
  return {
    id: post.id,
    text: post.text,
    threadLength: post.thread.length,
    targets: post.targets.map(({ id, platform, accountId, state, scheduledAt }) => ({ id, platform, accountId, state, scheduledAt })),
    pillar: was.pillar,
    firstMedia: was.firstMedia,
  };
}

/** Puts a post the core sent back into the cached range, so the grid shows it at once. */
export function replaceInRange(post: PostDto): void {
  useCalendarStore.setState((s) => (s.range ? { range: { key: s.range.key, posts: s.range.posts.map((p) => (p.id === post.id ? chipOf(post, p) : p)) } } : {}));
}
