import { describe, expect, it } from 'vitest';
import type { AccountDto, PostDto } from '../../shared/contract';
import type { TargetState } from '../../shared/domain/states';
import { freeTimesNote, postNowAvailability, queueAvailability } from '../../shared/domain/compose-availability';

const account = (id: string, platform: AccountDto['platform'], status: AccountDto['status'] = 'connected'): AccountDto => ({
  id,
  platform,
  handle: `@${id}`,
  displayName: null,
  status,
  lastError: null,
  tokenExpiresAt: null,
  signInEndsAt: null,
  signInEndsSoon: false,
  rateLimitedUntil: null,
  serverUrl: null,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const postIn = (...states: TargetState[]): PostDto =>
  ({
    id: 'p1',
    text: 'Hello',
    version: 1,
    targets: states.map((state, i) => ({ id: `t${i}`, platform: 'mastodon', accountId: 'm1', state })),
  }) as unknown as PostDto;

const mastodon = account('m1', 'mastodon');

describe('why Add to queue is unavailable', () => {
  const base = { editing: false, post: null, platforms: ['mastodon' as const], accounts: [mastodon], picked: [], withSlots: new Set(['m1']) };

  it('queues on the chosen accounts once each has posting times', () => {
    expect(queueAvailability(base)).toEqual({ ok: true, value: [mastodon] });
  });

  it('says to pick a platform first', () => {
    expect(queueAvailability({ ...base, platforms: [] })).toMatchObject({ ok: false, reason: 'Pick a platform first.', fix: null });
  });

  it('names the account without posting times, and points at where to set them', () => {
    expect(queueAvailability({ ...base, withSlots: new Set() })).toMatchObject({ ok: false, reason: '@m1 has no posting times yet.', fix: 'posting-times' });
  });

  it('names one, two or three accounts without posting times as a sentence, and says where their free times will show', () => {
    const three = [account('loomstudio', 'x'), account('ada@weave.social', 'mastodon'), { ...account('li', 'linkedin'), handle: 'Loom Studio' }];
    const waiting = (n: number) => queueAvailability({ ...base, platforms: (['x', 'mastodon', 'linkedin'] as const).slice(0, n), accounts: three, withSlots: new Set() });
    expect(waiting(1)).toMatchObject({ ok: false, reason: '@loomstudio has no posting times yet.', fix: 'posting-times' });
    expect(waiting(2)).toMatchObject({ ok: false, reason: '@loomstudio and @ada@weave.social have no posting times yet.' });
    expect(waiting(3)).toMatchObject({ ok: false, reason: '@loomstudio, @ada@weave.social and Loom Studio have no posting times yet.' });
    expect(freeTimesNote(waiting(1))).toBe('@loomstudio has no posting times yet. The next free times show here once they are set.');
    expect(freeTimesNote(waiting(3))).toBe('@loomstudio, @ada@weave.social and Loom Studio have no posting times yet. The next free times show here once they are set.');
    // Only accounts still without times are named; any other reason is no note for the picker.
    expect(queueAvailability({ ...base, platforms: ['x', 'mastodon', 'linkedin'], accounts: three, withSlots: new Set(['ada@weave.social']) })).toMatchObject({ reason: '@loomstudio and Loom Studio have no posting times yet.' });
    expect(freeTimesNote(queueAvailability({ ...base, platforms: [] }))).toBeNull();
    expect(freeTimesNote(queueAvailability(base))).toBeNull();
  });

  it('names a platform with no account, and one whose accounts were not picked', () => {
    expect(queueAvailability({ ...base, platforms: ['mastodon', 'x'] })).toMatchObject({ ok: false, reason: 'No X account is connected yet.', fix: 'accounts' });
    const two = [account('b1', 'bluesky'), account('b2', 'bluesky')];
    expect(queueAvailability({ ...base, platforms: ['bluesky'], accounts: two, withSlots: new Set(['b1', 'b2']) })).toMatchObject({ ok: false, reason: 'Pick which Bluesky account gets it.' });
    expect(queueAvailability({ ...base, platforms: ['bluesky'], accounts: two, picked: ['b2'], withSlots: new Set(['b2']) })).toEqual({ ok: true, value: [two[1]] });
  });

  it('waits while posting times are looked up, and refuses an account to reconnect', () => {
    expect(queueAvailability({ ...base, withSlots: null })).toMatchObject({ ok: false, reason: 'Looking up the posting times…' });
    expect(queueAvailability({ ...base, accounts: [account('m1', 'mastodon', 'needs_reconnect')] })).toMatchObject({ ok: false, fix: 'accounts', reason: expect.stringContaining('needs reconnecting') });
  });
});

describe('Add to queue for a post being edited', () => {
  const base = { editing: true, platforms: ['mastodon' as const], accounts: [mastodon], picked: [], withSlots: new Set(['m1']) };
  const draft = (scheduledAt: string | null, targetAt: string | null = scheduledAt): PostDto =>
    ({ id: 'p1', text: 'Hello', version: 1, scheduledAt, targets: [{ id: 't0', platform: 'mastodon', accountId: 'm1', state: 'draft', scheduledAt: targetAt }] }) as unknown as PostDto;

  it('queues an unscheduled draft: it has no place yet (an idea turned into a post, a draft saved without a time)', () => {
    expect(queueAvailability({ ...base, post: draft(null) })).toEqual({ ok: true, value: [mastodon] });
  });

  it('tells a post that already has a day and time to change it instead', () => {
    const placed = { ok: false, reason: 'This post already has its place; change its day and time instead.' };
    expect(queueAvailability({ ...base, post: draft('2030-05-01T10:00:00.000Z') })).toMatchObject(placed);
    // One copy holding a time is enough: the post has its place on that account.
    expect(queueAvailability({ ...base, post: draft(null, '2030-05-01T10:00:00.000Z') })).toMatchObject(placed);
  });

  it('still names what else keeps an unscheduled draft out of the queue', () => {
    expect(queueAvailability({ ...base, post: draft(null), withSlots: new Set() })).toMatchObject({ ok: false, reason: '@m1 has no posting times yet.', fix: 'posting-times' });
  });
});

describe('why Post now is unavailable', () => {
  const base = { platforms: ['mastodon' as const], accounts: [mastodon], picked: [], autoApprove: true, post: null };

  it('posts a new post when own posts skip review', () => {
    expect(postNowAvailability(base)).toEqual({ ok: true, value: [mastodon] });
  });

  it('sends to Review instead when Settings make own posts wait there, unless the post was approved', () => {
    expect(postNowAvailability({ ...base, autoApprove: false })).toMatchObject({ ok: false, fix: 'settings', reason: expect.stringContaining('Send it for review instead') });
    expect(postNowAvailability({ ...base, autoApprove: false, post: postIn('approved') }).ok).toBe(true);
    expect(postNowAvailability({ ...base, autoApprove: false, post: postIn('draft') }).ok).toBe(false);
  });

  it('refuses a post waiting in Review, and a platform with no connected account', () => {
    expect(postNowAvailability({ ...base, post: postIn('in_review') })).toMatchObject({ ok: false, reason: 'It is waiting in Review: approve it there first.' });
    expect(postNowAvailability({ ...base, platforms: ['x'] })).toMatchObject({ ok: false, fix: 'accounts', reason: 'No X account is connected yet. Connect one to post now.' });
  });
});
