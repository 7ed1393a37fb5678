import Database from 'better-sqlite3';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dayFromToday, expect, steadyZone, test } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';

/**
 * The weekly report with seeded numbers. The host has no channel for publishing results or metric
 * checks, so the test writes them to its database as the publisher and the metrics sweep would
 * (latest numbers included). The week is named in the URL, so the figures don't depend on today.
 */
function publish(host: RunningHost, postId: string, at: number, m: { views?: number; likes?: number; clicks?: number }): void {
  const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    const targets = db.prepare("UPDATE targets SET state = 'published', published_at = ? WHERE post_id = ? RETURNING id, platform, account_id").all(at, postId) as { id: string; platform: string; account_id: string | null }[];
    for (const t of targets) {
      db.prepare('INSERT INTO metric_snapshots (target_id, at, views, likes, clicks) VALUES (?, ?, ?, ?, ?)').run(t.id, at + 3_600_000, m.views ?? null, m.likes ?? null, m.clicks ?? null);
      db.prepare('INSERT INTO metric_latest (target_id, account_id, platform, published_at, at, views, likes, clicks) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        t.id, t.account_id, t.platform, at, at + 3_600_000, m.views ?? null, m.likes ?? null, m.clicks ?? null,
      );
    }
  } finally {
    db.close();
  }
}

test('open the weekly report, read its figures, download the CSV, and find the print button', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: 'Europe/Berlin' });
  const campaign = await rpc<{ id: string }>(host, 'campaigns:save', { name: 'Launch', currency: 'EUR', costCents: 10_000, revenueCents: 30_000 });
  const seed: [string, string, { views?: number; likes?: number; clicks?: number }][] = [
    ['Knife skills in five minutes', 'x', { views: 1000, likes: 40, clicks: 12 }],
    ['Risotto, slowly', 'x', { views: 1000, likes: 20 }],
    ['A quiet kitchen', 'mastodon', { likes: 9 }],
  ];
  const ids: string[] = [];
  for (const [i, [text, platform, metrics]] of seed.entries()) {
    const post = await rpc<{ id: string }>(host, 'posts:create', { text, platforms: [platform], schedule: null });
    publish(host, post.id, Date.UTC(2026, 10, 17 + i, 12), metrics); // Tue–Thu of the week of 16 Nov 2026
    ids.push(post.id);
  }
  await rpc(host, 'campaigns:assign', { postIds: [ids[0]], campaignId: campaign.id });

  await openApp(host, '#/calendar');
  await page.getByTestId('nav-reports').click();
  await expect(page.getByTestId('reports-screen')).toBeVisible();
  await page.goto(page.url().replace(/#.*$/, '#/reports/2026-11-18'));

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weekly report: 16 – 22 Nov 2026');
  await expect(page.getByTestId('report-posts')).toHaveText('3');
  await expect(page.getByTestId('report-reach')).toHaveText('2,000');
  await expect(page.getByTestId('report-engagements')).toHaveText('69');
  await expect(page.getByTestId('report-rate')).toHaveText('3.0 %');
  await expect(page.getByTestId('report-clicks')).toHaveText('12');
  await expect(page.getByTestId('report-not-reported')).toContainText('No views or impressions from Mastodon');
  await expect(page.getByTestId('report-platforms').locator('[data-platform="mastodon"] td').nth(2)).toHaveText('not reported');
  await expect(page.getByTestId('report-best')).toContainText('Knife skills in five minutes');
  await expect(page.getByTestId('report-best')).toContainText('4.0 % on X');
  await expect(page.getByTestId('report-best')).toContainText('best of 2 with a rate');
  await expect(page.getByTestId('report-campaign-roi')).toHaveText('3.00×');
  await expect(page.getByTestId('report-campaign').locator('td').first()).toHaveText('€100.00');
  await expect(page.getByTestId('report-summary')).toContainText('3 posts published (3 copies) in the week of 16 – 22 Nov 2026 (Europe/Berlin)');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
  expect(download.suggestedFilename()).toBe('loomcast-week-2026-11-16.csv');
  const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
  expect(csv).toContain('reach (views or impressions),2000,2,not reported by: mastodon');
  expect(csv).toContain('Launch,EUR,100.00,300.00,3,1');

  // Browser mode: the browser's own print dialog makes the PDF; the desktop-only button is absent.
  await expect(page.getByTestId('report-print')).toHaveText('Print / Save as PDF');
  await expect(page.getByTestId('report-pdf')).toHaveCount(0);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.sidebar')).toBeHidden();
  await expect(page.getByTestId('report-print')).toBeHidden();
  await expect(page.getByTestId('report-summary')).toBeVisible();

  // The week before has nothing, and says so.
  await page.emulateMedia({ media: 'screen' });
  await page.getByTestId('report-prev').click();
  await expect(page.getByTestId('report-summary')).toHaveText('Nothing was published in the week of 9 – 15 Nov 2026 (Europe/Berlin).');
});

