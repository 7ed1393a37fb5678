import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../shared/domain/platforms';
import { platformAvatarEdge, platformAvatarStyle } from '../../renderer/src/ui/platform-avatar';

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

describe("a platform avatar's edge", () => {
  // The theme's colours as theme.css writes them: each variable's light and dark side.
  const css = readFileSync(join(__dirname, '../../renderer/src/styles/theme.css'), 'utf8');
  const themed = (name: string): { light: string; dark: string } | undefined => {
    const m = css.match(new RegExp(`--${name}:\\s*light-dark\\(([^,]+),\\s*([^)]+)\\)`));
    return m ? { light: m[1]!.trim(), dark: m[2]!.trim() } : undefined;
  };
  // What an avatar sits on: the page, the sidebar, cards, their hover and the accent's soft fill (a picked chip).
  const SURFACES = ['bg', 'sidebar', 'surface', 'surface-2', 'hover', 'accent-soft'];

  for (const theme of ['light', 'dark'] as const) {
    it(`shows where the fill melts into a ${theme} surface (within 1.5:1), and only there`, () => {
      const surfaces = SURFACES.map((s) => themed(s)![theme]);
      expect(surfaces.every((c) => /^#[0-9a-f]{6}$/i.test(c)), surfaces.join(' ')).toBe(true);
      const edged: string[] = [];
      for (const p of PLATFORMS) {
        const { background, boxShadow } = platformAvatarStyle(p);
        expect(boxShadow).toBe(`inset 0 0 0 1px ${platformAvatarEdge(p)}`);
        const edge = themed(`platform-${p}-edge`)?.[theme] ?? 'transparent';
        const melts = Math.min(...surfaces.map((s) => contrast(background, s))) < 1.5;
        if (!melts) {
          expect(edge, `${p} needs no edge in ${theme}`).toBe('transparent');
          continue;
        }
        edged.push(p);
        // The edge itself is seen: 2:1 against every surface and 1.5:1 against the fill it outlines.
        expect(edge, `${p} in ${theme}`).toMatch(/^#[0-9a-f]{6}$/i);
        for (const s of surfaces) expect(contrast(edge, s), `${p} edge on ${s}`).toBeGreaterThanOrEqual(2);
        expect(contrast(edge, background), `${p} edge on its fill`).toBeGreaterThanOrEqual(1.5);
      }
      // X's #111 on the dark theme was 1.03:1 against the page; TikTok's cyan on the light one 1.19:1.
      expect(edged).toEqual(theme === 'dark' ? ['x'] : ['tiktok']);
    });
  }
});
