import { describe, expect, it } from 'vitest';
import type { PlatformCapabilitiesDto } from '../../shared/contract';
import { scheduleAvailability } from '../../shared/domain/compose-availability';
import type { Platform } from '../../shared/domain/platforms';
import { gateProblemsOf, mediaGateProblems } from '../../renderer/src/features/compose/compose-form';
import { EMPTY_FORM, type ComposeForm, type ComposeMedia } from '../../renderer/src/features/compose/compose-state';
import { composeMediaOf } from '../../renderer/src/features/compose/mediaRules';

const cap = (platform: Platform, over: Partial<PlatformCapabilitiesDto> = {}): PlatformCapabilitiesDto => ({
  platform,
  available: true,
  text: true,
  images: true,
  video: true,
  requiresMedia: false,
  maxImages: 4,
  threads: false,
  firstComment: false,
  ...over,
});
const CAPS = [cap('x'), cap('instagram', { requiresMedia: true, maxImages: 10 }), cap('pinterest', { requiresMedia: true, maxImages: 1 }), cap('bluesky', { video: false })];

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
    expect(gateProblemsOf(form, CAPS).banner).toEqual([mediaGateProblems(form, CAPS)[0]!.message]);
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

  it('disables Schedule with the first refusal, and counts the rest', () => {
    const form = formWith(['instagram', 'x'], [uploaded(1, 'image/png', 600, 2000), uploaded(2, 'video/mp4')]);
    expect(scheduleAvailability(mediaGateProblems(form, CAPS))).toEqual({
      ok: false,
      reason: 'Instagram takes JPEG photos only; image 1 is PNG. Convert it to JPEG, or take Instagram off this post. (and 1 more problem)',
      fix: null,
    });
    expect(scheduleAvailability([])).toEqual({ ok: true, value: null });
  });
});
