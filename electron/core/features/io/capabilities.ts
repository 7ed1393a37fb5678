/**
 * What each platform's client can publish (photos, video, a first comment), so an import row is
 * checked against the same rules the publisher follows: the capabilities of the clients the
 * shell gave the core.
 */
import type { Platform } from '../../../../shared/domain/platforms';
import type { FeatureDeps } from '../types';

export interface PlatformFeatures {
  images: boolean;
  video: boolean;
  requiresMedia: boolean;
  maxImages: number;
  firstComment: boolean;
}

export type FeaturesOf = (platform: Platform) => PlatformFeatures;

const NONE: PlatformFeatures = { images: false, video: false, requiresMedia: false, maxImages: 0, firstComment: false };

/** The same capabilities the publisher sees; a platform without a client takes nothing extra. */
export function platformFeatures(capabilities: FeatureDeps['capabilities']): FeaturesOf {
  return (platform) => {
    const c = capabilities(platform);
    return c ? { images: c.images, video: c.video, requiresMedia: c.requiresMedia, maxImages: c.maxImages, firstComment: c.firstComment } : NONE;
  };
}
