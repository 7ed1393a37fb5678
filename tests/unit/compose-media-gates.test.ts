import { describe, expect, it } from 'vitest';
import type { PlatformCapabilitiesDto } from '../../shared/contract';
import { mediaAvailability, unlessMediaRefused } from '../../shared/domain/compose-availability';
import type { Platform } from '../../shared/domain/platforms';
import { gateProblemsOf, mediaGateProblems } from '../../renderer/src/features/compose/compose-form';
import { EMPTY_FORM, type ComposeForm, type ComposeMedia } from '../../renderer/src/features/compose/compose-state';
import { composeMediaOf } from '../../renderer/src/features/compose/mediaRules';
import { capabilities } from '../support/capabilities';

// Threads and first comments off unless a test turns them on.
const cap = (platform: Platform, over: Partial<PlatformCapabilitiesDto> = {}): PlatformCapabilitiesDto => capabilities(platform, { threads: false, firstComment: false, ...over });
const CAPS = [cap('x'), cap('instagram', { requiresMedia: true, maxImages: 10 }), cap('pinterest', { requiresMedia: true, maxImages: 1 }), cap('bluesky', { video: false }), cap('threads', { maxImages: 20 })];

const HASH = (n: number) => String(n).repeat(64).slice(0, 64);
/** An item as the upload answers it (MediaInfoDto), taken into the form as the tray takes it. */
const uploaded = (n: number, mime: string, width?: number, height?: number, altText = ''): ComposeMedia =>
  composeMediaOf({ hash: HASH(n), mime, bytes: 40_000, ...(width ? { width } : {}), ...(height ? { height } : {}) }, `file${n}`, altText);
const formWith = (platforms: Platform[], media: ComposeMedia[]): ComposeForm => ({ ...EMPTY_FORM, text: 'The studio at dawn.', platforms, media });
const messages = (form: ComposeForm) => mediaGateProblems(form, CAPS).map((p) => `${p.platform}: ${p.message}`);

describe("the composer's live media checks (the core's pre-flight, as soon as media are added)", () => {
  it('keeps the width and height the upload answered with', () => {
    expect(uploaded(1, 'image/jpeg', 1080, 1920)).toMatchObject({ width: 1080, height: 1920 });
    expect(uploaded(2, 'video/mp4')).not.toHaveProperty('width');
  });

  it("refuses a photo too tall for Instagram, from its size, in the core's words", () => {
    const form = formWith(['instagram', 'x'], [uploaded(1, 'image/jpeg', 1080, 1920)]);
    expect(messages(form)).toEqual(['instagram: Instagram takes photos between 4:5 (portrait) and 1.91:1 (landscape); image 1 is 1080×1920. Crop it to fit.']);
    // The same words the composer gives when the post is saved (the check before sending).
    expect(gateProblemsOf(form, CAPS)).toEqual({ media: mediaGateProblems(form, CAPS)[0]!.message });
    expect(messages(formWith(['instagram'], [uploaded(1, 'image/jpeg', 1080, 1350)]))).toEqual([]);
  });

  it('refuses a PNG for Instagram, and a photo beside a video for X', () => {
    expect(messages(formWith(['instagram'], [uploaded(1, 'image/png', 1200, 1200)]))).toEqual(['instagram: Instagram takes JPEG photos only; image 1 is PNG. Convert it to JPEG, or take Instagram off this post.']);
    expect(messages(formWith(['x'], [uploaded(1, 'image/jpeg', 1200, 800, 'A desk'), uploaded(2, 'video/mp4')]))).toEqual([
      'x: An X post takes one video on its own, without photos or a second video. Keep one video, or split the post.',
    ]);
    expect(messages(formWith(['bluesky'], [uploaded(2, 'video/mp4')]))).toEqual(['bluesky: Bluesky takes no video here: use photos, or take Bluesky off this post.']);
  });

  it("says alt text too long for a platform, but leaves a missing one to the media notes, and missing media to the save's check", () => {
    expect(messages(formWith(['pinterest'], [uploaded(1, 'image/jpeg', 1000, 1500, 'a'.repeat(501))]))).toEqual([
      'pinterest: Pinterest takes alt text up to 500 characters; the one for media 1 has 501. Shorten it.',
    ]);
    expect(messages(formWith(['bluesky'], [uploaded(1, 'image/jpeg', 1200, 800)]))).toEqual([]);
    expect(messages(formWith(['instagram'], []))).toEqual([]);
  });

  it('refuses more media than a chosen platform takes, per platform, naming it', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => uploaded(i + 1, 'image/jpeg', 1080, 1080, 'A photo'));
    expect(messages(formWith(['threads'], twenty))).toEqual([]);
    expect(messages(formWith(['threads', 'x'], twenty))).toEqual(['x: X takes at most 4 images; this post has 20.']);
    expect(messages(formWith(['threads'], [...twenty, uploaded(21, 'image/jpeg', 1080, 1080, 'One more')]))).toEqual(['threads: Threads takes at most 20 images; this post has 21.']);
  });

  it('holds back every send action with the first refusal, and counts the rest', () => {
    const form = formWith(['instagram', 'x'], [uploaded(1, 'image/png', 600, 2000), uploaded(2, 'video/mp4')]);
    const refused = {
      ok: false,
      reason: 'Instagram takes JPEG photos only; image 1 is PNG. Convert it to JPEG, or take Instagram off this post. (and 1 more problem)',
      fix: null,
    };
    const media = mediaAvailability(mediaGateProblems(form, CAPS));
    expect(media).toEqual(refused);
    // Post now and Add to queue give the media's refusal over their own answer, open or not.
    expect(unlessMediaRefused(media, { ok: true, value: ['acc-1'] })).toEqual(refused);
    expect(unlessMediaRefused(media, { ok: false, reason: 'No X account is connected yet.', fix: 'accounts' })).toEqual(refused);
    const fine = mediaAvailability([]);
    expect(fine).toEqual({ ok: true, value: null });
    expect(unlessMediaRefused(fine, { ok: false, reason: 'No X account is connected yet.', fix: 'accounts' })).toEqual({ ok: false, reason: 'No X account is connected yet.', fix: 'accounts' });
  });
});
