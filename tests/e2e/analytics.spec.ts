import Database from 'better-sqlite3';
import { join, resolve } from 'node:path';
import { expect, test } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';
import { seedHistory, seeder } from '../support/analytics-seed';

const OUT = resolve(__dirname, '../../docs/screenshots');
const ZONE = 'Europe/Berlin';

/**
 * 90 days of published posts and their numbers for three accounts, written to the host's database
 * as the publisher and the metrics sweep would have: the host has no channel for either.
 */
function seed(host: RunningHost, now: number): { x: string; linkedin: string; mastodon: string } {
  const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
  try {
    const s = seeder(db, now);
    const ids = { x: s.account('x', '@loomstudio'), linkedin: s.account('linkedin', 'Loom Studio'), mastodon: s.account('mastodon', '@loom@weave.social') };
    seedHistory(s, [
      { id: ids.x, platform: 'x' },
      { id: ids.linkedin, platform: 'linkedin' },
      { id: ids.mastodon, platform: 'mastodon' },
    ], now, 90);
    return ids;
  } finally {
    db.close();
  }
}

test('the analytics dashboard over 90 days: numbers with change, charts, sortable tables, bands, best times with counts', async ({ page, host, openApp }) => {
  test.setTimeout(60_000); // 90 days of history seeded, then every chart drawn: past 30 s on a machine twice as loaded
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await rpc(host, 'settings:update', { timeZone: ZONE });
  const ids = seed(host, Date.now());

  await openApp(host, '#/analytics');
  const screen = page.getByTestId('analytics-screen');
  await expect(screen.getByRole('heading', { name: 'Analytics', level: 1 })).toBeVisible();
  await page.getByTestId('analytics-preset').selectOption('90');
  await expect(page.getByTestId('analytics-posts-value')).not.toHaveText('0');
  await expect(page.getByTestId('analytics-views-change')).toContainText('reported');
  // Every engagement rate reads with one digit after the point, as the target bands do.
  const rate = /^\d+\.\d %$/;
  await expect(page.getByTestId('analytics-rate-value')).toHaveText(rate);
  for (const chart of ['views', 'engagements', 'rate']) await expect(page.getByTestId(`analytics-chart-${chart}`).locator('canvas')).toBeVisible();
  await expect(page.getByTestId('analytics-freshness')).toContainText('Updated');
  await expect(page.getByTestId('analytics-band')).toHaveCount(3);
  await expect(page.locator('[data-testid="analytics-band"][data-platform="linkedin"]')).toContainText('Default, from your plan');
  await expect(page.locator('[data-testid="analytics-band"][data-platform="linkedin"]')).toContainText(/\d+\.\d % from \d+ posts: \w+ the 3\.0 %–5\.0 % target/);
  await page.mouse.move(0, 899);
  await page.screenshot({ path: join(OUT, 'analytics.png') });

  // Platforms by their names, as everywhere else.
  await expect(page.getByTestId('analytics-platform').locator('option[value="linkedin"]')).toHaveText('LinkedIn');
  await expect(page.getByTestId('analytics-account').locator(`option[value="${ids.linkedin}"]`)).toContainText('(LinkedIn)');
  // Mastodon reports no views: its rows say so rather than show 0.
  await page.getByTestId('analytics-platform').selectOption('mastodon');
  const firstRow = page.getByTestId('analytics-top').getByTestId('analytics-post-row').first();
  await page.getByTestId('analytics-sort-engagements').first().click();
  await expect(firstRow.locator('td').nth(2)).toHaveText('not reported');
  await expect(firstRow.getByTestId('analytics-not-reported')).toContainText('views');
  await page.getByTestId('analytics-platform').selectOption('');
  await page.getByTestId('analytics-sort-views').first().click();

  // A post's growth curve.
  await page.getByTestId('analytics-top').getByTestId('analytics-post-open').first().click();
  await expect(page.getByTestId('analytics-chart-growth').locator('canvas')).toBeVisible();

  // Best times for one account: a heatmap whose counts add up to the posts it rests on.
  await page.getByTestId('analytics-account').selectOption(ids.linkedin);
  await page.getByTestId('analytics-tab-best-times').click();
  const cells = page.getByTestId('analytics-heat-cell');
  await expect(cells).toHaveCount(168);
  const counts = await cells.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-n'))));
  const total = counts.reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThanOrEqual(90);
  await expect(page.getByTestId('analytics-based-on')).toHaveText(`Based on ${total} posts; times in ${ZONE}.`);
  // Every post at the same age, so the hours posted at long ago do not win on age alone.
  await expect(page.getByTestId('analytics-best-times-age')).toContainText('Each post as it stood 24 h after it went out');
  const busiest = cells.filter({ hasText: /\d/ }).first();
  await expect(busiest).toHaveText(String(await busiest.getAttribute('data-n')));
  // Posting times are written only on the click, through the posting-times feature.
  expect((await rpc<{ slots: unknown[] }>(host, 'queue:slots', { accountId: ids.linkedin })).slots).toEqual([]);
  await page.getByTestId('analytics-use-times').click();
  await expect(page.getByTestId('analytics-use-times-done')).toContainText('Saved 3 posting times');
  expect((await rpc<{ slots: unknown[] }>(host, 'queue:slots', { accountId: ids.linkedin })).slots).toHaveLength(3);
  // Mastodon reports no views: its hours are ranked by engagements, shown as counts, never as a rate.
  await page.getByTestId('analytics-account').selectOption(ids.mastodon);
  await expect(page.getByTestId('analytics-heatmap').locator('caption')).toContainText('Median engagements (no views reported, so no rate)');
  await expect(page.getByTestId('analytics-recommendation-text')).toContainText(/\d engagements?, \d+ posts\)/);
  await expect(page.getByTestId('analytics-recommendation-text')).not.toContainText('%');
  await page.getByTestId('analytics-account').selectOption(ids.linkedin);

  await page.getByTestId('analytics-tab-what-works').click();
  const liftRow = page.locator('[data-testid="analytics-dimension"][data-dimension="hashtags"]').getByTestId('analytics-lift-row').first();
  await expect(liftRow).toBeVisible();
  await expect(liftRow.locator('td').nth(1)).toHaveText(rate);
  await expect(page.getByTestId('analytics-baseline')).toContainText(/\(median \d+\.\d %\)/);
  // A card with no group yet says what makes one: these posts were given no pillar.
  await expect(page.locator('[data-testid="analytics-dimension"][data-dimension="pillars"]').getByTestId('analytics-dimension-needs')).toHaveText(
    'A pillar shows here once 5 of its posts have a rate: give posts a pillar in the composer to compare your themes.',
  );
});

