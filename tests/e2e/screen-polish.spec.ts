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

/** The vertical middle of each box, rounded: boxes on one row of a wrapping layout share it (to a few px). */
const rows = (boxes: { y: number; height: number }[]) => {
  const mids: number[] = [];
  for (const b of boxes) {
    const mid = b.y + b.height / 2;
    if (!mids.some((m) => Math.abs(m - mid) < 6)) mids.push(mid);
  }
  return mids.map((m) => boxes.filter((b) => Math.abs(b.y + b.height / 2 - m) < 6).length);
};

for (const width of [1024, 1440]) {
  test(`Compose at ${width} px: no action sits alone on a row, Clear ends a row, and Campaign and Content pillar are the same width side by side`, async ({ page, host, openApp }) => {
    await page.setViewportSize({ width, height: 800 });
    await rpc(host, 'campaigns:save', { name: 'Spring launch 2026: the studio tour and the podcast season premiere week' });
    await rpc(host, 'pillars:save', { name: 'Behind the scenes', color: '#2f7d5b' });
    await openApp(host, '#/compose');
    await page.getByTestId('compose-text').fill('A few words, so there is something to clear');

    const actions = page.locator('.composer-actions');
    const boxes = await actions.getByRole('button').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as { y: number; height: number }));
    expect(boxes.length).toBe(6);
    // e.g. [6] on a roomy row, or [4, 2]: never a lone button (Clear) on a row of its own.
    expect(rows(boxes).every((n) => n >= 2), JSON.stringify(rows(boxes))).toBe(true);
    const clear = (await page.getByTestId('compose-clear').boundingBox())!;
    const row = (await actions.boundingBox())!;
    expect(Math.abs(clear.x + clear.width - (row.x + row.width))).toBeLessThanOrEqual(2);

    // A long campaign name does not make its dropdown wider than the pillar's, nor push the pillar below it.
    const campaign = (await page.getByTestId('compose-campaign').boundingBox())!;
    const pillar = (await page.getByTestId('compose-pillar').boundingBox())!;
    expect(Math.round(campaign.width)).toBe(Math.round(pillar.width));
    expect(campaign.y).toBe(pillar.y);
    expect(pillar.x).toBeGreaterThan(campaign.x + campaign.width);
  });
}

test('Calendar’s sidebar at 1440 px: an idea’s words get the card’s width, and its tags one line with all of them in a tooltip', async ({ page, host, openApp }) => {
  await page.setViewportSize({ width: 1440, height: 860 });
  await rpc(host, 'settings:update', { timeZone: ZONE });
  const tags = ['podcast', 'behindthescenes', 'guests', 'interviewing', 'longform'];
  await rpc(host, 'ideas:capture', { text: 'A thread on how we pick podcast guests and what we ask them first', tags });
  await openApp(host, `#/calendar/month/${dayFromToday(ZONE, 0)}`);

  const card = page.getByTestId('calendar-sidebar').getByTestId('sidebar-idea');
  const cardBox = (await card.boundingBox())!;
  const text = (await card.locator('.sidebar-card-text').boundingBox())!;
  // Beside "Schedule on…" the words had about 90 px of a 240 px card and took four lines.
  expect(text.width).toBeGreaterThan(cardBox.width * 0.75);
  expect(text.height).toBeLessThanOrEqual(2 * 18 + 1);
  const tagLine = card.getByTestId('sidebar-card-tags');
  expect((await tagLine.boundingBox())!.height).toBeLessThan(2 * 16);
  await expect(tagLine).toHaveAttribute('title', tags.map((t) => `#${t}`).join(' '));
  await expect(card.getByTestId('sidebar-schedule')).toBeVisible();
});

test('Ideas’ empty state keeps the capture chord on one line with the bracket before it', async ({ page, host, openApp }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(host, '#/ideas');
  const lines = await page
    .getByTestId('ideas-empty')
    .locator('p')
    .evaluate((p) => {
      const walker = p.ownerDocument.createTreeWalker(p, 4 /* NodeFilter.SHOW_TEXT */);
      const range = p.ownerDocument.createRange();
      let bracket = NaN;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = n.textContent!.indexOf('(');
        if (at < 0) continue;
        range.setStart(n, at);
        range.setEnd(n, at + 1);
        const r = range.getBoundingClientRect();
        bracket = r.y + r.height / 2;
        break;
      }
      const keys = [...p.querySelectorAll('kbd')].slice(1).map((k) => {
        const r = k.getBoundingClientRect();
        return r.y + r.height / 2;
      });
      return { bracket, keys };
    });
  // "(", Ctrl, Shift and I: one line (the paragraph's first key is the plain "I").
  expect(lines.keys).toHaveLength(3);
  for (const key of lines.keys) expect(Math.abs(key - lines.bracket), JSON.stringify(lines)).toBeLessThan(6);
});
