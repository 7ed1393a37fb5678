import type { Locator } from '@playwright/test';
import type { PostDto } from '../../shared/contract';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';

/*
 * Polish a creator notices at once: right-to-left posts read from their first word wherever they
 * are cut short, text fields look alike on every screen, nothing sits on top of something else,
 * and an empty screen says what to do next.
 */

const ZONE = 'Europe/Berlin';
// Hebrew: "Tomorrow morning: a new podcast episode with a special guest, listen now".
const RTL = 'מחר בבוקר: פרק חדש בפודקאסט עם אורחת מיוחדת האזינו עכשיו';

/** Whether the element lays its text out right to left (what `dir="auto"` decides from the words). */
const isRtl = (el: Locator) => el.evaluate((e) => e.matches(':dir(rtl)'));

/** A text field's frame, to compare with the app's standard one (the date field). */
const frame = (el: Locator) =>
  el.evaluate((e) => {
    const s = e.ownerDocument.defaultView!.getComputedStyle(e);
    return { height: Math.round(e.getBoundingClientRect().height), radius: s.borderTopLeftRadius, border: s.borderTopWidth };
  });

test('a right-to-left post reads from its first word in the month chip, the panel, the list, Review and Ideas', async ({ page, host, openApp }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });
  const day = dayFromToday(ZONE, 2);
  await rpc<PostDto>(host, 'posts:create', { text: RTL, platforms: ['mastodon'], schedule: { date: day, time: '08:00' } });
  await rpc(host, 'ideas:capture', { text: RTL });

  await openApp(host, `#/calendar/month/${day}`);
  const chipText = page.locator(`[data-testid="month-day"][data-day="${day}"]`).getByTestId('chip-text');
  await expect(chipText).toHaveText(RTL);
  // Cut short to one line, the chip must keep the first words (on the right), not the last ones.
  expect(await isRtl(chipText)).toBe(true);
  await chipText.click();
  expect(await isRtl(page.getByTestId('post-panel-text'))).toBe(true);

  await openApp(host, `#/calendar/list/${day}`);
  expect(await isRtl(page.getByTestId('post-text').first())).toBe(true);

  await openApp(host, '#/review');
  await expect(page.getByTestId('review-item')).toHaveCount(1);
  expect(await isRtl(page.getByTestId('review-item').locator('.review-item-text'))).toBe(true);
  expect(await isRtl(page.getByTestId('review-text'))).toBe(true);

  await openApp(host, '#/ideas');
  expect(await isRtl(page.getByTestId('idea-row-text'))).toBe(true);
  // English stays left to right.
  await rpc(host, 'ideas:capture', { text: 'A thread on how we pick guests' });
  await expect(page.getByTestId('idea-row-text')).toHaveCount(2);
  expect(await isRtl(page.getByTestId('idea-row-text').filter({ hasText: 'pick guests' }))).toBe(false);
});

test('text fields in Plan a month, the campaign form and Review’s blanks have the app’s field frame', async ({ page, host, openApp }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });

  await openApp(host, '#/planner');
  const standard = await frame(page.getByTestId('planner-start'));
  expect(standard.height).toBeGreaterThanOrEqual(32);
  expect(await frame(page.getByTestId('planner-days'))).toEqual(standard);

  await openApp(host, '#/campaigns');
  await page.getByTestId('campaign-new').click();
  const dateField = await frame(page.getByTestId('campaign-starts'));
  for (const id of ['campaign-name', 'campaign-theme', 'campaign-cost', 'campaign-revenue', 'campaign-guard-rate', 'campaign-utm-source']) {
    expect(await frame(page.getByTestId(id)), id).toEqual(dateField);
  }
  // The wide fields fill the form's width, as the rows of fields above them do.
  const form = (await page.getByTestId('campaign-editor').boundingBox())!;
  expect((await page.getByTestId('campaign-theme').boundingBox())!.width).toBeGreaterThan(form.width * 0.8);

  await rpc(host, 'posts:create', { text: 'Welcome to the studio, {first name}!', platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 2), time: '10:00' } });
  await openApp(host, '#/review');
  expect(await frame(page.getByTestId('review-blank-0'))).toEqual(dateField);
});

test('Ideas: the hint about a model sits above the list with room, and Library names its New button', async ({ page, host, openApp }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await rpc(host, 'ideas:capture', { text: 'How we pick guests' });
  await openApp(host, '#/ideas');
  const hint = (await page.getByTestId('ideas-no-model').boundingBox())!;
  const first = (await page.getByTestId('idea-row').first().boundingBox())!;
  expect(first.y - (hint.y + hint.height)).toBeGreaterThanOrEqual(8);

  await openApp(host, '#/library');
  // "New" alone tells a screen reader nothing; Voices and Pillars say "New voice" and "New pillar".
  await expect(page.getByTestId('template-new')).toHaveAccessibleName('New template');
});

test('an empty Review says what lands there and offers the ways in, with no Approve button for nothing', async ({ page, host, openApp }) => {
  await openApp(host, '#/review');
  const empty = page.getByTestId('review-empty');
  await expect(empty).toBeVisible();
  await expect(empty.getByRole('heading')).toHaveText('Nothing is waiting for review');
  await expect(page.getByTestId('review-approve-selected')).toHaveCount(0);
  await expect(empty.getByTestId('review-empty-new-post')).toBeVisible();
  await empty.getByTestId('review-empty-plan').click();
  await expect(page).toHaveURL(/#\/planner$/);
});
