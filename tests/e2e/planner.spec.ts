import { DateTime } from 'luxon';
import { expect, test as plain } from './support/fixtures';
import { rpc } from './support/host';
import { connectMastodon, test } from './support/mastodon';
import { needKeychain } from './support/keychain';

const ZONE = 'Europe/Berlin';

test.describe('plan a month', () => {
  test('a person plans two weeks from the empty calendar, previews them by week, and finds the drafts in review', async ({ page, host, openApp, mastodon }) => {
    test.setTimeout(90_000);
    await needKeychain(host, 'Connecting a Mastodon account');
    await rpc(host, 'settings:update', { timeZone: ZONE });

    const account = await connectMastodon(page, host, mastodon);
    await rpc(host, 'queue:setSlots', { accountId: account.id, slots: [{ weekday: 1, time: '09:00' }, { weekday: 4, time: '17:30' }] });
    const tips = await rpc<{ id: string }>(host, 'pillars:save', { name: 'Tips', color: '#336699' });
    const stories = await rpc<{ id: string }>(host, 'pillars:save', { name: 'Stories', color: '#996633' });
    const template = await rpc<{ id: string }>(host, 'templates:save', { name: 'Topic tip', category: 'hook', body: 'A tip about {topic}' });

    // The empty calendar offers the planner.
    await openApp(host, '#/calendar');
    await page.getByTestId('empty-plan-month').click();
    await expect(page).toHaveURL(/#\/planner$/);

    // Two weeks from tomorrow: two Mondays and two Thursdays, whatever day today is.
    const first = DateTime.now().setZone(ZONE).plus({ days: 1 }).toISODate()!;
    await page.getByTestId('planner-start').fill(first);
    await page.getByTestId('planner-days').fill('14');
    await page.getByTestId(`planner-pillars-${tips.id}`).check();
    await page.getByTestId(`planner-pillars-${stories.id}`).check();
    await page.getByTestId(`planner-templates-${template.id}`).check();
    await page.getByTestId(`planner-accounts-${account.id}`).check();
    await page.getByTestId('planner-preview-button').click();

    const rows = page.getByTestId('planner-row');
    await expect(rows).toHaveCount(4);
    // Pillars take turns; with no AI provider the offline writer fills {topic} from each pillar, so nothing is left to fill in.
    await expect(rows.locator('td:nth-child(3)')).toHaveText(['Tips', 'Stories', 'Tips', 'Stories']);
    await expect(rows.first().getByTestId('planner-row-text')).toContainText('A tip about tips');
    await expect(rows.nth(1).getByTestId('planner-row-text')).toContainText('A tip about stories');
    for (const text of await rows.getByTestId('planner-row-text').allTextContents()) expect(text).not.toContain('{');
    await expect(page.getByTestId('planner-row-problems')).toHaveCount(0);
    await expect(page.getByTestId('planner-problem-count')).toHaveCount(0);
    await expect(page.getByTestId('planner-writer')).toContainText('Written offline');
    await expect(page.locator('.planner-week').first().locator('h3')).toContainText('Week of');

    await page.getByTestId('planner-create').click();
    await expect(page).toHaveURL(/#\/review$/);
    await expect.poll(async () => (await rpc<{ total: number }>(host, 'review:list', {})).total).toBe(4);
    // Review says who wrote the draft, and from which template; nothing waits for a blank.
    await expect(page.getByTestId('review-source')).toHaveText('Written offline from “Topic tip”');
    await expect(page.getByTestId('review-text')).toContainText('A tip about');
    await expect(page.getByTestId('review-text')).not.toContainText('{');
  });
});

plain.describe('plan a month: its fields', () => {
  // The browser sits in Los Angeles; the creator's zone, from Settings, is Tokyo.
  plain.use({ timezoneId: 'America/Los_Angeles' });

  plain('the first day defaults to tomorrow in the creator’s zone, not the browser’s', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: 'Asia/Tokyo' });
    // 13:00 on 10 March in Los Angeles is already 05:00 on 11 March in Tokyo.
    await page.clock.setFixedTime(new Date('2026-03-10T20:00:00Z'));
    await openApp(host, '#/planner');
    await expect(page.getByTestId('planner-start')).toHaveValue('2026-03-12');
  });

  plain('a blank “Days” reads as blank and asks for a number, not as 0 days', async ({ page, host, openApp }) => {
    await openApp(host, '#/planner');
    const days = page.getByTestId('planner-days');
    await expect(days).toHaveValue('30');
    await days.fill('');
    await expect(days).toHaveValue('');
    await expect(page.getByTestId('planner-days-error')).toHaveText('Enter a number');
    await expect(days).toHaveAttribute('aria-invalid', 'true');
    await days.fill('14');
    await expect(days).toHaveValue('14');
    await expect(page.getByTestId('planner-days-error')).toHaveCount(0);
  });

  plain('a disabled Preview says next to it which choice is missing', async ({ page, host, openApp }) => {
    const why = page.getByTestId('planner-preview-reason');
    const button = page.getByTestId('planner-preview-button');
    await openApp(host, '#/planner');
    await expect(button).toBeDisabled();
    // No pillar or account to pick from yet: where to add them (a new workspace comes with templates).
    await expect(why).toHaveText('To preview, add a pillar in Library, pick a template and connect an account in Accounts.');
    await expect(button).toHaveAttribute('aria-describedby', 'planner-preview-reason');
    await expect(button).toHaveAccessibleDescription(/^To preview, add a pillar/);

    const pillar = await rpc<{ id: string }>(host, 'pillars:save', { name: 'Tips', color: '#336699' });
    const template = await rpc<{ id: string }>(host, 'templates:save', { name: 'Topic tip', category: 'hook', body: 'A tip about {topic}' });
    await page.reload();
    await expect(why).toHaveText('To preview, pick a pillar, pick a template and connect an account in Accounts.');
    await page.getByTestId(`planner-pillars-${pillar.id}`).check();
    await page.getByTestId(`planner-templates-${template.id}`).check();
    await page.getByTestId('planner-days').fill('');
    await expect(why).toHaveText('To preview, enter how many days and connect an account in Accounts.');
  });
});
