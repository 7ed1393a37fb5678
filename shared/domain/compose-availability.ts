/*
 * Whether the composer's Schedule, Post now, Send for review and Add to queue can be used for the
 * chosen accounts and media, and if not, why, in the creator's words (the renderer shows it under
 * the disabled button).
 */

import type { AccountDto, PostDto } from '../contract';
import { PLATFORM_NAMES, type Platform } from './platforms';
import { summariseProblems, type GateProblem } from './preflight';
import { andList } from './word-list';

/** Why an action can't be taken now, in the creator's words; `fix` names where to fix it. */
export interface Unavailable {
  reason: string;
  fix: 'posting-times' | 'accounts' | 'settings' | null;
}

export type Availability<T> = { ok: true; value: T } | ({ ok: false } & Unavailable);

const no = (reason: string, fix: Unavailable['fix'] = null): { ok: false } & Unavailable => ({ ok: false, reason, fix });

/** The accounts a post goes to, platform by platform, as the composer has them. */
interface Chosen {
  platforms: Platform[];
  /** Every account on file (connected or not). */
  accounts: AccountDto[];
  /** Account ids the creator picked where a platform has several. */
  picked: string[];
}

/** Per chosen platform, the accounts the post would go to; a string says why there are none. */
function accountsOf({ platforms, accounts, picked }: Chosen): AccountDto[] | { ok: false } & Unavailable {
  if (platforms.length === 0) return no('Pick a platform first.');
  const out: AccountDto[] = [];
  for (const p of platforms) {
    const mine = accounts.filter((a) => a.platform === p);
    if (mine.length === 0) return no(`No ${PLATFORM_NAMES[p]} account is connected yet.`, 'accounts');
    const chosen = mine.length === 1 ? mine : mine.filter((a) => picked.includes(a.id));
    if (chosen.length === 0) return no(`Pick which ${PLATFORM_NAMES[p]} account gets it.`);
    out.push(...chosen);
  }
  return out;
}

/**
 * Add to queue: a post with no time yet (a new one, or an unscheduled draft opened for editing),
 * going to connected accounts that all have weekly posting times. Only a post being edited whose
 * saved version (`post`) already has a day and time is told to change that instead. `withSlots`
 * is null while the posting times are still being looked up.
 */
export function queueAvailability(f: Chosen & { editing: boolean; post: PostDto | null; withSlots: ReadonlySet<string> | null }): Availability<AccountDto[]> {
  if (f.editing && hasPlace(f.post)) return no('This post already has its place; change its day and time instead.');
  const on = accountsOf(f);
  if (!Array.isArray(on)) return on;
  if (f.withSlots === null) return no('Looking up the posting times…');
  const off = on.find((a) => a.status !== 'connected');
  if (off) return no(`${off.handle} on ${PLATFORM_NAMES[off.platform]} needs reconnecting first.`, 'accounts');
  const bare = on.filter((a) => !f.withSlots!.has(a.id));
  if (bare.length) return no(noPostingTimes(bare.map((a) => a.handle)), 'posting-times');
  return { ok: true, value: on };
}

/** Whether a saved post already holds a day and time (its own, or one of its copies'). */
export function hasPlace(post: PostDto | null): boolean {
  return post !== null && (post.scheduledAt !== null || post.targets.some((t) => t.scheduledAt !== null));
}

/** "@a has no posting times yet.", "@a and @b have…", "@a, @b and @c have…". */
export function noPostingTimes(handles: readonly string[]): string {
  return `${andList(handles)} ${handles.length === 1 ? 'has' : 'have'} no posting times yet.`;
}

/**
 * What the When picker says while Add to queue waits for posting times: the reason, then where
 * the free times will be (the same words for one account or several); null for any other reason.
 */
export function freeTimesNote(queue: Availability<unknown>): string | null {
  if (queue.ok || queue.fix !== 'posting-times') return null;
  return `${queue.reason} The next free times show here once they are set.`;
}

/**
 * Post now: every copy goes to a connected account, and, where Settings make the creator's own
 * posts wait in Review, the post was approved there first (the core refuses otherwise).
 */
export function postNowAvailability(f: Chosen & { autoApprove: boolean; post: PostDto | null }): Availability<AccountDto[]> {
  const on = accountsOf(f);
  if (!Array.isArray(on)) return on.fix === 'accounts' ? no(`${on.reason} Connect one to post now.`, 'accounts') : on;
  const off = on.find((a) => a.status !== 'connected');
  if (off) return no(`${off.handle} on ${PLATFORM_NAMES[off.platform]} needs reconnecting first.`, 'accounts');
  const states = f.post?.targets.map((t) => t.state) ?? [];
  if (states.includes('in_review')) return no('It is waiting in Review: approve it there first.');
  const approved = states.length > 0 && states.every((s) => s === 'approved' || s === 'scheduled' || s === 'missed' || s === 'failed');
  if (!f.autoApprove && !approved) return no('Your own posts wait in Review before they go out (Settings). Send it for review instead.', 'settings');
  return { ok: true, value: on };
}

/**
 * Every way a post leaves the composer but a draft (Schedule, Post now, Send for review, Add to
 * queue): not while a chosen platform would refuse the post's media (a type, size or shape it
 * does not take, more items than it takes, a photo beside a video where a video goes alone): the
 * core's pre-flight refuses it on saving, so the composer says so, in the same words, as soon as
 * the media are added. A draft may still be saved as it is.
 */
export function mediaAvailability(mediaProblems: readonly GateProblem[]): Availability<null> {
  return mediaProblems.length ? no(summariseProblems(mediaProblems)) : { ok: true, value: null };
}

/** An action as it stands once the media are counted in: their refusal first, else its own answer. */
export function unlessMediaRefused<T>(media: Availability<unknown>, action: Availability<T>): Availability<T> {
  return media.ok ? action : { ok: false, reason: media.reason, fix: media.fix };
}
