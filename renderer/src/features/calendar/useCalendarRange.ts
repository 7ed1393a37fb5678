import { useEffect } from 'react';
import type { ChannelInput, EventPayload } from '../../../../shared/contract';
import type { CalendarChipDto } from '../../../../shared/contract/features/calendar';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';
import { useCalendarStore, type CalendarFilters } from './calendar.store';
import type { DayFrame } from './grid';

type RangeInput = ChannelInput<'posts:calendar'>;

/** The one place the filters become a range request. */
export function rangeInput(days: readonly DayFrame[], filters: CalendarFilters): RangeInput {
  return {
    from: new Date(days[0]!.start).toISOString(),
    to: new Date(days[days.length - 1]!.end).toISOString(),
    ...(filters.accountIds.length > 0 ? { accountIds: filters.accountIds } : {}),
    ...(filters.states.length > 0 ? { states: filters.states } : {}),
    ...(filters.campaignIds.length > 0 ? { campaignIds: filters.campaignIds } : {}),
    ...(filters.pillarIds.length > 0 ? { pillarIds: filters.pillarIds } : {}),
  };
}

const keyOf = (input: RangeInput) => JSON.stringify(input);

let wanted: { key: string; input: RangeInput } | null = null;
let listening = false;
let refetchTimer: ReturnType<typeof setTimeout> | null = null;

async function load(key: string, input: RangeInput): Promise<void> {
  try {
    const posts = await api.call('posts:calendar', input);
    // An answer for a range the screen has left is dropped: the newer request wins.
    if (wanted?.key === key) useCalendarStore.setState({ range: { key, posts }, rangeProblem: null });
  } catch (err) {
    if (wanted?.key === key) useCalendarStore.setState({ rangeProblem: toProblem(err) });
  }
}

/**
 * Whether a change can show in the range on screen: it names a post shown there, or one of its
 * instants falls in the range, or it doesn't say when (new text, a delete), so it might.
 */
function touchesRange({ ids, at }: EventPayload<'posts:changed'>): boolean {
  if (!wanted) return false;
  if (!at) return true;
  const from = Date.parse(wanted.input.from);
  const to = Date.parse(wanted.input.to);
  if (at.some((t) => t >= from && t < to)) return true;
  const shown = useCalendarStore.getState().range?.posts ?? [];
  const changed = new Set(ids);
  return shown.some((p) => changed.has(p.id));
}

/** Changes elsewhere (this window, another one, the scheduler) refetch the range on screen. */
function listen(): void {
  if (listening) return;
  listening = true;
  api.subscribe('posts:changed', (change) => {
    if (!touchesRange(change)) return;
    // A burst of changes (an import, a publishing run) becomes one request.
    if (refetchTimer) clearTimeout(refetchTimer);
    refetchTimer = setTimeout(() => {
      refetchTimer = null;
      if (wanted) void load(wanted.key, wanted.input);
    }, 100);
  });
}

/**
 * The posts of the visible days only. While a new range loads, the previous answer stays on
 * screen: posts are placed by their instants, so the days both ranges share stay right.
 */
export function useCalendarRange(days: readonly DayFrame[], filters: CalendarFilters): { posts: CalendarChipDto[] | null; problem: Problem | null; loading: boolean } {
  const input = days.length > 0 ? rangeInput(days, filters) : null;
  const key = input ? keyOf(input) : '';
  const range = useCalendarStore((s) => s.range);
  const problem = useCalendarStore((s) => s.rangeProblem);

  useEffect(() => {
    if (!key) return;
    listen();
    wanted = { key, input: JSON.parse(key) as RangeInput };
    // Fetched on every visit too: pushes missed while the event stream reconnected still land.
    void load(key, wanted.input);
    return () => {
      // Off screen, changes no longer refetch a range nobody looks at.
      if (wanted?.key === key) wanted = null;
    };
  }, [key]);

  return { posts: range?.posts ?? null, problem, loading: range?.key !== key };
}
