import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract';
import type { Platform } from '../../shared/domain/platforms';
import { coreFieldOf } from '../../renderer/src/features/compose/compose-form';
import { EMPTY_FORM, type ComposeForm } from '../../renderer/src/features/compose/compose-state';
import { splitIssues } from '../../renderer/src/lib/errors';
import { capabilities } from '../support/capabilities';

const cap = capabilities;
const CAPS = [cap('x'), cap('bluesky'), cap('mastodon')];
const form = (over: Partial<ComposeForm>): ComposeForm => ({ ...EMPTY_FORM, text: 'Hello', platforms: ['x'], ...over });
const image = (hash: string, altText = '') => ({ hash: hash.repeat(64), mime: 'image/png', bytes: 1000, name: 'a.png', altText });

/** The core's refusal as its gates build it (electron/core/posts/gates.ts): [platform, ...field.split('.')]. */
const gateFailed = (...issues: [Platform, string, string][]) =>
  new AppError('gate_failed', issues.map(([, , m]) => m).join(' '), { issues: issues.map(([platform, field, message]) => ({ path: [platform, ...field.split('.')], message })) });

describe("the core's refusals after a save land beside the composer's fields", () => {
  it('a thread part, the first comment and a platform’s own text each under their own field, not the post text', () => {
    const f = form({ platforms: ['x', 'bluesky'], thread: ['Second', 'Third'], firstComment: 'Links below', overrides: { bluesky: 'Hi Bluesky' } });
    const split = splitIssues(
      gateFailed(['x', 'thread.3', "Thread part 3 doesn't fit X."], ['x', 'firstComment', "The first comment doesn't fit X."], ['bluesky', 'text', "The text doesn't fit Bluesky."], ['x', 'text', "The text doesn't fit X."]),
      coreFieldOf(f, CAPS),
    );
    expect(split.fields).toEqual({
      'thread.1': "Thread part 3 doesn't fit X.",
      firstComment: "The first comment doesn't fit X.",
      'override.bluesky': "The text doesn't fit Bluesky.",
      text: "The text doesn't fit X.",
    });
    expect(split.form).toBeNull();
  });

  it('counts only the written parts, as the core got them', () => {
    // The core got ['Second', 'Fourth']: its part 3 is the form's fourth field (thread.2).
    const f = form({ thread: ['Second', ' ', 'Fourth'] });
    expect(coreFieldOf(f, CAPS)(['x', 'thread', '3'])).toBe('thread.2');
    expect(coreFieldOf(f, CAPS)(['thread', 1])).toBe('thread.2');
  });

  it("an image's missing description under that image, other media problems under the media, an account under the platforms", () => {
    const f = form({ platforms: ['mastodon'], media: [image('a', 'A cat'), image('b')] });
    const fieldOf = coreFieldOf(f, CAPS);
    expect(fieldOf(['mastodon', 'media', '2'])).toBe('alt.1');
    expect(fieldOf(['mastodon', 'media', '1'])).toBe('media');
    expect(fieldOf(['mastodon', 'media'])).toBe('media');
    expect(fieldOf(['mastodon', 'account'])).toBe('platforms');
  });

  it('bad input by its field, and what names no field for the form as a whole', () => {
    const fieldOf = coreFieldOf(form({ thread: ['Second'] }), CAPS);
    expect([fieldOf(['text']), fieldOf(['accounts']), fieldOf(['firstComment']), fieldOf(['schedule', 'time']), fieldOf(['schedule']), fieldOf(['thread'])]).toEqual(['text', 'platforms', 'firstComment', 'time', 'schedule', 'thread.0']);
    const split = splitIssues(new AppError('invalid_input', 'Bad', { issues: [{ path: ['campaignId'], message: 'No such campaign' }] }), fieldOf);
    expect(split).toEqual({ fields: {}, form: { message: 'No such campaign' } });
  });
});
