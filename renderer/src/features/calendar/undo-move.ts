import { DateTime } from 'luxon';
import type { PostDto } from '../../../../shared/contract';
import { api } from '../../api/client';
import { showToast } from '../../app/ui.store';
import { usePostsStore } from '../../data/posts.store';
import { toProblem } from '../../lib/errors';
import { replaceInRange, setPending } from './calendar.store';
import { dayTime } from '../../lib/format';

/** The post as the core holds it now, or null when it is gone. */
async function current(id: string): Promise<PostDto | null> {
  try {
    return await api.call('posts:get', { id });
  } catch {
    return null;
  }
}

/**
 * Undo of a move: the post goes back to the instant it stood at, through posts:reschedule (same
 * rules and gates as any move). Nothing happens when that time has passed meanwhile, or when
 * the post was changed again since: the toast says so, and the post stays where it is.
 */
export async function moveBack(moved: PostDto, fromAt: number, zone: string): Promise<void> {
  const movedAt = moved.scheduledAt ? Date.parse(moved.scheduledAt) : null;
  const now = await current(moved.id);
  const stays = movedAt === null ? 'where it is' : `on ${dayTime(movedAt, zone)}`;
  if (!now) {
    showToast('Not moved back: the post no longer exists', { tone: 'attention' });
    return;
  }
  if (now.scheduledAt !== moved.scheduledAt) {
    showToast('Not moved back: the post was changed since', { detail: `It stays ${now.scheduledAt ? `on ${dayTime(Date.parse(now.scheduledAt), zone)}` : 'where it is'}.`, tone: 'attention' });
    return;
  }
  if (fromAt <= Date.now()) {
    showToast(`Not moved back: ${dayTime(fromAt, zone)} has passed`, { detail: `The post stays ${stays}. Open it to pick another time.`, tone: 'attention' });
    return;
  }
  const wall = DateTime.fromMillis(fromAt, { zone });
  setPending(moved.id, fromAt);
  try {
    const back = await api.call('posts:reschedule', { id: moved.id, date: wall.toFormat('yyyy-LL-dd'), time: wall.toFormat('HH:mm'), zone });
    replaceInRange(back);
    usePostsStore.setState((s) => ({ byId: { ...s.byId, [back.id]: back } }));
    showToast(`Moved back to ${dayTime(back.scheduledAt ? Date.parse(back.scheduledAt) : fromAt, zone)}`);
  } catch (err) {
    showToast('The post was not moved back', { detail: `${toProblem(err).message} It stays ${stays}.`, tone: 'attention' });
  } finally {
    setPending(moved.id, null);
  }
}
