import type { AccountDto, PostDto } from '../../../shared/contract';
import type { Platform } from '../../../shared/domain/platforms';
import { ATTENTION_STATES } from '../data/post-attention';
import { platformList, plural, shortWhen } from '../lib/format';

export interface StatusSummary {
  tone: 'calm' | 'attention';
  /** Whether anything can go out at all: at least one account that can post. */
  publishingOn: boolean;
  publishing: string;
  parts: string[];
  /** "2 need attention": failed, unconfirmed or missed posts, and accounts to reconnect. */
  attention: { count: number; posts: number; accounts: number } | null;
}

export interface StatusInput {
  upcoming: PostDto[];
  drafts: PostDto[];
  /** Every post; the ones that failed, went unconfirmed or were missed are no longer upcoming. */
  all: PostDto[];
  accounts: AccountDto[];
  zone: string;
  nowMs: number;
}

/** A scheduled copy this far past its time has not simply been picked up yet by the scheduler. */
const OVERDUE_MS = 2 * 60_000;

/**
 * The status line, from real data only: whether anything can be published, what goes out next,
 * and what waits on the creator. Nothing is counted that the core doesn't hold.
 */
export function summarize({ upcoming, drafts, all, accounts, zone, nowMs }: StatusInput): StatusSummary {
  const canPost = accounts.filter((a) => a.status === 'connected' || a.status === 'rate_limited');
  const brokenAccounts = accounts.filter((a) => a.status === 'needs_reconnect' || a.status === 'disconnected').length;
  const publishingOn = canPost.length > 0;
  const publishing = publishingOn ? 'Publishing on' : accounts.length === 0 ? 'No accounts connected: posts can’t go out' : 'No account can post: posts can’t go out until you reconnect one';

  const slots: { at: number; platforms: Platform[] }[] = [];
  let overdue = 0;
  let unbound = 0;
  for (const post of upcoming) {
    const timed = post.targets.filter((t) => t.state === 'scheduled' && t.scheduledAt);
    if (timed.length === 0) continue;
    if (timed.some((t) => t.accountId === null)) unbound++;
    const times = timed.map((t) => Date.parse(t.scheduledAt!));
    const future = times.filter((t) => t > nowMs);
    if (future.length === 0) {
      if (times.some((t) => nowMs - t > OVERDUE_MS)) overdue++;
      continue;
    }
    const at = Math.min(...future);
    slots.push({ at, platforms: timed.filter((t) => Date.parse(t.scheduledAt!) === at).map((t) => t.platform) });
  }
  slots.sort((a, b) => a.at - b.at);

  const attentionPosts = all.filter((p) => p.targets.some((t) => ATTENTION_STATES.includes(t.state))).length;
  const attentionCount = attentionPosts + brokenAccounts;

  const parts: string[] = [];
  const next = slots[0];
  if (next) parts.push(`next post ${shortWhen(next.at, zone, nowMs)} to ${platformList(next.platforms)}`);
  parts.push(`${slots.length} scheduled`);
  if (overdue > 0) parts.push(`${overdue} past ${overdue === 1 ? 'its' : 'their'} time, not sent yet`);
  // With no account at all, the first words already say nothing goes out.
  if (publishingOn && unbound > 0) parts.push(`${plural(unbound, 'post')} with no account to go out on`);
  if (drafts.length > 0) parts.push(plural(drafts.length, 'draft'));

  const tone = attentionCount > 0 || overdue > 0 || (publishingOn && unbound > 0) ? 'attention' : 'calm';
  return {
    tone,
    publishingOn,
    publishing,
    parts,
    attention: attentionCount > 0 ? { count: attentionCount, posts: attentionPosts, accounts: brokenAccounts } : null,
  };
}
