import { DateTime } from 'luxon';
import type { PostDto } from '../../../../../shared/contract';
import { undoInputFor } from '../../../../../shared/domain/undo-input';
import { PLATFORMS, type Platform } from '../../../../../shared/domain/platforms';
import { api } from '../../../api/client';
import { showToast } from '../../../app/ui.store';
import { refreshPosts } from '../../../data/usePosts';
import { toProblem } from '../../../lib/errors';
import { dayTime, platformList } from '../../../lib/format';
import { useAccountsStore } from '../../accounts/accounts.store';
import { useIdeasStore } from '../../ideas/ideas.store';
import { announce } from '../calendar.store';
import { hhmm } from '../grid';
import { pickTime, reasonWords, rememberTime, type PickedTime } from './pick-time';
import { itemKey, setBusy, type SidebarItem } from './sidebar.store';

/**
 * Where an idea dropped on the calendar goes: the platforms last picked for an idea in Ideas,
 * or else those of the connected accounts (once each). Empty: the creator must choose first.
 */
export function ideaPlatforms(): Platform[] {
  const last = useIdeasStore.getState().lastPlatforms;
  if (last.length > 0) return last;
  const connected = new Set((useAccountsStore.getState().accounts ?? []).map((a) => a.platform));
  return PLATFORMS.filter((p) => connected.has(p));
}

/** The accounts an item goes to, with their handles (for the toast's words). */
export function accountsOf(item: SidebarItem): { id: string; handle: string | null }[] {
  const accounts = useAccountsStore.getState().accounts ?? [];
  const ids = item.kind === 'draft' ? item.post.targets.flatMap((t) => (t.accountId ? [t.accountId] : [])) : accounts.filter((a) => ideaPlatforms().includes(a.platform)).map((a) => a.id);
  return ids.map((id) => ({ id, handle: accounts.find((a) => a.id === id)?.handle ?? null }));
}

const waitsInReview = (post: PostDto) => post.targets.some((t) => t.state === 'in_review');

/** What the toast says about a post just put on a day. */
function scheduledWords(post: PostDto, picked: PickedTime, zone: string): { message: string; detail: string } {
  const at = post.scheduledAt ? dayTime(Date.parse(post.scheduledAt), zone) : null;
  // Not scheduled yet while it waits for approval: the toast says where it really is.
  if (waitsInReview(post)) return { message: at ? `Waiting in Review for ${at}` : 'Waiting in Review', detail: `${reasonWords(picked.reason)} It goes out once approved in Review.` };
  return { message: at ? `Scheduled for ${at}` : 'Scheduled', detail: reasonWords(picked.reason) };
}

async function undoDraft(before: PostDto, after: PostDto): Promise<void> {
  const input = undoInputFor(before, after);
  if (!input) return;
  try {
    await api.call('posts:undo', { posts: [input] });
    await refreshPosts();
    showToast('Back among the drafts, without a time');
  } catch (err) {
    showToast('Not undone', { detail: toProblem(err).message, tone: 'attention' });
  }
}

async function undoIdea(ideaId: string, usedAt: string | null, post: PostDto): Promise<void> {
  try {
    await api.call('ideas:undoToPost', { id: ideaId, postId: post.id, usedAt });
    await refreshPosts();
    showToast('Back among the ideas; the post was removed');
  } catch (err) {
    showToast('Not undone', { detail: toProblem(err).message, tone: 'attention' });
  }
}

/**
 * Puts a sidebar item on a day: a draft is scheduled there, an idea becomes a post scheduled
 * there. `minutes` is the slot it was dropped on (week view); otherwise the time is picked
 * (pickTime) and said in the toast. The core's gates and review rule apply as everywhere; its
 * refusal is shown in its words. The toast offers Undo (and Ctrl+Z).
 */
export async function scheduleItem(item: SidebarItem, day: string, minutes: number | null, zone: string): Promise<boolean> {
  const key = itemKey(item);
  const today = DateTime.now().setZone(zone).toFormat('yyyy-LL-dd');
  if (day < today) {
    showToast('Not scheduled: that day has passed', { detail: 'Drop it on today or a later day.', tone: 'attention' });
    return false;
  }
  if (item.kind === 'idea' && ideaPlatforms().length === 0) {
    showToast('Not scheduled: where should the idea go?', { detail: 'Connect an account, or turn an idea into a post from Ideas once to pick its platforms.', tone: 'attention' });
    return false;
  }
  setBusy(key, true);
  try {
    const picked: PickedTime | null = minutes !== null ? { time: hhmm(minutes), reason: { kind: 'chosen' } } : await pickTime(day, zone, Date.now(), accountsOf(item));
    if (!picked) {
      showToast('Not scheduled: nothing is left of that day', { detail: 'Drop it on a later day.', tone: 'attention' });
      return false;
    }
    const schedule = { date: day, time: picked.time, zone };
    const post =
      item.kind === 'draft'
        ? await api.call('posts:reschedule', { id: item.post.id, ...schedule })
        : await api.call('ideas:toPost', { id: item.idea.id, platforms: ideaPlatforms(), schedule });
    rememberTime(picked.time);
    await refreshPosts();
    const words = scheduledWords(post, picked, zone);
    const run = item.kind === 'draft' ? () => undoDraft(item.post, post) : () => undoIdea(item.idea.id, item.idea.usedAt, post);
    showToast(words.message, { detail: item.kind === 'idea' ? `A post for ${platformList(ideaPlatforms())}. ${words.detail}` : words.detail, action: { label: 'Undo', undo: true, run } });
    return true;
  } catch (err) {
    const problem = toProblem(err);
    showToast('Not scheduled', { detail: problem.message, tone: 'attention' });
    announce(`Not scheduled. ${problem.message}`);
    return false;
  } finally {
    setBusy(key, false);
  }
}
