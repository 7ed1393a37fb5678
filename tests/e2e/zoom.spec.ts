import type { Page } from '@playwright/test';
import type { PostDto } from '../../shared/contract';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';
import { startMastodonFake } from '../fakes/mastodon';
import { connectMastodon } from './support/mastodon';
import { needKeychain } from './support/keychain';
import { describeReflow, reflowOf, REFLOW_320, ZOOM_200 } from './support/reflow';

/**
 * WCAG 1.4.10 Reflow: at 200 % zoom (a 1280×800 window is 640×400 CSS pixels) and at 320 px
 * wide (400 %), every screen fits the window's width. Nothing scrolls sideways but a labelled
 * region such as a wide table, and the actions that matter stay on screen and clickable.
 */
test.use({ viewport: ZOOM_200, deviceScaleFactor: 2 });

const ZONE = 'Europe/Berlin';

/** The places a creator goes, by their hash; the calendar is checked in each view and with a post open. */
const PLACES: { where: string; hash: string; ready: string }[] = [
  { where: 'welcome: time zone', hash: '#/welcome/zone', ready: 'welcome-screen' },
  { where: 'welcome: account', hash: '#/welcome/account', ready: 'welcome-account' },
  { where: 'welcome: voice', hash: '#/welcome/voice', ready: 'welcome-voice' },
  { where: 'welcome: posting times', hash: '#/welcome/times', ready: 'welcome-times' },
  { where: 'welcome: plan', hash: '#/welcome/plan', ready: 'welcome-plan' },
  // The composer is being rebuilt as two panes that reflow by themselves (compose.css belongs to that work).
  { where: 'compose', hash: '#/compose', ready: 'compose-screen' },
  { where: 'review', hash: '#/review', ready: 'review-detail' },
  { where: 'analytics', hash: '#/analytics', ready: 'analytics-screen' },
  { where: 'experiments', hash: '#/experiments', ready: 'experiments-screen' },
  { where: 'ideas', hash: '#/ideas', ready: 'ideas-screen' },
  { where: 'campaigns', hash: '#/campaigns', ready: 'campaigns-screen' },
  { where: 'plan a month', hash: '#/planner', ready: 'planner' },
  { where: 'weekly report', hash: '#/reports', ready: 'reports-screen' },
  { where: 'library: templates', hash: '#/library/templates', ready: 'library-screen' },
  { where: 'library: new template', hash: '#/library/templates/new', ready: 'template-editor' },
  { where: 'library: voices', hash: '#/library/voices', ready: 'library-screen' },
  { where: 'library: pillars', hash: '#/library/pillars', ready: 'library-screen' },
  { where: 'import & export', hash: '#/import', ready: 'import-screen' },
  { where: 'accounts', hash: '#/accounts', ready: 'accounts-screen' },
  { where: 'settings', hash: '#/settings', ready: 'settings-screen' },
];

async function seed(host: RunningHost): Promise<void> {
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });
  const long = 'Launch week starts Monday: a new episode every day, with the show notes, the guests and a long link https://example.com/shows/launch-week/episodes/one-two-three-four';
  await rpc<PostDto>(host, 'posts:create', { text: long, platforms: ['mastodon', 'bluesky', 'x'], schedule: { date: dayFromToday(ZONE, 1), time: '09:30' } });
  await rpc<PostDto>(host, 'posts:create', { text: 'Behind the scenes: the studio at dawn.', platforms: ['bluesky'], schedule: { date: dayFromToday(ZONE, 1), time: '18:00' } });
  await rpc<PostDto>(host, 'posts:create', { text: 'Weekly roundup of what the community made.', platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 3), time: '12:15' } });
  await rpc<PostDto>(host, 'posts:create', { text: 'Half an idea: what a studio week looks like from the inside.', platforms: ['x'], schedule: null });
  await rpc(host, 'ideas:capture', { text: 'A thread on how we pick guests, with the spreadsheet we use', tags: ['podcast', 'process'] });
  await rpc(host, 'campaigns:save', { name: 'Winter launch of the new season', costCents: 12_000, revenueCents: 30_000 });
  await rpc(host, 'templates:save', { name: 'Episode announcement', category: 'general', description: 'For each new episode', body: 'New episode: {{title}} with {{guest}}. Listen at {{link}}' });
  await rpc(host, 'voices:save', { name: 'Warm and direct', tone: 'Friendly, short sentences, no jargon', wordsToUse: ['listen', 'studio'], wordsToAvoid: ['synergy'] });
}

