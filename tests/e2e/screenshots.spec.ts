import { join, resolve } from 'node:path';
import { dayFromToday, expect, fillComposer, test } from './support/fixtures';
import { rpc } from './support/host';
import { paintedPng } from './support/media';
import { schedulePost } from './support/seed';

const OUT = resolve(__dirname, '../../docs/screenshots');
const ZONE = 'Europe/Berlin';

/** The README's pictures, taken from the real app at 1280×800 with a small, believable plan. */
test('README screenshots: the calendar with a few posts, a post panel and the composer', async ({ page, host, openApp }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await rpc(host, 'settings:update', { timeZone: ZONE });
  const plan = [
    { text: 'Three things I learned shipping a desktop app in a month: keep the core plain Node, test in a real browser, and never trust a clock.', platforms: ['x', 'bluesky', 'linkedin'], day: 1, time: '09:30' },
    { text: 'New video: how I plan a week of posts in twenty minutes, start to finish.', platforms: ['youtube', 'instagram', 'tiktok', 'threads', 'linkedin'], day: 1, time: '17:00' },
    { text: 'Friday thread: the tools I actually use every day, and the ones I dropped.', platforms: ['mastodon', 'bluesky'], day: 2, time: '12:15' },
    { text: 'Newsletter #42 is out: pricing experiments, part two.', platforms: ['linkedin', 'x'], day: 4, time: '08:00' },
  ];
  for (const p of plan) await schedulePost(host, { text: p.text, platforms: p.platforms, date: dayFromToday(ZONE, p.day), time: p.time });
  await rpc(host, 'posts:create', { text: 'Half an idea: what a studio week looks like from the inside.', platforms: ['instagram'], schedule: null });

  await openApp(host);
  await expect(page.getByTestId('post-row')).toHaveCount(5);
  await page.mouse.move(0, 799);
  await page.screenshot({ path: join(OUT, 'calendar.png') });

  await page.getByTestId('post-row').first().click();
  await expect(page.getByTestId('version-item')).toHaveCount(1);
  await page.screenshot({ path: join(OUT, 'post-panel.png') });

  await page.getByTestId('new-post').click();
  await fillComposer(page, {
    text: 'Shipping day. The new studio tour is live, with the gear list and the lighting plan. #behindthescenes',
    platforms: ['mastodon', 'instagram', 'linkedin'],
    date: dayFromToday(ZONE, 3),
    time: '18:30',
  });
  // A sunset over hills, so the previews show a picture rather than a swatch.
  const picture = paintedPng(480, 320, (x, y) => {
    const hill = y > 0.62 + 0.12 * Math.sin(x * 5.5);
    const sun = (x - 0.68) ** 2 + ((y - 0.42) * 1.5) ** 2 < 0.012;
    if (hill) return [40 + 30 * x, 70 + 40 * (1 - y), 60];
    if (sun) return [255, 214, 120];
    return [250 - 120 * y, 140 - 60 * y + 40 * x, 110 + 90 * y];
  });
  // As a JPEG, the one photo format every platform here takes (Instagram takes no PNG): re-encoded by the page's canvas.
  const jpegDataUrl = await page.evaluate(async (pngBase64) => {
    type Img = { onload: () => void; onerror: () => void; src: string; width: number; height: number };
    type Canvas = { width: number; height: number; getContext(k: '2d'): { drawImage(i: Img, x: number, y: number): void }; toDataURL(type: string, q: number): string };
    const g = globalThis as unknown as { Image: new () => Img; document: { createElement(tag: 'canvas'): Canvas } };
    const img = new g.Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the picture did not load'));
      img.src = `data:image/png;base64,${pngBase64}`;
    });
    const canvas = g.document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    canvas.getContext('2d').drawImage(img, 0, 0);
    return canvas.toDataURL('image/jpeg', 0.9);
  }, picture.toString('base64'));
  const sunset = Buffer.from(jpegDataUrl.slice(jpegDataUrl.indexOf(',') + 1), 'base64');
  await page.getByTestId('compose-media-input').setInputFiles({ name: 'studio-sunset.jpg', mimeType: 'image/jpeg', buffer: sunset });
  await expect(page.getByTestId('compose-media-refusal')).toHaveCount(0);
  await page.getByTestId('compose-media-alt-0').fill('The studio roof at sunset, hills behind');
  await page.getByTestId('compose-time').blur();
  await expect(page.getByTestId('preview-instagram').getByTestId('preview-image')).toBeVisible();
  // Filling the time scrolled the form; show it from the top, where the text and counters are.
  await page.getByTestId('compose-text').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(OUT, 'compose.png') });

  // The month in dark mode, for the README.
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await openApp(host, `#/calendar/month/${dayFromToday(ZONE, 1)}`);
  await expect(page.getByTestId('month-day').first()).toBeVisible();
  await page.mouse.move(0, 799);
  await page.screenshot({ path: join(OUT, 'calendar-dark.png') });
});
