import type { AccountDto } from '../../../../shared/contract';
import type { BlockedPostsDto } from '../../../../shared/contract/features/publishing';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { plural } from '../../lib/format';

/** Accounts whose posts the scheduler sends (a rate-limited one waits, then sends). */
export const canPost = (a: AccountDto): boolean => a.status === 'connected' || a.status === 'rate_limited';

const WHY: Record<BlockedPostsDto['reason'], string> = {
  no_account: 'no account connected',
  no_account_picked: 'no account picked',
  needs_reconnect: 'account needs reconnecting',
};

/** "2 Mastodon posts can’t go out: no account connected". */
export function blockedWords(b: BlockedPostsDto): string {
  return `${plural(b.posts, `${PLATFORM_NAMES[b.platform]} post`)} can’t go out: ${WHY[b.reason]}`;
}

/** What nothing-can-post asks of the creator, as a button's words: connect one, or reconnect one. */
export function fixWords(accounts: readonly AccountDto[]): { label: string; title: string } {
  return accounts.length === 0
    ? { label: 'Connect an account', title: 'Open Accounts: scheduled posts go out once an account is connected' }
    : { label: 'Reconnect', title: 'Open Accounts: scheduled posts go out once an account is signed in again' };
}
