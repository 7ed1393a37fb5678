/**
 * The pre-flight's media rules, per platform: what a platform's client (and the platform) would
 * refuse when the post falls due is refused before it is scheduled, in words; what they take is
 * not refused.
 */
import { describe, expect, it } from 'vitest';
import { preflight, type PreflightInput } from '../../shared/domain/preflight';
import type { Platform } from '../../shared/domain/platforms';

/** What each client says of itself (electron/core/platforms/<platform>/client.ts). */
const CAPS: Record<Platform, Pick<PreflightInput, 'requiresMedia' | 'maxImages' | 'takesImages' | 'takesVideo'>> = {
  x: { requiresMedia: false, maxImages: 4, takesImages: true, takesVideo: true },
  bluesky: { requiresMedia: false, maxImages: 4, takesImages: true, takesVideo: false },
  mastodon: { requiresMedia: false, maxImages: 4, takesImages: true, takesVideo: true },
  linkedin: { requiresMedia: false, maxImages: 20, takesImages: true, takesVideo: true },
  facebook: { requiresMedia: false, maxImages: 10, takesImages: true, takesVideo: false },
  instagram: { requiresMedia: true, maxImages: 10, takesImages: true, takesVideo: true },
  threads: { requiresMedia: false, maxImages: 20, takesImages: true, takesVideo: true },
  tiktok: { requiresMedia: true, maxImages: 35, takesImages: true, takesVideo: true },
  youtube: { requiresMedia: true, maxImages: 0, takesImages: false, takesVideo: true },
  pinterest: { requiresMedia: true, maxImages: 1, takesImages: true, takesVideo: true },
};

type M = PreflightInput['media'][number];
const MB = 1024 * 1024;
const jpeg = (o: Partial<M> = {}): M => ({ mime: 'image/jpeg', bytes: 200_000, altText: 'A photo', width: 1080, height: 1080, ...o });
const png = (o: Partial<M> = {}): M => jpeg({ mime: 'image/png', ...o });
const gif = (o: Partial<M> = {}): M => jpeg({ mime: 'image/gif', ...o });
const webp = (o: Partial<M> = {}): M => jpeg({ mime: 'image/webp', ...o });
const mp4 = (o: Partial<M> = {}): M => ({ mime: 'video/mp4', bytes: 5 * MB, altText: null, ...o });

const check = (platform: Platform, media: M[]) =>
  preflight({ platform, text: 'Hello', thread: [], firstComment: null, media, ...CAPS[platform], account: null, needAccount: false });
const mediaWords = (platform: Platform, media: M[]) => check(platform, media).map((p) => p.message);

