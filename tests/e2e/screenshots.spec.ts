import { join, resolve } from 'node:path';
import { dayFromToday, expect, fillComposer, test } from './support/fixtures';
import { rpc } from './support/host';
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
    text: 'Shipping day. The new studio tour is live at https://example.com/tour, with the gear list and the lighting plan. #behindthescenes',
    platforms: ['x', 'bluesky', 'mastodon'],
    date: dayFromToday(ZONE, 3),
    time: '18:30',
  });
  await page.getByTestId('compose-time').blur();
  // Filling the time scrolled the form; show it from the top, where the text and counters are.
  await page.getByTestId('compose-text').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(OUT, 'compose.png') });
});