test('target rates typed and not saved survive Escape and Close, until saved', async ({ page, host, openApp }) => {
  await openApp(host, '#/analytics');
  await page.getByTestId('analytics-bands-open').click();
  const editor = page.getByTestId('analytics-bands-editor');
  const low = editor.getByLabel('x low end, percent', { exact: true });
  await low.fill('0.7');
  await expect(editor).toContainText('Set by you (not saved yet)');
  await low.press('Escape');
  await expect(editor).toHaveCount(0);

  await page.getByTestId('analytics-bands-open').click();
  await expect(low).toHaveValue('0.7');
  await expect(editor).toContainText('Set by you (not saved yet)');
  await editor.getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('analytics-bands-open').click();
  await expect(low).toHaveValue('0.7');

  await editor.getByRole('button', { name: 'Save targets' }).click();
  await expect(editor).toHaveCount(0);
  await page.getByTestId('analytics-bands-open').click();
  await expect(low).toHaveValue('0.7');
  await expect(editor).not.toContainText('not saved yet');
});

test('an account that reports no views: the tables say why the top is empty and offer engagements, the band says it once; a refused export and a slow tab say so', async ({ page, host, openApp }) => {
  test.setTimeout(60_000);
  await rpc(host, 'settings:update', { timeZone: ZONE });
  const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
  try {
    const s = seeder(db, Date.now());
    seedHistory(s, [{ id: s.account('mastodon', '@loom@weave.social'), platform: 'mastodon' }], Date.now(), 20);
  } finally {
    db.close();
  }
  // What works is held back until the page has said it is working on it.
  let release: () => void = () => undefined;
  const held = new Promise<void>((done) => (release = done));
  await page.route('**/rpc/analytics:whatWorks', async (route) => {
    await held;
    await route.continue();
  });
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(host, '#/analytics');
  const posts = Number(await page.getByTestId('analytics-posts-value').textContent());
  // At 1024 px the posts tables keep inside the page (a wide table scrolls in its own region).
  const overview = await page.getByTestId('analytics-overview').boundingBox();
  for (const table of ['analytics-top', 'analytics-bottom']) {
    const box = await page.getByTestId(table).boundingBox();
    expect(box!.x + box!.width, `${table} sticks out of the page`).toBeLessThanOrEqual(overview!.x + overview!.width + 1);
  }
  expect(posts).toBeGreaterThan(0);

  // Ranked by views, of which Mastodon reports none: not "No posts in this range".
  await expect(page.getByTestId('analytics-top-empty')).toHaveText(`None of the ${posts} posts in this range reports views. Rank them by engagements`);
  await page.getByTestId('analytics-top-rank-engagements').click();
  await expect(page.getByTestId('analytics-top').getByTestId('analytics-post-row').first()).toBeVisible();
  await expect(page.getByTestId('analytics-top').getByRole('heading')).toHaveText('Top posts by engagements');

  // The band says once that there is no rate, not again as a garbled "Default, from …" source.
  const band = page.locator('[data-testid="analytics-band"][data-platform="mastodon"]');
  await expect(band).toContainText('This platform reports no views, so there is no rate to compare.');
  await expect(band).not.toContainText('Default, from');

  await page.getByTestId('analytics-tab-what-works').click();
  await expect(page.getByTestId('analytics-loading')).toHaveText('Working out what works…');
  release();
  // Mastodon reports no views, so no post has a rate: What works says what it needs instead of seven empty cards.
  await expect(page.getByTestId('analytics-what-works-empty')).toBeVisible();
  await expect(page.getByTestId('analytics-what-works-empty').getByRole('heading', { level: 2 })).toHaveText('No post in this range has an engagement rate yet');
  await expect(page.getByTestId('analytics-loading')).toHaveCount(0);

  // An export the core refuses says why, instead of doing nothing.
  await page.getByTestId('analytics-preset').selectOption('custom');
  await page.getByTestId('analytics-from').fill('2026-03-10');
  await page.getByTestId('analytics-to').fill('2026-03-01');
  await page.getByTestId('analytics-export').click();
  await expect(page.getByTestId('analytics-export-problem')).toBeVisible();
});
