import type { AccountDto, PostDto } from '../../../shared/contract';
import type { Platform } from '../../../shared/domain/platforms';
import { platformList, plural, shortWhen } from '../lib/format';

export interface StatusSummary {
  tone: 'calm' | 'attention';
  publishing: string;
  parts: string[];
}

/**
 * The status line, from real data only. Publishing is not part of this release, so it says so
 * plainly, and counts what is planned without implying anything will be sent.
 */
export function summarize(upcoming: PostDto[], drafts: PostDto[], accounts: AccountDto[], zone: string, nowMs: number): StatusSummary {
  const connected = accounts.filter((a) => a.status === 'connected').length;
  const publishing =
    accounts.length === 0
      ? 'Publishing not set up yet: connect an account (coming soon)'
      : `Publishing not built yet in this release · ${plural(connected, 'account')} connected`;

  const slots: { at: number; platforms: Platform[] }[] = [];
  let pastDue = 0;
  for (const post of upcoming) {
    const timed = post.targets.filter((t) => t.state === 'scheduled' && t.scheduledAt);
    if (timed.length === 0) continue;
    const times = timed.map((t) => Date.parse(t.scheduledAt!));
    const future = times.filter((t) => t > nowMs);
    if (future.length === 0) {
      pastDue++;
      continue;
    }
    const at = Math.min(...future);
    slots.push({ at, platforms: timed.filter((t) => Date.parse(t.scheduledAt!) === at).map((t) => t.platform) });
  }
  slots.sort((a, b) => a.at - b.at);

  const parts: string[] = [];
  const next = slots[0];
  if (next) parts.push(`next post ${shortWhen(next.at, zone, nowMs)} to ${platformList(next.platforms)}`);
  parts.push(`${slots.length} scheduled`);
  if (pastDue > 0) parts.push(`${pastDue} past ${pastDue === 1 ? 'its' : 'their'} time, not sent`);
  if (drafts.length > 0) parts.push(plural(drafts.length, 'draft'));
  return { tone: pastDue > 0 ? 'attention' : 'calm', publishing, parts };
}
