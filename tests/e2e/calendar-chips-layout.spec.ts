import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { dayFromToday, expect } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';
import { connectMastodon, test } from './support/mastodon';
import { schedulePost } from './support/seed';

const ZONE = 'Europe/Berlin';

/** Posts for tomorrow on Mastodon, three of them then marked failed, unconfirmed and missed as the publisher would leave them. */
async function seed(page: Page, host: RunningHost, mastodon: Parameters<typeof connectMastodon>[2]) {
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: true });
  await connectMastodon(page, host, mastodon);
  await rpc(host, 'campaigns:save', { name: 'Spring collection launch', currency: 'EUR', costCents: 0 });
  const day = dayFromToday(ZONE, 1);
  const texts: [string, string][] = [
    ['failed', 'Failed: our open studio day is moved to Saturday.'],
    ['unconfirmed', 'Unconfirmed: the spring lookbook is live!'],
    ['missed', 'Missed: weekend sale reminder'],
    ['scheduled', 'Three things I learned shipping the spring collection: start early.'],
  ];
  const ids: Record<string, string> = {};
  for (const [i, [state, text]] of texts.entries()) ids[state] = (await schedulePost(host, { text, platforms: ['mastodon'], date: day, time: `1${i}:30` })).id;
  const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
  for (const state of ['failed', 'unconfirmed', 'missed']) db.prepare('UPDATE targets SET state = ?, attempts = 1 WHERE post_id = ?').run(state, ids[state]);
  db.close();
  return { day, ids };
}

const box = async (page: Page, testId: string) => (await page.getByTestId(testId).first().boundingBox())!;

test.use({ viewport: { width: 1280, height: 800 } });

test('month chips keep one line of words, cut with an ellipsis and never split mid-word, with the post panel open', async ({ page, host, openApp, mastodon }) => {
  const { day, ids } = await seed(page, host, mastodon);
  await openApp(host, `#/calendar/month/${day}`);
  await page.locator(`[data-testid="calendar-chip"][data-post-id="${ids.scheduled}"]`).click();
  await expect(page.getByTestId('post-panel')).toBeVisible();
  const chip = page.locator(`[data-testid="calendar-chip"][data-post-id="${ids.unconfirmed}"]`);
  const text = chip.getByTestId('chip-text');
  const style = await text.evaluate((e) => {
    const s = e.ownerDocument.defaultView!.getComputedStyle(e);
    return { whiteSpace: s.whiteSpace, overflowWrap: s.overflowWrap, textOverflow: s.textOverflow, lineHeight: parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.2, height: e.getBoundingClientRect().height };
  });
  expect(style.whiteSpace).toBe('nowrap');
  expect(style.overflowWrap).not.toBe('anywhere');
  expect(style.textOverflow).toBe('ellipsis');
  expect(style.height).toBeLessThan(style.lineHeight * 1.5);
  // The whole first line is still there for a screen reader.
  await expect(chip).toHaveAttribute('aria-label', /Unconfirmed: the spring lookbook is live!/);
});

for (const view of ['month', 'week'] as const) {
  test(`the ${view} toolbar is one row at 1280 px, and with the panel open the filters wrap together onto one second row`, async ({ page, host, openApp, mastodon }) => {
    const { day, ids } = await seed(page, host, mastodon);
    await openApp(host, `#/calendar/${view}/${day}`);
    const toolbar = page.getByRole('toolbar', { name: 'Calendar' });
    await expect(page.getByTestId('filter-campaigns')).toBeVisible();
    const row = (await box(page, `calendar-view-${view}`)).height;
    const tops = async () => Promise.all(['calendar-view-month', 'calendar-period', 'filter-accounts', 'filter-states', 'calendar-sidebar-toggle'].map(async (t) => Math.round((await box(page, t)).y + (await box(page, t)).height / 2)));
    const one = await tops();
    for (const y of one) expect(Math.abs(y - one[0]!)).toBeLessThanOrEqual(2);
    expect((await toolbar.boundingBox())!.height).toBeLessThan(row * 1.8);
    await expect(page.getByTestId('calendar-plan-month')).toBeVisible();

    // Panel open: two rows, the filters and Drafts and ideas together on the second, starting at the left; nothing on a third.
    await page.locator(`[data-testid="calendar-chip"][data-post-id="${ids.scheduled}"]`).click();
    await expect(page.getByTestId('post-panel')).toBeVisible();
    const [first, period, accounts, states, drafts] = await tops();
    expect(Math.abs(period! - first!)).toBeLessThanOrEqual(2);
    expect(accounts! - first!).toBeGreaterThan(row / 2);
    expect(Math.abs(states! - accounts!)).toBeLessThanOrEqual(2);
    expect(Math.abs(drafts! - accounts!)).toBeLessThanOrEqual(2);
    expect(Math.abs((await box(page, 'filter-accounts')).x - (await toolbar.boundingBox())!.x)).toBeLessThanOrEqual(2);
    expect((await toolbar.boundingBox())!.height).toBeLessThan(row * 3);
  });
}

test('failed, unconfirmed and missed each have their own icon, the same on the month chip and in the list', async ({ page, host, openApp, mastodon }) => {
  const { day, ids } = await seed(page, host, mastodon);
  const states = ['failed', 'unconfirmed', 'missed'] as const;
  await openApp(host, `#/calendar/month/${day}`);
  const chipIcons: Record<string, { name: string | null; d: string | null }> = {};
  for (const s of states) {
    const icon = page.locator(`[data-testid="calendar-chip"][data-post-id="${ids[s]}"] svg.state-icon`);
    chipIcons[s] = { name: await icon.getAttribute('data-icon'), d: await icon.locator('path').getAttribute('d') };
  }
  await openApp(host, '#/calendar/list');
  for (const s of states) {
    const icon = page.locator(`[data-testid="post-row"][data-post-id="${ids[s]}"] [data-testid="post-state"] svg`);
    expect(await icon.getAttribute('data-icon')).toBe(s);
    expect(chipIcons[s]!.name).toBe(s);
    expect(await icon.locator('path').getAttribute('d')).toBe(chipIcons[s]!.d);
  }
  expect(new Set(states.map((s) => chipIcons[s]!.d)).size).toBe(3);
});
