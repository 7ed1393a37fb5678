/**
 * How publishing is put in words where it is summarised: the status line and Settings (renderer),
 * the tray (electron/main) and `loomcast status` (electron/cli). One source, so none of them says
 * "publishing on" or promises a next post while no account can post.
 */
import type { BlockedPostsDto } from '../contract/features/publishing';
import { PLATFORM_NAMES } from './platforms';
import type { AccountStatus } from './states';

type WithStatus = { readonly status: AccountStatus };

/** Accounts whose posts the scheduler sends (a rate-limited one waits, then sends). */
export const canPost = (a: WithStatus): boolean => a.status === 'connected' || a.status === 'rate_limited';

const WHY: Record<BlockedPostsDto['reason'], string> = {
  no_account: 'no account connected',
  no_account_picked: 'no account picked',
  needs_reconnect: 'account needs reconnecting',
};

/** "2 Mastodon posts can’t go out: no account connected"; `count` writes the number (the reader's locale). */
export function blockedWords(b: BlockedPostsDto, count: (n: number) => string = String): string {
  return `${count(b.posts)} ${PLATFORM_NAMES[b.platform]} ${b.posts === 1 ? 'post' : 'posts'} can’t go out: ${WHY[b.reason]}`;
}

/** Why nothing can go out: `short` ("No accounts connected") where room is tight, `sentence` for the status line. */
export function nothingCanPostWords(accounts: readonly WithStatus[]): { short: string; sentence: string } {
  return accounts.length === 0
    ? { short: 'No accounts connected', sentence: 'No accounts connected: posts can’t go out' }
    : { short: 'No account can post', sentence: 'No account can post: posts can’t go out until you reconnect one' };
}

/** What nothing-can-post asks of the creator, as a button's words: connect one, or reconnect one. */
export function fixWords(accounts: readonly WithStatus[]): { label: string; title: string } {
  return accounts.length === 0
    ? { label: 'Connect an account', title: 'Open Accounts: scheduled posts go out once an account is connected' }
    : { label: 'Reconnect', title: 'Open Accounts: scheduled posts go out once an account is signed in again' };
}
