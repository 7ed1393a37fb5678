import type { AccountDto } from '../../../../shared/contract';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { DateTime } from 'luxon';
import { signInEndsWords } from '../../../../shared/domain/sign-in';
import { clockTime, dayTime, shortWhen } from '../../lib/format';

export type StatusTone = 'ok' | 'wait' | 'attention';

/** "14:05" today, "Tue 14:05" this week, "Thu 3 Dec, 14:05" beyond: a time in the creator's zone and format. */
export function untilWords(epochMs: number, zone: string, nowMs: number): string {
  const at = DateTime.fromMillis(epochMs, { zone });
  if (at.hasSame(DateTime.fromMillis(nowMs, { zone }), 'day')) return clockTime(epochMs, zone);
  return epochMs >= nowMs ? shortWhen(epochMs, zone, nowMs) : dayTime(epochMs, zone);
}

/** An account's status in words, from what the core recorded, and how much it needs the creator. */
export function accountStatus(a: AccountDto, zone: string, nowMs: number): { words: string; tone: StatusTone } {
  switch (a.status) {
    case 'connected': {
      // Only a sign-in Loomcast can't renew by itself, ending within the alert's window, is news.
      const end = a.signInEndsSoon && a.signInEndsAt ? Date.parse(a.signInEndsAt) : null;
      if (end === null) return { words: 'Connected', tone: 'ok' };
      return { words: signInEndsWords(end, nowMs), tone: 'attention' };
    }
    case 'needs_reconnect':
      return { words: `Needs reconnect${a.lastError ? `: ${a.lastError}` : ''}`, tone: 'attention' };
    case 'rate_limited': {
      const until = a.rateLimitedUntil ? Date.parse(a.rateLimitedUntil) : null;
      return until && until > nowMs
        ? { words: `Rate limited until ${untilWords(until, zone, nowMs)}`, tone: 'wait' }
        : { words: 'Rate limited: posts wait until the platform allows more', tone: 'wait' };
    }
    case 'disconnected':
      return { words: `Disconnected${a.lastError ? `: ${a.lastError}` : ''}`, tone: 'attention' };
  }
}

/** Whether the card offers Reconnect: the account can't post, or its sign-in ends soon. */
export function needsReconnectButton(a: AccountDto): boolean {
  return a.status === 'needs_reconnect' || a.status === 'disconnected' || (a.status === 'connected' && a.signInEndsSoon);
}

export function accountLabel(a: AccountDto): string {
  return `${a.handle} on ${PLATFORM_NAMES[a.platform]}`;
}
