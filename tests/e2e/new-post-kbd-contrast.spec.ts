import { expect, test } from './support/fixtures';

/*
 * The "N" on the New post button is aria-hidden and semi-transparent, and axe (a11y.spec.ts) is
 * not relied on to judge it; sighted keyboard users still read it. Its text is checked here by hand, with
 * its colour's alpha laid over the button's fill, in both themes: 4.5:1 at least (WCAG 1.4.3).
 */

for (const scheme of ['light', 'dark'] as const) {
  test(`the New post button's shortcut badge reads at 4.5:1 or more in the ${scheme} theme`, async ({ page, host, openApp }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await openApp(host);
    const badge = page.locator('.kbd-on-primary');
    await expect(badge).toBeVisible();
    const ratio = await badge.evaluate((el) => {
      const view = el.ownerDocument.defaultView!;
      // Any CSS colour as the browser resolves it, read back as sRGB through a canvas.
      const rgba = (colour: string): [number, number, number, number] => {
        const ctx = (el.ownerDocument.createElement('canvas') as unknown as { getContext(t: '2d'): { fillStyle: string; fillRect(...n: number[]): void; clearRect(...n: number[]): void; getImageData(...n: number[]): { data: number[] } } }).getContext('2d');
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = colour;
        ctx.fillRect(0, 0, 1, 1);
        const d = ctx.getImageData(0, 0, 1, 1).data;
        return [d[0]!, d[1]!, d[2]!, d[3]! / 255];
      };
      let bgEl: typeof el | null = el;
      let bg = rgba('white');
      while (bgEl) {
        const c = rgba(view.getComputedStyle(bgEl).backgroundColor);
        if (c[3] > 0.99) {
          bg = c;
          break;
        }
        bgEl = bgEl.parentElement as typeof el | null;
      }
      const fg = rgba(view.getComputedStyle(el).color);
      const over = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i]! * (1 - fg[3]));
      const lum = (c: number[]) => c.map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i]!, 0);
      const [a, b] = [lum(over), lum(bg.slice(0, 3))];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    });
    expect(ratio).toBeGreaterThanOrEqual(4.5);
  });
}
