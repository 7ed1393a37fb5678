import { describe, expect, it } from 'vitest';
import type { AccountDto } from '../../shared/contract';
import type { Platform } from '../../shared/domain/platforms';
import { composeProblems, controlIdOf, errorIdOf, keepErrors, orderedProblems, type CheckContext } from '../../renderer/src/features/compose/compose-checks';
import { EMPTY_FORM, type ComposeForm } from '../../renderer/src/features/compose/compose-state';
import { capabilities } from '../support/capabilities';

const cap = capabilities;
const CAPS = [cap('x'), cap('bluesky'), cap('mastodon'), cap('linkedin', { threads: false })];
const account = (id: string, platform: Platform) => ({ id, platform, handle: `@${id}` }) as AccountDto;
const NOW = Date.UTC(2030, 0, 10, 12, 0);
const ctx = (over: Partial<CheckContext> = {}): CheckContext => ({ kind: 'schedule', caps: CAPS, accounts: [], editing: false, zone: 'UTC', now: NOW, ...over });
const form = (over: Partial<ComposeForm>): ComposeForm => ({ ...EMPTY_FORM, ...over });
const image = (altText = '') => ({ hash: 'a'.repeat(64), mime: 'image/png', bytes: 1000, name: 'a.png', altText });

describe('the composer finds every problem at once', () => {
  it('an empty post, an empty thread part and no time: all three, in the order the fields read', () => {
    const errors = composeProblems(form({ platforms: ['x'], thread: ['Second part', ''] }), ctx());
    expect(orderedProblems(errors).map(([f]) => f)).toEqual(['text', 'thread.1', 'date', 'time']);
    expect(errors['thread.1']).toBe('Part 3 of the thread is empty. Write it, or remove it.');
  });

  it("a platform's own empty text, an account not picked and images without alt text, beside each field", () => {
    const accounts = [account('m1', 'mastodon'), account('m2', 'mastodon')];
    const f = form({ text: 'Hello', platforms: ['bluesky', 'mastodon'], overrides: { bluesky: ' ' }, media: [image('A cat'), image(), { ...image(), hash: 'b'.repeat(64) }], date: '2030-01-11', time: '09:00' });
    const errors = composeProblems(f, ctx({ accounts }));
    expect(orderedProblems(errors).map(([field]) => field)).toEqual(['alt.1', 'alt.2', 'platforms', 'override.bluesky']);
    expect(errors.platforms).toBe('Pick which Mastodon account gets this post.');
    // A draft may go without descriptions or a time; the rest still holds it back.
    expect(Object.keys(composeProblems(f, ctx({ kind: 'draft', accounts }))).sort()).toEqual(['override.bluesky', 'platforms']);
  });

  it('a passed time and a series without a count, with the text limits of the core', () => {
    const errors = composeProblems(form({ text: 'x'.repeat(400), platforms: ['x'], date: '2030-01-09', time: '09:00', repeat: { everyDays: 7, times: Number.NaN } }), ctx());
    expect(Object.keys(errors).sort()).toEqual(['repeat', 'schedule', 'text']);
    expect(errors.schedule).toContain('has already passed');
    expect(errors.text).toContain("doesn't fit X");
  });

  it('a post with nothing wrong has no problems', () => {
    expect(composeProblems(form({ text: 'Hello', platforms: ['x'], date: '2030-01-11', time: '09:00' }), ctx())).toEqual({});
  });

  it('an edit takes away only the problems of what it touched', () => {
    const before = form({ platforms: ['x'], thread: ['', ''] });
    const errors = { text: 'empty', 'thread.0': 'empty', 'thread.1': 'empty', date: 'pick' } as const;
    expect(keepErrors(errors, before, { ...before, thread: ['Now written', ''] })).toEqual({ text: 'empty', 'thread.1': 'empty', date: 'pick' });
    expect(keepErrors(errors, before, { ...before, text: 'Hi' })).toEqual({ 'thread.0': 'empty', 'thread.1': 'empty', date: 'pick' });
  });

  it('names the control and the message id of each field', () => {
    expect([controlIdOf('thread.1'), errorIdOf('thread.1'), errorIdOf('schedule'), controlIdOf('override.x'), errorIdOf('alt.0')]).toEqual([
      'compose-thread-1',
      'compose-thread-1-error',
      'compose-schedule-error',
      'compose-override-x',
      'compose-media-alt-0-error',
    ]);
  });
});
