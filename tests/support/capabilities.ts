import type { PlatformCapabilitiesDto } from '../../shared/contract';
import type { Platform } from '../../shared/domain/platforms';

/** A platform's capabilities as the core reports them: everything on, up to 4 images, unless `over` says otherwise. */
export const capabilities = (platform: Platform, over: Partial<PlatformCapabilitiesDto> = {}): PlatformCapabilitiesDto => ({
  platform,
  available: true,
  text: true,
  images: true,
  video: true,
  requiresMedia: false,
  maxImages: 4,
  threads: true,
  firstComment: true,
  ...over,
});
