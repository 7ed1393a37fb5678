import { describe, expect, it } from 'vitest';
import type { AccountDto } from '../../shared/contract';
import type { PostsSummaryDto } from '../../shared/contract/features/calendar';
import type { PublishingStatusDto } from '../../shared/contract/features/publishing';
import { summarize } from '../../renderer/src/app/status-summary';

// Mon 7 Dec 2026 09:00 in Berlin; the clock is passed in, never read.
const NOW = Date.UTC(2026, 11, 7, 8, 0);
const IN_A_DAY = new Date(NOW + 86_400_000 + 3_600_000).toISOString();

const counts = (over: Partial<PostsSummaryDto> = {}): PostsSummaryDto => ({
  review: 0, drafts: 0, attention: 0, scheduled: 3, overdue: 0, unbound: 0,
  // The earliest scheduled post, whether or not anything can send it.
  next: { at: new Date(NOW + 3_600_000).toISOString(), platforms: ['mastodon'] },
  asOf: new Date(NOW).toISOString(), ...over,
});
const account = (platform: AccountDto['platform'], status: AccountDto['status']): AccountDto => ({
  id: `${platform}-1`, platform, handle: '@me', displayName: null, status, lastError: null, tokenExpiresAt: null,
  signInEndsAt: null, signInEndsSoon: false, rateLimitedUntil: null, serverUrl: null, createdAt: new Date(NOW).toISOString(),
});
const status = (over: Partial<PublishingStatusDto> = {}): PublishingStatusDto => ({
  paused: false, pausedAt: null, next: null, blocked: [], queued: 3,
  attention: { failed: 0, missed: 0, unconfirmed: 0, unreadAlerts: 0, total: 0 }, ...over,
});
const xNext = { postId: 'p', at: IN_A_DAY, excerpt: 'Hi', accounts: [{ id: 'x-1', platform: 'x' as const, handle: '@me' }] };
const run = (accounts: AccountDto[], publishing: PublishingStatusDto | null, c = counts()) => summarize({ counts: c, accounts, publishing, zone: 'Europe/Berlin', nowMs: NOW });

describe('the status line’s words', () => {
  it('promises no next post when no account is connected', () => {
    const s = run([], status({ blocked: [{ platform: 'mastodon', reason: 'no_account', posts: 3 }] }));
    expect(s.publishing).toBe('No accounts connected: posts can’t go out');
    expect(s.parts).toEqual(['3 scheduled']);
    expect(s.blocked).toEqual([]);
    expect(s.publishingOn).toBe(false);
    expect(s.tone).toBe('attention');
  });

  it('names the next post that can go out, and the posts of platforms without an account', () => {
    const s = run([account('x', 'connected')], status({ next: xNext, blocked: [{ platform: 'mastodon', reason: 'no_account', posts: 2 }] }));
    expect(s.parts[0]).toMatch(/^next post .+ to X$/);
    expect(s.blocked).toEqual(['2 Mastodon posts can’t go out: no account connected']);
    expect(s.tone).toBe('attention');
  });

  it('says which posts wait for a reconnect, and promises nothing when no account can post', () => {
    const s = run([account('x', 'needs_reconnect')], status({ blocked: [{ platform: 'x', reason: 'needs_reconnect', posts: 1 }] }));
    expect(s.publishing).toBe('No account can post: posts can’t go out until you reconnect one');
    expect(s.parts.some((p) => p.startsWith('next post'))).toBe(false);
    expect(s.blocked).toEqual(['1 X post can’t go out: account needs reconnecting']);
  });

  it('promises no next post while paused, nor before the core has said what is next', () => {
    expect(run([account('x', 'connected')], status({ paused: true, next: xNext })).parts).toEqual(['3 scheduled']);
    expect(run([account('x', 'connected')], null).parts).toEqual(['3 scheduled']);
  });

  it('is calm with nothing scheduled', () => {
    const s = run([account('x', 'connected')], status({ queued: 0 }), counts({ scheduled: 0, next: null }));
    expect(s).toMatchObject({ publishing: 'Publishing on', parts: ['0 scheduled'], blocked: [], tone: 'calm' });
  });
});
