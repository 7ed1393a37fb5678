import type { AccountDto } from '../../../shared/contract';
import type { PostsSummaryDto } from '../../../shared/contract/features/calendar';
import type { PublishingStatusDto } from '../../../shared/contract/features/publishing';
import { blockedWords, canPost, nothingCanPostWords } from '../features/publishing/publishing-words';
import { platformList, plural, shortWhen } from '../lib/format';

export interface StatusSummary {
  tone: 'calm' | 'attention';
  /** Whether anything can go out at all: at least one account that can post. */
  publishingOn: boolean;
  publishing: string;
  parts: string[];
  /** "2 Mastodon posts can’t go out: no account connected": scheduled posts held, each a way to Accounts. */
  blocked: string[];
  /** "2 need attention": failed, unconfirmed or missed posts, and accounts to reconnect. */
  attention: { count: number; posts: number; accounts: number } | null;
  /** "3 in review": posts with a copy waiting for a decision in Review (0: nothing said). */
  review: number;
}

export interface StatusInput {
  /** The core's counts (posts:summary): nothing here is counted from a list of posts. */
  counts: PostsSummaryDto;
  accounts: AccountDto[];
  /** The core's word on publishing (publishing:status): what goes out next, what cannot; null until read. */
  publishing: PublishingStatusDto | null;
  zone: string;
  nowMs: number;
}

/**
 * The status line, from real data only: whether anything can be published, what goes out next,
 * and what waits on the creator. Nothing is counted that the core doesn't hold. "Next post" is the
 * core's next post that can go out (its account can post), never merely the earliest scheduled.
 */
export function summarize({ counts, accounts, publishing: status, zone, nowMs }: StatusInput): StatusSummary {
  const brokenAccounts = accounts.filter((a) => a.status === 'needs_reconnect' || a.status === 'disconnected').length;
  const publishingOn = accounts.some(canPost);
  const publishing = publishingOn ? 'Publishing on' : nothingCanPostWords(accounts).sentence;
  const paused = status?.paused === true;

  const { overdue, unbound } = counts;
  const attentionPosts = counts.attention;
  const attentionCount = attentionPosts + brokenAccounts;

  const parts: string[] = [];
  // Paused, nothing goes out next; with no account that can post, the core has no next post either.
  const next = status && !paused ? status.next : null;
  if (next) parts.push(`next post ${shortWhen(Date.parse(next.at), zone, nowMs)} to ${platformList([...new Set(next.accounts.map((a) => a.platform))])}`);
  parts.push(`${counts.scheduled} scheduled`);
  if (overdue > 0) parts.push(`${overdue} past ${overdue === 1 ? 'its' : 'their'} time, not sent yet`);
  // With no account at all, the first words already say nothing goes out.
  const blocked = accounts.length === 0 ? [] : status ? status.blocked.map(blockedWords) : unbound > 0 ? [`${plural(unbound, 'post')} with no account to go out on`] : [];
  if (counts.drafts > 0) parts.push(plural(counts.drafts, 'draft'));

  // Posts planned with nothing able to send them wait on the creator too.
  const stuck = !publishingOn && counts.scheduled > 0;
  const tone = attentionCount > 0 || overdue > 0 || blocked.length > 0 || stuck ? 'attention' : 'calm';
  return {
    tone,
    publishingOn,
    publishing,
    parts,
    blocked,
    attention: attentionCount > 0 ? { count: attentionCount, posts: attentionPosts, accounts: brokenAccounts } : null,
    // Held for review, they go out only once approved: "0 scheduled" alone would say nothing waits.
    review: counts.review,
  };
}
