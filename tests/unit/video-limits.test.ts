/**
 * Each platform's video length, refused in the pre-flight in words naming the platform and the
 * limit, where the video's length is known; and said live in the composer, from the upload's answer.
 */
import { describe, expect, it } from 'vitest';
import type { PlatformCapabilitiesDto } from '../../shared/contract';
import { PLATFORM_MEDIA } from '../../shared/domain/media-limits';
import { PLATFORMS, type Platform } from '../../shared/domain/platforms';
import { durationWords, mediaRuleProblems, type PreflightInput } from '../../shared/domain/preflight';
import { PLATFORM_CLIENTS } from '../../electron/core/platforms/registry';
import { mediaGateProblems } from '../../renderer/src/features/compose/compose-form';
import { EMPTY_FORM } from '../../renderer/src/features/compose/compose-state';
import { composeMediaOf } from '../../renderer/src/features/compose/mediaRules';

type M = PreflightInput['media'][number];
const video = (seconds: number | null, mime = 'video/mp4'): M => ({ mime, bytes: 5_000_000, altText: null, ...(seconds === null ? {} : { durationMs: Math.round(seconds * 1000) }) });
const jpeg: M = { mime: 'image/jpeg', bytes: 200_000, altText: 'A photo', width: 1080, height: 1080 };

/** The length refusals for these media on the platform, with its client's capabilities. */
function lengthRefusals(platform: Platform, media: M[]): string[] {
  const c = PLATFORM_CLIENTS[platform].capabilities;
  return mediaRuleProblems(platform, media, { takesImages: c.images, takesVideo: c.video, maxImages: c.maxImages })
    .filter((p) => /takes videos/.test(p.message))
    .map((p) => p.message);
}

describe('video length in the pre-flight', () => {
  it('refuses a video longer than each platform takes, naming the platform and the limit', () => {
    expect(lengthRefusals('threads', [video(372)])).toEqual(['Threads takes videos up to 5 minutes; video 1 is 6 min 12 s. Trim it, or take Threads off this post.']);
    expect(lengthRefusals('x', [video(141)])).toEqual(['X takes videos between half a second and 140 seconds (2 min 20 s); video 1 is 2 min 21 s. Trim it, or take X off this post.']);
    expect(lengthRefusals('tiktok', [video(601)])).toEqual(['TikTok takes videos between 3 seconds and 10 minutes; video 1 is 10 min 1 s. Trim it, or take TikTok off this post.']);
    expect(lengthRefusals('linkedin', [video(31 * 60)])).toEqual(['LinkedIn takes videos between 3 seconds and 30 minutes; video 1 is 31 min. Trim it, or take LinkedIn off this post.']);
    expect(lengthRefusals('instagram', [video(15 * 60 + 1)])).toEqual(['Instagram takes videos between 3 seconds and 15 minutes; video 1 is 15 min 1 s. Trim it, or take Instagram off this post.']);
    expect(lengthRefusals('pinterest', [video(16 * 60)])).toEqual(['Pinterest takes videos between 4 seconds and 15 minutes; video 1 is 16 min. Trim it, or take Pinterest off this post.']);
    expect(lengthRefusals('youtube', [video(12 * 3600 + 65)])).toEqual(['YouTube takes videos up to 12 hours; video 1 is 12 h 1 min 5 s. Trim it, or take YouTube off this post.']);
  });

  it('takes a video right at the limit, and rounds one just over it away from the limit', () => {
    expect(lengthRefusals('x', [video(140)])).toEqual([]);
    expect(lengthRefusals('x', [video(140.2)])).toEqual([expect.stringContaining('video 1 is 2 min 21 s.')]);
    expect(lengthRefusals('threads', [video(300)])).toEqual([]);
  });

  it('refuses a video shorter than a platform takes', () => {
    expect(lengthRefusals('linkedin', [video(2.96)])).toEqual(['LinkedIn takes videos between 3 seconds and 30 minutes; video 1 is 2.9 s. Use a longer one, or take LinkedIn off this post.']);
    expect(lengthRefusals('x', [video(0.4)])).toEqual([expect.stringContaining('video 1 is 0.4 s. Use a longer one')]);
    expect(lengthRefusals('pinterest', [video(3.5)])).toEqual([expect.stringContaining('Pinterest takes videos between 4 seconds and 15 minutes; video 1 is 3.5 s.')]);
    expect(lengthRefusals('threads', [video(0.5)])).toEqual([]);
  });

  it('says nothing of a video whose length could not be read: the platform may still take it', () => {
    for (const p of PLATFORMS) expect(lengthRefusals(p, [video(null)])).toEqual([]);
    expect(lengthRefusals('threads', [{ ...video(null), durationMs: null }])).toEqual([]);
  });

  it('holds a video in an Instagram carousel to 3–60 seconds, numbered by its place in the post', () => {
    expect(lengthRefusals('instagram', [jpeg, video(90)])).toEqual(['Instagram takes videos between 3 and 60 seconds in a carousel; video 2 is 1 min 30 s. Trim it, or take Instagram off this post.']);
    expect(lengthRefusals('instagram', [jpeg, video(59)])).toEqual([]);
    expect(lengthRefusals('instagram', [video(90)])).toEqual([]);
  });

  it('has a length for every platform whose client posts video, except Mastodon (a size per instance, no length)', () => {
    const withVideo = PLATFORMS.filter((p) => PLATFORM_CLIENTS[p].capabilities.video);
    expect(withVideo.filter((p) => !PLATFORM_MEDIA[p].videoSeconds)).toEqual(['mastodon']);
    // Where the client posts no video, that is said instead (and no length on top of it).
    for (const p of PLATFORMS.filter((q) => !PLATFORM_CLIENTS[q].capabilities.video)) expect(lengthRefusals(p, [video(3600)])).toEqual([]);
  });

  it('words a length as it reads', () => {
    expect([0.4, 2.5, 9.96, 45, 60, 372, 3600, 3661].map((s) => durationWords(s))).toEqual(['0.4 s', '2.5 s', '10 s', '45 s', '1 min', '6 min 12 s', '1 h', '1 h 1 min 1 s']);
  });
});

describe("the composer's live check", () => {
  const cap = (platform: Platform): PlatformCapabilitiesDto => ({ platform, available: true, text: true, images: true, video: true, requiresMedia: false, maxImages: 20, threads: false, firstComment: false });

  it('refuses a too-long video as soon as the upload answers with its length', () => {
    const item = composeMediaOf({ hash: 'a'.repeat(64), mime: 'video/mp4', bytes: 9_000_000, width: 1080, height: 1920, durationMs: 372_000 }, 'rehearsal.mp4', '');
    expect(item).toMatchObject({ durationMs: 372_000 });
    const form = { ...EMPTY_FORM, text: 'The rehearsal.', platforms: ['threads', 'x'] as Platform[], media: [item] };
    expect(mediaGateProblems(form, [cap('threads'), cap('x')]).map((p) => p.message)).toEqual([
      'Threads takes videos up to 5 minutes; video 1 is 6 min 12 s. Trim it, or take Threads off this post.',
      'X takes videos between half a second and 140 seconds (2 min 20 s); video 1 is 6 min 12 s. Trim it, or take X off this post.',
    ]);
    const unknown = composeMediaOf({ hash: 'b'.repeat(64), mime: 'video/mp4', bytes: 9_000_000 }, 'odd.mp4', '');
    expect(mediaGateProblems({ ...form, media: [unknown] }, [cap('threads'), cap('x')])).toEqual([]);
  });
});
