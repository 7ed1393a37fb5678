import { PLATFORM_COLORS, type Platform } from '../../../shared/domain/platforms';

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The themed edge of a platform's avatar (theme.css --platform-<name>-edge): a colour where the fill would melt into the page, else transparent. */
export const platformAvatarEdge = (platform: Platform): string => `var(--platform-${platform}-edge, transparent)`;

/**
 * A filled avatar in the platform's brand colour with its letter in white, or near-black where
 * white would not keep 3:1 (white on TikTok's cyan was 1.2:1). The avatar is decorative (the
 * platform's or account's name is written beside it), so the graphics' 3:1 applies, not text's 4.5:1.
 * Its circle gets a 1px inner edge in the themes where the fill is close to the page behind it
 * (X's #111 on the dark theme); the edge is drawn inside, so the avatar keeps its size.
 */
export function platformAvatarStyle(platform: Platform): { background: string; color: string; boxShadow: string } {
  const background = PLATFORM_COLORS[platform];
  return { background, color: 1.05 / (luminance(background) + 0.05) >= 3 ? '#ffffff' : '#111111', boxShadow: `inset 0 0 0 1px ${platformAvatarEdge(platform)}` };
}