/** Two rows to preview, one of them with a problem the preview explains. */
function importCsv(): string {
  const day = dayFromToday(ZONE, 4);
  return [
    'date,time,zone,text,accounts,link,first_comment',
    `${day},09:30,,"Week one of the launch: what we shipped, and what we did not, with a long link",x; bluesky,https://example.com/launch/week-one/notes-and-links,`,
    `${Number(day.slice(0, 4)) + 1}-02-30,18:00,,Behind the scenes of the studio tour,x; bluesky,,`,
  ].join('\n');
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

/** Visits every place and returns what fails to reflow, one line each. */
async function visitAll(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const check = async (where: string) => problems.push(...describeReflow(where, await reflowOf(page)));
  for (const place of PLACES) {
    await go(page, place.hash);
    await expect(page.getByTestId(place.ready)).toBeVisible();
    await check(place.where);
  }
  await go(page, '#/library/templates');
  await page.getByTestId('library-screen').getByRole('link', { name: 'Episode announcement' }).first().click();
  await expect(page.getByTestId('template-detail')).toBeVisible();
  await check('library: a template');

  await go(page, '#/import');
  await page.getByTestId('import-file').setInputFiles({ name: 'launch.csv', mimeType: 'text/csv', buffer: Buffer.from(importCsv()) });
  await expect(page.getByTestId('import-row')).toHaveCount(2);
  await check('import preview');

  await go(page, '#/analytics');
  for (const tab of ['best-times', 'what-works', 'overview'] as const) {
    await page.getByTestId(`analytics-tab-${tab}`).click();
    await expect(page.getByTestId(`analytics-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
    await check(`analytics ${tab}`);
  }
  await page.getByTestId('analytics-bands-open').click();
  await expect(page.getByTestId('analytics-bands-editor')).toBeVisible();
  await check('analytics target rates');
  await go(page, '#/calendar');
  for (const view of ['month', 'week', 'list'] as const) {
    await page.getByTestId(`calendar-view-${view}`).click();
    await expect(page.getByTestId(`calendar-view-${view}`)).toHaveAttribute('aria-pressed', 'true');
    await check(`calendar ${view}`);
    if (view === 'month') {
      // A day list: the month's days one under another, the weeks around it left to ‹ and ›.
      const days = page.locator('[data-testid="month-day"]:not([data-outside])');
      expect(await days.count()).toBeGreaterThanOrEqual(28);
      const [first, last] = [await days.first().boundingBox(), await days.last().boundingBox()];
      expect(last!.x).toBe(first!.x);
      expect(last!.y).toBeGreaterThan(first!.y);
      for (const outside of await page.locator('[data-testid="month-day"][data-outside]').all()) await expect(outside).toBeHidden();
    }
  }
  await page.getByTestId('post-row').first().click();
  await expect(page.getByTestId('post-panel')).toBeVisible();
  await check('post panel');
  await page.getByTestId('post-panel-close').click();
  return problems;
}

test.describe('reflow at 200 % and 400 % zoom', () => {
  test('every screen fits a 640 px wide window without scrolling sideways', async ({ page, host, openApp }) => {
    test.setTimeout(120_000);
    await seed(host);
    await openApp(host);
    const problems = await visitAll(page);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('every screen fits 320 px wide, WCAG’s reflow width', async ({ page, host, openApp }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(REFLOW_320);
    await seed(host);
    await openApp(host);
    const problems = await visitAll(page);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  for (const size of [ZOOM_200, REFLOW_320]) {
    test(`at ${size.width} px Review's panes stack and Approve and Reject stay on screen and work`, async ({ page, host, openApp }) => {
      await page.setViewportSize(size);
      await seed(host);
      await openApp(host, '#/review');
      const list = page.getByTestId('review-list');
      const detail = page.getByTestId('review-detail');
      await expect(detail).toBeVisible();
      const waiting = await page.getByTestId('review-item').count();
      // Stacked: the draft starts below the list, not beside it.
      const [listBox, detailBox] = [await list.boundingBox(), await detail.boundingBox()];
      expect(detailBox!.y).toBeGreaterThan(listBox!.y + listBox!.height - 1);

      const reject = page.getByTestId('review-reject');
      await reject.scrollIntoViewIfNeeded();
      await expect(reject).toBeInViewport({ ratio: 1 });
      await expect(page.getByTestId('review-approve')).toBeInViewport({ ratio: 1 });
      await reject.click();
      await page.getByTestId('review-reason').fill('Not the right week for this one');
      await page.getByTestId('review-reject-confirm').click();
      await expect(page.getByTestId('review-item')).toHaveCount(waiting - 1);

      const approve = page.getByTestId('review-approve');
      await approve.scrollIntoViewIfNeeded();
      await expect(approve).toBeInViewport({ ratio: 1 });
      await approve.click();
      await expect(page.getByTestId('review-item')).toHaveCount(waiting - 2);
    });
  }

  test('the sidebar folds behind a menu button that opens it, closes on Escape and navigates', async ({ page, host, openApp }) => {
    await seed(host);
    await openApp(host);
    const menu = page.getByTestId('nav-menu');
    const sidebar = page.getByTestId('sidebar');
    await expect(sidebar).toBeHidden();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');

    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(sidebar).toBeVisible();
    await expect(page.getByTestId('nav-calendar')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(sidebar).toBeHidden();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeFocused();

    // Keyboard: Enter opens it, Tab reaches the links, Enter follows one and the menu folds away.
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('nav-calendar')).toBeFocused();
    await page.getByTestId('nav-ideas').click();
    await expect(page.getByTestId('ideas-screen')).toBeVisible();
    await expect(sidebar).toBeHidden();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');

    // A click beside the open menu closes it too.
    await menu.click();
    await page.getByTestId('nav-backdrop').click({ position: { x: 600, y: 200 } });
    await expect(sidebar).toBeHidden();
    await expect(menu).toBeFocused();
  });

  test('New post, the writing queue and the alerts stay in reach at 320 px', async ({ page, host, openApp }) => {
    await page.setViewportSize(REFLOW_320);
    await openApp(host);
    for (const id of ['nav-menu', 'search-input', 'writing-queue-button', 'alerts-bell', 'new-post']) await expect(page.getByTestId(id)).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId('new-post')).toHaveAccessibleName(/New post/);

    await page.getByTestId('writing-queue-button').click();
    await expect(page.getByTestId('writing-queue')).toBeVisible();
    expect(describeReflow('writing queue', await reflowOf(page))).toEqual([]);
    await page.getByTestId('writing-queue-close').click();

    await page.getByTestId('alerts-bell').click();
    await expect(page.locator('#alerts-popover')).toBeVisible();
    expect(describeReflow('alerts', await reflowOf(page))).toEqual([]);
    await page.getByTestId('alerts-bell').click();

    await page.getByTestId('new-post').click();
    await expect(page.getByTestId('compose-screen')).toBeVisible();
    await expect(page.getByTestId('compose-text')).toBeFocused();
  });

  test('a connected account’s card and its posting times fit 640 and 320 px', async ({ page, host, openApp }) => {
    test.setTimeout(90_000);
    await needKeychain(host, 'Connecting a Mastodon account');
    const mastodon = await startMastodonFake();
    try {
      await rpc(host, 'settings:update', { timeZone: ZONE });
      const account = await connectMastodon(page, host, mastodon);
      await rpc(host, 'queue:setSlots', {
        accountId: account.id,
        slots: [
          { weekday: 1, time: '09:00' },
          { weekday: 4, time: '17:30' },
        ],
      });

      await openApp(host, '#/accounts');
      await page.getByTestId('account-posting-times').click();
      await expect(page.getByTestId('posting-times').getByTestId('slot')).toHaveCount(2);
      for (const size of [ZOOM_200, REFLOW_320]) {
        await page.setViewportSize(size);
        expect(describeReflow(`accounts and posting times at ${size.width}`, await reflowOf(page))).toEqual([]);
      }
      await go(page, '#/welcome/times');
      await expect(page.getByTestId('welcome-time').first()).toBeVisible();
      expect(describeReflow('welcome: posting times', await reflowOf(page))).toEqual([]);
    } finally {
      await mastodon.stop();
    }
  });
});
