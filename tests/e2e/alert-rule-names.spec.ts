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

// The same words in three sections: each checkbox's accessible name says which section's switch it
// is, so a screen reader's list of form fields doesn't show three identical "A post failed".
test('each alert rule’s three checkboxes have names of their own', async ({ page, host, openApp }) => {
  await openApp(host, '#/settings');
  await expect(page.getByTestId('webhook-event-post_failed')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'A post failed', exact: true })).toHaveCount(0);
  for (const rule of ALERT_RULES) {
    const name = (await page.getByTestId(`alert-rule-${rule}`).locator('strong').first().innerText()).trim();
    await expect(page.getByRole('checkbox', { name: `${name}, alert rule`, exact: true }), rule).toHaveAttribute('data-testid', `alert-rule-${rule}-enabled`);
    await expect(page.getByRole('checkbox', { name: `${name}, desktop notification`, exact: true }), rule).toHaveAttribute('data-testid', `settings-notify-${rule}`);
    await expect(page.getByRole('checkbox', { name: `${name}, sent to this webhook`, exact: true }), rule).toHaveAttribute('data-testid', `webhook-event-${rule}`);
  }
  // The two events that are not alerts, and the one notification that is not a rule, say so too.
  await expect(page.getByRole('checkbox', { name: 'A post went out, sent to this webhook', exact: true })).toHaveAttribute('data-testid', 'webhook-event-post.published');
  await expect(page.getByRole('checkbox', { name: 'Loomcast is still running in the tray after you close its window, desktop notification', exact: true })).toBeVisible();
});
