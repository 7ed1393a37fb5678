import { PLATFORM_COLORS, type Platform } from '../../../shared/domain/platforms';

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/**
 * A filled avatar in the platform's brand colour with its letter in white, or near-black where
 * white would not keep 3:1 (white on TikTok's cyan was 1.2:1). The avatar is decorative (the
 * platform's or account's name is written beside it), so the graphics' 3:1 applies, not text's 4.5:1.
 */
export function platformAvatarStyle(platform: Platform): { background: string; color: string } {
  const background = PLATFORM_COLORS[platform];
  return { background, color: 1.05 / (luminance(background) + 0.05) >= 3 ? '#ffffff' : '#111111' };
}
