/**
 * How many media files a post holds: the overall cap is the most any platform takes, and each
 * chosen platform refuses more than it takes, in words naming it.
 */
import { describe, expect, it } from 'vitest';
import { mediaLibraryChannels } from '../../shared/contract/features/media-library';
import { MAX_MEDIA_PER_POST, mediaCapFor, PLATFORM_MEDIA } from '../../shared/domain/media-limits';
import { PLATFORM_NAMES, PLATFORMS, type Platform } from '../../shared/domain/platforms';
import { preflight, type PreflightInput } from '../../shared/domain/preflight';
import { PLATFORM_CLIENTS } from '../../electron/core/platforms/registry';

type M = PreflightInput['media'][number];
const jpeg: M = { mime: 'image/jpeg', bytes: 200_000, altText: 'A photo', width: 1080, height: 1080 };
const mp4: M = { mime: 'video/mp4', bytes: 5_000_000, altText: null };

/** The pre-flight's media-count refusals for `count` items of the kind the platform takes, with its client's capabilities. */
function countRefusals(platform: Platform, count: number): string[] {
  const c = PLATFORM_CLIENTS[platform].capabilities;
  const item = c.images ? jpeg : mp4;
  const input: PreflightInput = {
    platform,
    text: 'Hello',
    thread: [],
    firstComment: null,
    media: Array.from({ length: count }, () => item),
    requiresMedia: c.requiresMedia,
    maxImages: c.maxImages,
    takesImages: c.images,
    takesVideo: c.video,
    account: null,
    needAccount: false,
  };
  return preflight(input)
    .filter((p) => p.rule === 'media_count')
    .map((p) => p.message);
}

const setForPost = mediaLibraryChannels['media:setForPost'].input;
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ hash: i.toString(16).padStart(64, '0'), altText: null }));

describe('media per post', () => {
  it('caps a post at the most any platform takes: TikTok\'s 35 photos, not 10', () => {
    expect(MAX_MEDIA_PER_POST).toBe(Math.max(...PLATFORMS.map((p) => PLATFORM_MEDIA[p].maxItems ?? 0)));
    expect(MAX_MEDIA_PER_POST).toBe(35);
    const id = '01JD0000000000000000000000';
    expect(setForPost.safeParse({ postId: id, items: items(35) }).success).toBe(true);
    const over = setForPost.safeParse({ postId: id, items: items(36) });
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.message).toBe('A post takes at most 35 media files');
  });

  it('lets the chosen platforms set how many the composer takes: the most any of them takes', () => {
    expect(mediaCapFor([])).toBe(MAX_MEDIA_PER_POST);
    expect(mediaCapFor(['x'])).toBe(4);
    expect(mediaCapFor(['pinterest'])).toBe(1);
    expect(mediaCapFor(['x', 'threads'])).toBe(20);
    expect(mediaCapFor(['instagram', 'linkedin'])).toBe(20);
    expect(mediaCapFor(['facebook', 'tiktok', 'bluesky'])).toBe(35);
  });

  it.each(PLATFORMS)('%s takes as many as it says, and refuses one more in words naming it', (platform) => {
    const most = PLATFORM_MEDIA[platform].maxItems!;
    const c = PLATFORM_CLIENTS[platform].capabilities;
    // The client's own image limit agrees with the platform's rules.
    expect(c.maxImages).toBe(c.images ? most : 0);
    expect(countRefusals(platform, most)).toEqual([]);
    const refused = countRefusals(platform, most + 1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain(PLATFORM_NAMES[platform]);
  });

  it('refuses a 35-photo post only for the platforms that take fewer', () => {
    expect(countRefusals('tiktok', 35)).toEqual([]);
    expect(countRefusals('threads', 35)).toEqual(['Threads takes at most 20 images; this post has 35.']);
    expect(countRefusals('linkedin', 21)).toEqual(['LinkedIn takes at most 20 images; this post has 21.']);
    expect(countRefusals('instagram', 11)).toEqual(['Instagram takes at most 10 images; this post has 11.']);
  });
});
