import type { AccountDto, PostDto } from '../../../../shared/contract';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { api } from '../../api/client';
import { refreshPosts } from '../../data/usePosts';
import { toProblem } from '../../lib/errors';
import { dayTime, platformList } from '../../lib/format';

/** What the toast says the post now is: scheduled, a draft, or waiting in Review. */
export function describeSaved(saved: PostDto, zone: string): string {
  const where = platformList(saved.targets.map((t) => t.platform));
  // A post waiting in Review is not scheduled yet: say where it is.
  if (saved.targets.some((t) => t.state === 'in_review'))
    return saved.scheduledAt ? `Saved; waiting in Review for ${dayTime(Date.parse(saved.scheduledAt), zone)} on ${where}` : `Saved; waiting in Review for ${where}`;
  return saved.scheduledAt ? `Scheduled for ${dayTime(Date.parse(saved.scheduledAt), zone)} on ${where}` : `Saved to drafts for ${where}`;
}

export interface Outcome {
  post: PostDto;
  message: string;
  /** Something did not happen as asked: a second toast, in the attention tone. */
  attention?: { title: string; detail: string };
}

/** Puts the saved post into each account's next free posting time, and says which times it got. */
export async function addToQueues(saved: PostDto, on: AccountDto[], zone: string): Promise<Outcome> {
  const got: string[] = [];
  let post = saved;
  try {
    for (const account of on) {
      const r = await api.call('queue:add', { postId: saved.id, accountId: account.id });
      post = r.post;
      got.push(`${PLATFORM_NAMES[account.platform]} ${dayTime(Date.parse(r.slot.at), r.slot.zone)}${r.slot.zone === zone ? '' : ` (${r.slot.zone})`}`);
    }
  } catch (err) {
    await refreshPosts();
    return { post, message: got.length ? `Queued on ${got.join(', ')}` : 'Saved to drafts', attention: { title: 'Not every platform got a posting time', detail: toProblem(err).message } };
  }
  await refreshPosts();
  return { post, message: `Added to the queue: ${got.join(' · ')}` };
}

/** Sends the saved post to Review (unless it already waits there, as Settings may have put it). */
export async function sendForReview(saved: PostDto, zone: string): Promise<Outcome> {
  const waiting = saved.targets.every((t) => t.state === 'in_review');
  try {
    const post = waiting ? saved : ((await api.call('review:send', { postIds: [saved.id] }))[0] ?? saved);
    await refreshPosts();
    const when = post.scheduledAt ? ` Once approved it goes out ${dayTime(Date.parse(post.scheduledAt), zone)}.` : ' Once approved, give it a time.';
    return { post, message: `Sent for review: it waits in Review until you approve it.${when}` };
  } catch (err) {
    await refreshPosts();
    return { post: saved, message: describeSaved(saved, zone), attention: { title: 'Saved, but not sent for review', detail: toProblem(err).message } };
  }
}

/** Hands the saved post to the scheduler for right now; a refusal leaves it saved as it was. */
export async function publishNow(saved: PostDto, override: boolean, zone: string): Promise<Outcome> {
  const where = platformList(saved.targets.map((t) => t.platform));
  try {
    const post = await api.call('compose:publishNow', { postId: saved.id, override });
    await refreshPosts();
    return { post, message: `Posting now to ${where}. The calendar shows it as published once ${saved.targets.length > 1 ? 'each platform confirms' : 'the platform confirms'}.` };
  } catch (err) {
    await refreshPosts();
    return { post: saved, message: describeSaved(saved, zone), attention: { title: 'Saved, but not posted', detail: toProblem(err).message } };
  }
}