test('a week to come says it has not happened yet, and “Week after” stops at the week under way', async ({ page, host, openApp }) => {
  const zone = steadyZone('Europe/Berlin');
  await rpc(host, 'settings:update', { timeZone: zone });
  // Three weeks from today: not started, so nothing was (or could be) published in it.
  await openApp(host, `#/reports/${dayFromToday(zone, 21)}`);
  await expect(page.getByTestId('report-summary')).toContainText('has not happened yet, so there is nothing to report.');
  await expect(page.getByTestId('report-summary')).not.toContainText('Nothing was published');
  await expect(page.getByTestId('report-next')).toHaveCount(0);
  // One step back to the week under way: its report, and no week after it.
  await page.getByTestId('report-this-week').click();
  await expect(page.getByTestId('report-summary')).toContainText('Nothing published so far in the week of');
  await expect(page.getByTestId('report-next')).toBeDisabled();
  // The week before is over: it may step forward again, to this week and no further.
  await page.getByTestId('report-prev').click();
  await expect(page.getByTestId('report-summary')).toContainText('Nothing was published in the week of');
  await expect(page.getByTestId('report-next')).toBeEnabled();
  await page.getByTestId('report-next').click();
  await expect(page.getByTestId('report-next')).toBeDisabled();
});

test.describe('at a 1024×768 window', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('the report’s heading lays out cleanly: the title on one line, the note full width, the buttons inside the heading', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: 'Europe/Berlin' });
    await openApp(host, '#/reports/2026-11-18');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weekly report: 16 – 22 Nov 2026');
    await expect(page.getByTestId('report-print')).toBeVisible();

    // A string, not a function: the end-to-end tests are type-checked without the DOM library.
    const layout = await page.evaluate<{ header: Box; title: Box; titleLine: number; note: Box; buttons: Box[]; scrollWidth: number; clientWidth: number }>(`(() => {
      const box = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
      const header = document.querySelector('.page-header');
      const title = header.querySelector('h1');
      return {
        header: box(header),
        title: box(title),
        titleLine: parseFloat(getComputedStyle(title).lineHeight),
        note: box(header.querySelector('.page-note')),
        buttons: [...header.querySelectorAll('.page-actions button')].map(box),
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      };
    })()`);
    const width = layout.header.right - layout.header.left;
    expect(layout.scrollWidth, 'the window does not scroll sideways').toBeLessThanOrEqual(layout.clientWidth);
    expect(layout.title.bottom - layout.title.top, 'the title is one line, not a narrow column').toBeLessThan(layout.titleLine * 1.5);
    expect(layout.note.right - layout.note.left, 'the note is not squeezed beside the buttons').toBeGreaterThan(width * 0.6);
    expect(layout.buttons.length).toBeGreaterThanOrEqual(4);
    for (const b of layout.buttons) {
      expect(b.left, 'a button sticks out of the heading').toBeGreaterThanOrEqual(layout.header.left - 1);
      expect(b.right, 'a button sticks out of the heading').toBeLessThanOrEqual(layout.header.right + 1);
      expect(b.bottom, 'a button sticks out of the heading').toBeLessThanOrEqual(layout.header.bottom + 1);
      // Nothing overlaps the title or its note.
      expect(b.top >= layout.note.bottom || b.left >= layout.note.right, 'a button overlaps the note').toBe(true);
    }
  });
});

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
