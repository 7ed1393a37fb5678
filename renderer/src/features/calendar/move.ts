import type { PostDto, TargetDto } from '../../../../shared/contract';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { EDITABLE_STATES } from '../../../../shared/domain/states';
import { resolveLocal } from '../../../../shared/domain/time';
import { api } from '../../api/client';
import { showToast } from '../../app/ui.store';
import { usePostsStore } from '../../data/posts.store';
import { toProblem } from '../../lib/errors';
import { dayTime, wallTime } from '../../lib/format';
import { announce, replaceInRange, setPending, useCalendarStore, type DropSpot } from './calendar.store';
import { goToCalendar, type CalendarView } from './calendar-route';
import { addDays, dayLabel, DAY_MINUTES, hhmm, SLOT_MINUTES, todayIn } from './grid';
import type { Chip } from './placement';
import { moveBack } from './undo-move';
import { duplicateAndEdit } from './duplicate';

/** Why the core would refuse to move a post, in its words, before asking it. */
export function lockedReason(post: { targets: readonly Pick<TargetDto, 'state' | 'platform'>[] }): string | null {
  const t = post.targets.find((x) => !EDITABLE_STATES.includes(x.state));
  if (!t) return null;
  const what = t.state === 'publishing' ? 'being published right now' : `already ${t.state}`;
  return `The ${PLATFORM_NAMES[t.platform]} copy is ${what}, so this post can’t be moved. Duplicate it to reuse it.`;
}

/** Puts focus back on a post's chip once the grid has drawn it at its new place. */
export function focusChip(postId: string): void {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`.calendar-grid [data-post-id="${CSS.escape(postId)}"]`)?.focus()),
  );
}

/** What a spot is called out loud: "Thursday 26 November, 14:30" (or "2:30 PM"), and whether it can be used. */
export function spotWords(day: string, minutes: number, zone: string, nowMs: number): string {
  const label = `${dayLabel(day, todayIn(zone, nowMs), true)}, ${wallTime(minutes)}`;
  const r = resolveLocal({ date: day, time: hhmm(minutes), zone });
  if (!r.ok) return `${label}, a time the clocks skip that night`;
  if (r.epochMs <= nowMs) return `${label}, already passed`;
  return label;
}

/**
 * Moves a post to a day (keeping its time) or a day and time, in the creator's zone. The chip
 * shows at the new place at once; the core has the last word, and its refusal is shown as it
 * wrote it. Outcomes go to a toast, which is a live region too: screen readers hear them once.
 */
export async function reschedule(post: Pick<PostDto, 'id'>, fromAt: number, fromMinutes: number, spot: DropSpot, zone: string): Promise<boolean> {
  const date = spot.day;
  const time = hhmm(spot.minutes ?? fromMinutes);
  const local = resolveLocal({ date, time, zone });
  if (local.ok && local.epochMs === fromAt) {
    announce('Not moved: that is where the post already is.');
    return false;
  }
  if (local.ok) setPending(post.id, local.epochMs);
  try {
    const moved = await api.call('posts:reschedule', { id: post.id, date, time, zone });
    replaceInRange(moved);
    usePostsStore.setState((s) => ({ byId: { ...s.byId, [moved.id]: moved } }));
    const at = moved.scheduledAt ? Date.parse(moved.scheduledAt) : local.ok ? local.epochMs : fromAt;
    showToast(`Moved to ${dayTime(at, zone)} (${zone})`, { action: { label: 'Undo', undo: true, run: () => moveBack(moved, fromAt, zone) } });
    return true;
  } catch (err) {
    showToast('The post was not moved', { detail: toProblem(err).message, tone: 'attention' });
    return false;
  } finally {
    setPending(post.id, null);
  }
}

/** M on a chip: the post follows the arrow keys until Enter drops it or Escape puts it back. */
export function startMove(chip: Chip, view: CalendarView, days: readonly string[], zone: string, nowMs: number): void {
  const words = chip.post.text.trim().split(/\s+/).slice(0, 6).join(' ');
  const reason = lockedReason(chip.post);
  if (reason) {
    showToast('This post can’t be moved', { detail: reason, tone: 'attention', action: { label: 'Duplicate', run: () => void duplicateAndEdit(chip.post.id) } });
    return;
  }
  const day = days[chip.dayIndex]!;
  const minutes = view === 'week' ? chip.minutes - (chip.minutes % SLOT_MINUTES) : chip.minutes;
  useCalendarStore.setState({ move: { chipKey: chip.key, post: chip.post, fromAt: chip.at, fromDay: day, fromMinutes: chip.minutes, spot: { day, minutes }, label: words } });
  const keys = view === 'week' ? 'Left and Right change the day, Up and Down the time by 15 minutes, Page Up and Page Down by an hour' : 'Arrow keys change the day, Up and Down by a week';
  announce(`Moving “${words}”. ${keys}. Enter drops it, Escape cancels. Now on ${spotWords(day, minutes, zone, nowMs)}.`);
}

const STEPS: Record<CalendarView, Record<string, { days?: number; minutes?: number }>> = {
  month: { ArrowLeft: { days: -1 }, ArrowRight: { days: 1 }, ArrowUp: { days: -7 }, ArrowDown: { days: 7 } },
  week: {
    ArrowLeft: { days: -1 },
    ArrowRight: { days: 1 },
    ArrowUp: { minutes: -SLOT_MINUTES },
    ArrowDown: { minutes: SLOT_MINUTES },
    PageUp: { minutes: -60 },
    PageDown: { minutes: 60 },
  },
  list: {},
};

/**
 * One key while moving. Returns true when the key was the move's (the caller then keeps it
 * from doing anything else, like opening the post or closing the panel).
 */
export function moveKey(key: string, view: CalendarView, visibleDays: readonly string[], zone: string, nowMs: number): boolean {
  const move = useCalendarStore.getState().move;
  if (!move) return false;
  if (key === 'Escape') {
    useCalendarStore.setState({ move: null });
    announce(`Move cancelled. “${move.label}” stays on ${spotWords(move.fromDay, move.fromMinutes, zone, nowMs).replace(/, already passed$/, '')}.`);
    focusChip(move.post.id);
    return true;
  }
  if (key === 'Enter' || key === ' ') {
    const { post } = move;
    useCalendarStore.setState({ move: null });
    void reschedule(post, move.fromAt, move.fromMinutes, { day: move.spot.day, minutes: view === 'week' ? move.spot.minutes : null }, zone).then(() => focusChip(post.id));
    return true;
  }
  const step = STEPS[view][key];
  if (!step) return false;
  let day = addDays(move.spot.day, step.days ?? 0);
  let minutes = move.spot.minutes + (step.minutes ?? 0);
  // Up from midnight is the evening before; down from the last slot, the next morning.
  if (minutes < 0) {
    day = addDays(day, -1);
    minutes += DAY_MINUTES;
  } else if (minutes >= DAY_MINUTES) {
    day = addDays(day, 1);
    minutes -= DAY_MINUTES;
  }
  useCalendarStore.setState({ move: { ...move, spot: { day, minutes } } });
  if (!visibleDays.includes(day)) goToCalendar(view, day);
  announce(spotWords(day, view === 'week' ? minutes : move.fromMinutes, zone, nowMs));
  return true;
}