describe('pre-flight media rules', () => {
  it('refuses what each platform would refuse when the post falls due', () => {
    // Instagram: JPEG photos only, up to 8 MB, at most 10 items (photos and videos together).
    expect(mediaWords('instagram', [png()])).toEqual([expect.stringMatching(/Instagram.*JPEG/)]);
    expect(mediaWords('instagram', [jpeg({ bytes: 9 * MB })])).toEqual([expect.stringMatching(/Instagram.*8 MB/)]);
    expect(mediaWords('instagram', [...Array.from({ length: 8 }, () => jpeg()), mp4(), mp4(), mp4()])).toEqual([expect.stringMatching(/Instagram.*at most 10.*11/)]);
    // Threads: JPEG or PNG photos up to 8 MB.
    expect(mediaWords('threads', [gif()])).toEqual([expect.stringMatching(/Threads.*JPEG or PNG/)]);
    expect(mediaWords('threads', [webp()])).toEqual([expect.stringMatching(/Threads.*JPEG or PNG/)]);
    expect(mediaWords('threads', [png({ bytes: 9 * MB })])).toEqual([expect.stringMatching(/Threads.*8 MB/)]);
    expect(mediaWords('threads', [...Array.from({ length: 20 }, () => jpeg()), mp4()])).toEqual([expect.stringMatching(/Threads.*at most 20.*21/)]);
    // TikTok: one video alone, or JPEG/WebP photos.
    expect(mediaWords('tiktok', [png()])).toEqual([expect.stringMatching(/TikTok.*JPEG or WebP/)]);
    expect(mediaWords('tiktok', [mp4(), jpeg()])).toEqual([expect.stringMatching(/TikTok.*one video/)]);
    expect(mediaWords('tiktok', [mp4(), mp4()])).toEqual([expect.stringMatching(/TikTok.*one video/)]);
    // X: 4 photos, or one GIF, or one video, alone; photos up to 5 MB, GIFs up to 15 MB.
    expect(mediaWords('x', [mp4(), jpeg()])).toEqual([expect.stringMatching(/X.*one video/)]);
    expect(mediaWords('x', [mp4(), mp4()])).toEqual([expect.stringMatching(/X.*one video/)]);
    expect(mediaWords('x', [gif(), jpeg()])).toEqual([expect.stringMatching(/X.*one GIF/)]);
    expect(mediaWords('x', [gif(), gif()])).toEqual([expect.stringMatching(/X.*one GIF/)]);
    expect(mediaWords('x', [jpeg({ bytes: 6 * MB })])).toEqual([expect.stringMatching(/X.*5 MB/)]);
    expect(mediaWords('x', [gif({ bytes: 16 * MB })])).toEqual([expect.stringMatching(/X.*15 MB/)]);
    // Bluesky: images up to 2,000,000 bytes each.
    expect(mediaWords('bluesky', [jpeg({ bytes: 2_000_001 })])).toEqual([expect.stringMatching(/Bluesky.*2 MB/)]);
    // LinkedIn: images, or one video alone.
    expect(mediaWords('linkedin', [mp4(), jpeg()])).toEqual([expect.stringMatching(/LinkedIn.*one video/)]);
    expect(mediaWords('linkedin', [mp4(), mp4()])).toEqual([expect.stringMatching(/LinkedIn.*one video/)]);
    // YouTube: exactly one video. Pinterest: one image or one video.
    expect(mediaWords('youtube', [mp4(), mp4()])).toEqual([expect.stringMatching(/YouTube.*one video/)]);
    expect(mediaWords('pinterest', [jpeg(), mp4()])).toEqual([expect.stringMatching(/Pinterest.*one image or one video/)]);
    expect(mediaWords('pinterest', [mp4(), mp4()])).toEqual([expect.stringMatching(/Pinterest.*one image or one video/)]);
    // Mastodon: a video goes alone (the server's images_and_video refusal); a GIF may sit beside photos.
    expect(mediaWords('mastodon', [mp4(), jpeg()])).toEqual([expect.stringMatching(/Mastodon.*one video/)]);
    // Pinterest alt text: at most 500 characters.
    expect(mediaWords('pinterest', [jpeg({ altText: 'a'.repeat(501) })])).toEqual([expect.stringMatching(/Pinterest.*500/)]);
  });

  it('names the field of the media item at fault', () => {
    const [p] = check('instagram', [jpeg(), png()]);
    expect(p).toMatchObject({ platform: 'instagram', rule: 'media_type', field: 'media.2' });
  });

  it('refuses an Instagram photo outside 4:5 to 1.91:1, and takes one inside or of unknown size', () => {
    expect(mediaWords('instagram', [jpeg({ width: 1080, height: 1920 })])).toEqual([expect.stringMatching(/Instagram.*4:5.*1\.91:1/)]);
    expect(mediaWords('instagram', [jpeg({ width: 3000, height: 1000 })])).toEqual([expect.stringMatching(/Instagram.*4:5.*1\.91:1/)]);
    expect(mediaWords('instagram', [jpeg({ width: 1080, height: 1350 })])).toEqual([]);
    expect(mediaWords('instagram', [jpeg({ width: 1910, height: 1000 })])).toEqual([]);
    expect(mediaWords('instagram', [jpeg({ width: undefined, height: undefined })])).toEqual([]);
    // A video's shape is not a photo's rule.
    expect(mediaWords('instagram', [mp4({ width: 1080, height: 1920 })])).toEqual([]);
  });

  it('takes what the platforms take', () => {
    expect(mediaWords('x', [jpeg(), png(), webp(), jpeg({ bytes: 5 * MB })])).toEqual([]);
    expect(mediaWords('x', [gif({ bytes: 15 * MB })])).toEqual([]);
    expect(mediaWords('x', [mp4({ bytes: 500 * MB })])).toEqual([]);
    expect(mediaWords('bluesky', [jpeg({ bytes: 2_000_000 }), png(), gif(), webp()])).toEqual([]);
    expect(mediaWords('instagram', [jpeg({ bytes: 8 * MB }), mp4()])).toEqual([]);
    expect(mediaWords('threads', [jpeg(), png(), mp4()])).toEqual([]);
    expect(mediaWords('tiktok', [jpeg(), webp()])).toEqual([]);
    expect(mediaWords('tiktok', [mp4()])).toEqual([]);
    expect(mediaWords('linkedin', [jpeg(), png(), gif()])).toEqual([]);
    expect(mediaWords('linkedin', [mp4()])).toEqual([]);
    expect(mediaWords('youtube', [mp4()])).toEqual([]);
    expect(mediaWords('pinterest', [png({ altText: 'a'.repeat(500) })])).toEqual([]);
    expect(mediaWords('mastodon', [jpeg(), gif(), png()])).toEqual([]);
    expect(mediaWords('mastodon', [mp4()])).toEqual([]);
    expect(mediaWords('facebook', [jpeg(), png()])).toEqual([]);
  });
});
