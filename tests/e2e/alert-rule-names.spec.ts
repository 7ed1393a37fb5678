import { ALERT_RULES } from '../../shared/contract/features/alerts';
import { expect, test } from './support/fixtures';

// Settings names each alert rule once: Notifications, Alerts and Webhooks say the same words, so a
// rule switched off in one is recognisably the same rule in the others.
test('Settings calls each alert rule by the same name in Notifications, Alerts and Webhooks', async ({ page, host, openApp }) => {
  await openApp(host, '#/settings');
  for (const rule of ALERT_RULES) {
    const notification = (await page.locator('label', { has: page.getByTestId(`settings-notify-${rule}`) }).innerText()).trim();
    const alert = (await page.getByTestId(`alert-rule-${rule}`).locator('strong').first().innerText()).trim();
    const webhook = (await page.locator('label', { has: page.getByTestId(`webhook-event-${rule}`) }).innerText()).trim();
    expect([alert, webhook], rule).toEqual([notification, notification]);
  }
  await expect(page.getByTestId('alert-rule-zero_views').locator('strong')).toHaveText('A post has no views');
  await expect(page.locator('label', { has: page.getByTestId('webhook-event-backlog') })).toHaveText('The queue or Review is backed up');
});
