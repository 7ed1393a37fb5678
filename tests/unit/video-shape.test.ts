/**
 * Each platform's video shape (width ÷ height) and size, refused in the pre-flight in words naming
 * the platform and its limit where the video's size as shown is known; said live in the composer.
 */
import { describe, expect, it } from 'vitest';
import { PLATFORMS, type Platform } from '../../shared/domain/platforms';
import { mediaRuleProblems, type PreflightInput } from '../../shared/domain/preflight';
import { PLATFORM_CLIENTS } from '../../electron/core/platforms/registry';

type M = PreflightInput['media'][number];
const video = (width: number | null, height: number | null): M => ({ mime: 'video/mp4', bytes: 5_000_000, altText: null, durationMs: 30_000, width, height });

/** The shape and size refusals for these media on the platform, with its client's capabilities. */
function shapeRefusals(platform: Platform, media: M[]): string[] {
  const c = PLATFORM_CLIENTS[platform].capabilities;
  return mediaRuleProblems(platform, media, { takesImages: c.images, takesVideo: c.video, maxImages: c.maxImages })
    .filter((p) => /takes videos (between|at least)/.test(p.message) && /×/.test(p.message))
    .map((p) => p.message);
}

describe('video shape in the pre-flight', () => {
  it('refuses a video wider or taller than a platform takes, naming the platform, the limit and the size', () => {
    expect(shapeRefusals('x', [video(1920, 500)])).toEqual(['X takes videos between 1:3 (tall) and 3:1 (wide); video 1 is 1920×500. Crop it to fit, or take X off this post.']);
    expect(shapeRefusals('linkedin', [video(400, 1080)])).toEqual(['LinkedIn takes videos between 1:2.4 (tall) and 2.4:1 (wide); video 1 is 400×1080. Crop it to fit, or take LinkedIn off this post.']);
    expect(shapeRefusals('instagram', [video(2000, 10)])).toEqual(['Instagram takes videos between 1:100 (tall) and 10:1 (wide); video 1 is 2000×10. Crop it to fit, or take Instagram off this post.']);
    expect(shapeRefusals('threads', [video(4, 2000)])).toEqual(['Threads takes videos between 1:100 (tall) and 10:1 (wide); video 1 is 4×2000. Crop it to fit, or take Threads off this post.']);
  });

  it('refuses a video smaller or larger than a platform takes', () => {
    expect(shapeRefusals('tiktok', [video(320, 240)])).toEqual(['TikTok takes videos between 360 and 4,096 pixels on each side; video 1 is 320×240. Use a larger one, or take TikTok off this post.']);
    expect(shapeRefusals('tiktok', [video(3840, 5120)])).toEqual(['TikTok takes videos between 360 and 4,096 pixels on each side; video 1 is 3840×5120. Make it smaller, or take TikTok off this post.']);
    expect(shapeRefusals('x', [video(30, 30)])).toEqual(['X takes videos at least 32 pixels on each side; video 1 is 30×30. Use a larger one, or take X off this post.']);
    expect(shapeRefusals('linkedin', [video(4608, 2592)])).toEqual(['LinkedIn takes videos between 144 and 4,096 pixels on each side; video 1 is 4608×2592. Make it smaller, or take LinkedIn off this post.']);
  });

  it('takes the shapes creators post: portrait, square and landscape at the usual sizes, and limits exactly met', () => {
    const usual = [video(1080, 1920), video(1080, 1080), video(1920, 1080), video(3840, 2160)];
    for (const p of ['x', 'instagram', 'threads', 'youtube', 'pinterest'] as Platform[]) for (const v of usual) expect(shapeRefusals(p, [v])).toEqual([]);
    for (const v of [video(1080, 1920), video(1080, 1080), video(720, 1280)]) expect(shapeRefusals('tiktok', [v])).toEqual([]);
    expect(shapeRefusals('tiktok', [video(360, 4096)])).toEqual([]);
    expect(shapeRefusals('x', [video(1500, 500)])).toEqual([]);
    expect(shapeRefusals('linkedin', [video(256, 144)])).toEqual([]);
    expect(shapeRefusals('linkedin', [video(4096, 2304)])).toEqual([]);
  });

  it('says nothing of a video whose size could not be read: the platform may still take it', () => {
    for (const p of PLATFORMS) {
      expect(shapeRefusals(p, [video(null, null)])).toEqual([]);
      expect(shapeRefusals(p, [video(1920, null)])).toEqual([]);
    }
  });

  it('says nothing of shape where the client posts no video (that is said instead)', () => {
    for (const p of PLATFORMS.filter((q) => !PLATFORM_CLIENTS[q].capabilities.video)) expect(shapeRefusals(p, [video(5000, 10)])).toEqual([]);
  });
});
