import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../shared/domain/platforms';
import { platformAvatarStyle } from '../../renderer/src/ui/platform-avatar';

const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
};

describe("a platform avatar's letter", () => {
  it('keeps 3:1 on every brand colour, white where white does (white on TikTok cyan was 1.2:1)', () => {
    for (const p of PLATFORMS) {
      const { background, color } = platformAvatarStyle(p);
      expect(contrast(background, color), p).toBeGreaterThanOrEqual(3);
    }
    expect(platformAvatarStyle('tiktok').color).toBe('#111111');
    for (const p of PLATFORMS.filter((q) => q !== 'tiktok')) expect(platformAvatarStyle(p).color, p).toBe('#ffffff');
  });
});
