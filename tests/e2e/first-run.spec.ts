import { DateTime } from 'luxon';
import { join, resolve } from 'node:path';
import { nextFreeSlots } from '../../electron/core/features/posting-times/weekly-slots';
import { startMastodonFake, type StartedMastodonFake } from '../fakes/mastodon';
import { expect, test } from './support/fixtures';
import { rpc } from './support/host';
import { connectMastodonInPanel } from './support/mastodon';
import { needKeychain } from './support/keychain';

const OUT = resolve(__dirname, '../../docs/screenshots');
const ZONE = 'Asia/Tokyo';
/** The welcome path's suggested weekly times, all left ticked. */
const SUGGESTED = [
  { weekday: 1, time: '09:00' },
  { weekday: 2, time: '12:30' },
  { weekday: 3, time: '09:00' },
  { weekday: 4, time: '17:30' },
  { weekday: 5, time: '09:00' },
];

let mastodon: StartedMastodonFake;
test.beforeAll(async () => {
  mastodon = await startMastodonFake();
});
test.afterAll(async () => {
  await mastodon.stop();
});

test('a first run walks from an empty app to a first queued post in the calendar', async ({ page, host, openApp }) => {
  test.setTimeout(120_000);
  await needKeychain(host, 'Connecting a Mastodon account');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });

  // An empty data dir: the calendar offers the welcome path next to its empty state.
  await openApp(host);
  const entry = page.getByTestId('welcome-entry');
  await expect(entry).toContainText('Welcome to Loomcast');
  await expect(page.getByTestId('calendar-empty')).toBeVisible();
  await expect(page.getByTestId('nav-planner')).toHaveText('Plan a month');
  await page.getByTestId('welcome-start').click();

  // Step 1: the system zone is picked first; typing narrows the list; Tokyo is chosen.
  const { systemTimeZone } = await rpc<{ systemTimeZone: string }>(host, 'app:info');
  await expect(page.getByTestId('welcome-step-title')).toHaveText('Step 1 of 5: Your time zone');
  await expect(page.getByTestId('welcome-zone-picked')).toContainText(systemTimeZone);
  await page.mouse.move(0, 799);
  await page.screenshot({ path: join(OUT, 'first-run.png') });
  await page.getByTestId('welcome-zone-search').fill('tokyo');
  const option = page.getByTestId('welcome-zone-option');
  await expect(option).toHaveCount(1);
  await expect(option).toContainText('UTC+09:00');
  await option.getByRole('radio').check();
  await expect(page.getByTestId('welcome-zone-picked')).toContainText(ZONE);
  await page.getByTestId('welcome-zone-save').click();
  await expect(page.getByTestId('welcome-step-title')).toHaveText('Step 2 of 5: Connect an account');
  expect((await rpc<{ timeZone: string }>(host, 'settings:get')).timeZone).toBe(ZONE);
  await expect(page.getByTestId('welcome-step-zone')).toHaveAttribute('data-done', 'true');

  // Leaving halfway: "Finish setting up" in the sidebar shows progress and brings the path back.
  await page.getByTestId('nav-calendar').click();
  await expect(entry).toContainText('Finish setting up');
  await expect(entry).toContainText('1 of 5 steps done');
  await expect(page.getByTestId('nav-welcome')).toContainText('1/5');
  await page.getByTestId('nav-welcome').click();
  await expect(page.getByTestId('welcome-step-title')).toHaveText('Step 2 of 5: Connect an account');

  // Step 2: the usual connect panel, inside the path.
  await page.getByTestId('welcome-connect').click();
  await connectMastodonInPanel(page, mastodon);
  await page.getByTestId('connect-done').click();
  const [account] = await rpc<{ id: string; handle: string }[]>(host, 'accounts:list');
  await expect(page.getByTestId('welcome-accounts')).toContainText(account!.handle);
  await page.getByTestId('welcome-account-next').click();

  // Step 3: the voice is optional; skipping it saves none.
  await expect(page.getByTestId('welcome-step-title')).toHaveText('Step 3 of 5: A brand voice');
  await page.getByTestId('welcome-skip').click();
  expect(await rpc<unknown[]>(host, 'voices:list')).toEqual([]);

  // Step 4: the suggested weekly times are saved for the account.
  await expect(page.getByTestId('welcome-step-title')).toHaveText('Step 4 of 5: Posting times');
  await expect(page.getByTestId('welcome-time')).toHaveCount(5);
  await page.getByTestId('welcome-times-save').click();
  await expect(page.getByTestId('welcome-step-title')).toHaveText('Step 5 of 5: Your first week');
  expect((await rpc<{ slots: unknown[] }>(host, 'queue:slots', { accountId: account!.id })).slots).toEqual(SUGGESTED);
  for (const id of ['zone', 'account', 'times']) await expect(page.getByTestId(`welcome-step-${id}`)).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('welcome-step-voice')).toHaveAttribute('data-status', 'skipped');

  // Step 5: write the first post and add it to the queue; it takes the first posting time.
  await page.getByTestId('welcome-write').click();
  await expect(page.getByTestId('nav-welcome')).toHaveCount(0);
  const text = 'Hello from Loomcast: my first scheduled post.';
  await page.getByTestId('compose-text').fill(text);
  await page.getByTestId('compose-platform-mastodon').click();
  await page.getByTestId('compose-add-to-queue').click();
  const [first] = nextFreeSlots(SUGGESTED, ZONE, Date.now(), 1);
  const when = DateTime.fromMillis(first!.epochMs, { zone: ZONE });
  await expect(page.getByTestId('toast').first()).toContainText(`Added to the queue: Mastodon ${when.toFormat('ccc d LLL, HH:mm')}`);

  // The calendar shows it at that time, and the welcome path doesn't come back.
  await openApp(host, '#/calendar');
  const row = page.getByTestId('post-row').filter({ hasText: 'Hello from Loomcast' });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('post-time')).toContainText(when.toFormat('HH:mm'));
  await expect(page.getByTestId('welcome-entry')).toHaveCount(0);
  await expect(page.getByTestId('nav-welcome')).toHaveCount(0);
  expect((await rpc<{ firstRun: { state: string } }>(host, 'settings:get')).firstRun.state).toBe('finished');
});

test('"Skip for now" on the empty calendar is remembered', async ({ page, host, openApp }) => {
  await openApp(host);
  await expect(page.getByTestId('welcome-entry')).toBeVisible();
  await page.getByTestId('welcome-entry-skip').click();
  await expect(page.getByTestId('welcome-entry')).toHaveCount(0);
  await expect(page.getByTestId('calendar-empty')).toContainText('Write your first post');
  // The empty calendar offers the ways in: write, plan a month, or import a sheet.
  await page.getByTestId('empty-import').click();
  await expect(page.getByTestId('import-screen')).toBeVisible();
  await openApp(host);
  await expect(page.getByTestId('calendar-empty')).toBeVisible();
  await expect(page.getByTestId('welcome-entry')).toHaveCount(0);
});
