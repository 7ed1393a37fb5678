import { describe, expect, it } from 'vitest';
import { DEFAULT_POLL, waitBudget } from '../../electron/core/platforms/meta/container';
import type { MediaItem } from '../../electron/core/platforms/types';
import { DEFAULT_PUBLISH_TIMEOUT_MS, publishTimeoutMs } from '../../electron/core/publishing/timeouts';

const item = (mime: string): MediaItem => ({ hash: mime, mime, bytes: 0, altText: null, read: async () => new Uint8Array(), publicUrl: async () => 'https://x/y' });

describe('Instagram and Threads container waits', () => {
  it('wait for a video longer than a photo may take, and still end before the publish timeout does', () => {
    for (const platform of ['instagram', 'threads'] as const) {
      const photoBound = publishTimeoutMs(platform, [{ bytes: 0, mime: 'image/jpeg' }]);
      const videoBound = publishTimeoutMs(platform, [{ bytes: 0, mime: 'video/mp4' }]);
      expect(waitBudget(DEFAULT_POLL, [item('image/jpeg')]).maxWaitMs).toBeLessThan(photoBound);
      const video = waitBudget(DEFAULT_POLL, [item('image/jpeg'), item('video/mp4')]).maxWaitMs;
      expect(video).toBeGreaterThan(DEFAULT_PUBLISH_TIMEOUT_MS);
      // Room left for the container calls and media_publish after the last poll.
      expect(video).toBeLessThanOrEqual(videoBound - DEFAULT_PUBLISH_TIMEOUT_MS);
    }
  });
});
