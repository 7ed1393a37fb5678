import type { AccountDto } from '../../../shared/contract';
import type { PostsSummaryDto } from '../../../shared/contract/features/calendar';
import { platformList, plural, shortWhen } from '../lib/format';

export interface StatusSummary {
  tone: 'calm' | 'attention';
  /** Whether anything can go out at all: at least one account that can post. */
  publishingOn: boolean;
  publishing: string;
  parts: string[];
  /** "2 need attention": failed, unconfirmed or missed posts, and accounts to reconnect. */
  attention: { count: number; posts: number; accounts: number } | null;
  /** "3 in review": posts with a copy waiting for a decision in Review (0: nothing said). */
  review: number;
}

export interface StatusInput {
  /** The core's counts (posts:summary): nothing here is counted from a list of posts. */
  counts: PostsSummaryDto;
  accounts: AccountDto[];
  zone: string;
  nowMs: number;
}

/**
 * The status line, from real data only: whether anything can be published, what goes out next,
 * and what waits on the creator. Nothing is counted that the core doesn't hold.
 */
export function summarize({ counts, accounts, zone, nowMs }: StatusInput): StatusSummary {
  const canPost = accounts.filter((a) => a.status === 'connected' || a.status === 'rate_limited');
  const brokenAccounts = accounts.filter((a) => a.status === 'needs_reconnect' || a.status === 'disconnected').length;
  const publishingOn = canPost.length > 0;
  const publishing = publishingOn ? 'Publishing on' : accounts.length === 0 ? 'No accounts connected: posts can’t go out' : 'No account can post: posts can’t go out until you reconnect one';

  const { overdue, unbound } = counts;
  const attentionPosts = counts.attention;
  const attentionCount = attentionPosts + brokenAccounts;

  const parts: string[] = [];
  const next = counts.next;
  if (next) parts.push(`next post ${shortWhen(Date.parse(next.at), zone, nowMs)} to ${platformList(next.platforms)}`);
  parts.push(`${counts.scheduled} scheduled`);
  if (overdue > 0) parts.push(`${overdue} past ${overdue === 1 ? 'its' : 'their'} time, not sent yet`);
  // With no account at all, the first words already say nothing goes out.
  if (publishingOn && unbound > 0) parts.push(`${plural(unbound, 'post')} with no account to go out on`);
  if (counts.drafts > 0) parts.push(plural(counts.drafts, 'draft'));

  const tone = attentionCount > 0 || overdue > 0 || (publishingOn && unbound > 0) ? 'attention' : 'calm';
  return {
    tone,
    publishingOn,
    publishing,
    parts,
    attention: attentionCount > 0 ? { count: attentionCount, posts: attentionPosts, accounts: brokenAccounts } : null,
    // Held for review, they go out only once approved: "0 scheduled" alone would say nothing waits.
    review: counts.review,
  };
}
