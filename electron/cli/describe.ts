/** Short, plain descriptions of Loomcast's answers, shared by the CLI's output and the MCP tools' text. */
import type { AccountDto, PostDto } from '../../shared/contract';
import type { DateFormat } from '../../shared/domain/datetime-format';
import { signInEndsWords } from '../../shared/domain/sign-in';

export type Accounts = ReadonlyMap<string, AccountDto>;

export const accountLabel = (a: Pick<AccountDto, 'platform' | 'handle'>): string => `${a.platform} ${a.handle.startsWith('@') ? a.handle : `@${a.handle}`}`;

/**
 * A connected account's state, with the Accounts card's words when its sign-in ends soon and that
 * end in the creator's zone: "connected · Sign-in ends in 3 days — reconnect to keep posting
 * (ends Thu 10 Dec 2026, 10:00 CET)". `now` is the core's clock (posts:summary's asOf).
 */
export function accountState(a: AccountDto, now: number, zone: string, format: DateFormat): string {
  const state = `${a.status.replace('_', ' ')}${a.lastError ? ` (${a.lastError})` : ''}`;
  if (a.status !== 'connected' || !a.signInEndsSoon || !a.signInEndsAt) return state;
  const end = Date.parse(a.signInEndsAt);
  return `${state} · ${signInEndsWords(end, now)} (${end <= now ? 'ended' : 'ends'} ${format.dayTime(end, zone, { withYear: true, withZone: true })})`;
}

export const accountMap = (list: readonly AccountDto[]): Accounts => new Map(list.map((a) => [a.id, a]));

/** The first words of a text on one line. */
export function excerpt(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

const STATE_WORDS: Record<string, string> = {
  draft: 'draft',
  in_review: 'waiting in Review',
  approved: 'approved',
  scheduled: 'scheduled',
  publishing: 'publishing now',
  published: 'published',
  failed: 'failed',
  unconfirmed: 'not confirmed',
  missed: 'missed',
  cancelled: 'cancelled',
};
export const stateWords = (state: string): string => STATE_WORDS[state] ?? state;

/** "bluesky @me (scheduled), mastodon @me@example.social (waiting in Review)". */
export function targetsLine(post: PostDto, accounts: Accounts): string {
  return post.targets
    .map((t) => {
      const a = t.accountId ? accounts.get(t.accountId) : undefined;
      return `${a ? accountLabel(a) : `${t.platform} (no account)`} (${stateWords(t.state)})`;
    })
    .join(', ');
}

export function whenLine(post: Pick<PostDto, 'scheduledAt' | 'zone'>, zone: string, format: DateFormat): string {
  if (!post.scheduledAt) return 'no time set';
  return format.dayTime(Date.parse(post.scheduledAt), post.zone ?? zone, { withYear: true, withZone: true });
}

/** One line per post: when, where and what. */
export function postLine(post: PostDto, accounts: Accounts, zone: string, format: DateFormat): string {
  return `${whenLine(post, zone, format)} · ${targetsLine(post, accounts)} · "${excerpt(post.text)}" [${post.id}]`;
}

/** What became of a post just created or moved, in a sentence. */
export function outcome(post: PostDto, accounts: Accounts, zone: string, format: DateFormat): string {
  const states = new Set(post.targets.map((t) => t.state));
  const where = targetsLine(post, accounts);
  const when = post.scheduledAt ? ` for ${whenLine(post, zone, format)}` : '';
  if (states.has('in_review')) return `Waiting in Review${when} until the creator approves it in the app · ${where}. Post ${post.id}.`;
  if (states.has('scheduled')) return `Scheduled for ${whenLine(post, zone, format)} · ${where}. Post ${post.id}.`;
  if (states.size === 1 && states.has('draft')) return `Saved as a draft · ${where}. Post ${post.id}.`;
  return `${where}. Post ${post.id}.`;
}
