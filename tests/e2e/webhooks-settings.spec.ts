import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { test as base, expect } from './support/fixtures';
import { rpc } from './support/host';
import { needKeychain } from './support/keychain';

const test = base.extend<{ receiver: WebhookReceiver }>({
  receiver: async ({}, use) => {
    const r = await startWebhookReceiver();
    await use(r);
    await r.stop();
  },
});

const KEY = 'T0E2E/B0E2E/hookPathKey5Gh7Jk9Lm1';
const NEW_KEY = 'T0E2E/B0E2E/newPathKey2Qw4Er6Ty8';

test('Settings → Webhooks shows an address by its site only; editing keeps it when the field is left empty, or replaces it', async ({ page, host, openApp, receiver }) => {
  await needKeychain(host, 'Keeping a webhook address');
  await openApp(host, '#/settings');
  const section = page.getByTestId('settings-webhooks');
  await page.getByTestId('webhook-name').fill('Team chat');
  await page.getByTestId('webhook-url').fill(`${receiver.url}/${KEY}`);
  await expect(page.getByTestId('webhook-url-hint')).toHaveText('Kept in your keychain; only its site is shown here.');
  await page.getByTestId('webhook-add').click();
  receiver.setSecret((await page.getByTestId('webhook-secret').locator('code').textContent())!);
  const hook = section.getByTestId('webhook');
  const site = `${new URL(receiver.url).origin}/…`;
  await expect(hook).toContainText(`JSON · ${site}`);
  await expect(page.getByTestId('webhook-url')).toHaveValue('');

  // Edit: the address field starts empty and says an empty one keeps the address.
  await hook.getByTestId('webhook-edit').click();
  await expect(page.getByTestId('webhook-name')).toHaveValue('Team chat');
  await expect(page.getByTestId('webhook-url')).toHaveValue('');
  await expect(page.getByTestId('webhook-url')).toHaveAttribute('placeholder', 'Leave empty to keep the current address');
  await expect(page.getByTestId('webhook-url-hint')).toHaveText(`Now ${site}, kept in your keychain. Leave this empty to keep it, or enter a new address to replace it.`);
  await page.getByTestId('webhook-name').fill('Team room');
  await page.getByTestId('webhook-save').click();
  await expect(hook).toContainText('Team room');
  await expect(page.getByTestId('webhook-add')).toBeVisible();
  await hook.getByTestId('webhook-test').click();
  await expect.poll(() => receiver.received.map((r) => [r.path, r.signatureValid])).toEqual([[`/hook/${KEY}`, true]]);

  // A new address replaces it.
  await hook.getByTestId('webhook-edit').click();
  await page.getByTestId('webhook-url').fill(`${receiver.url}/${NEW_KEY}`);
  await page.getByTestId('webhook-save').click();
  await expect(page.getByTestId('webhook-add')).toBeVisible();
  await hook.getByTestId('webhook-test').click();
  await expect.poll(() => receiver.received.map((r) => r.path)).toEqual([`/hook/${KEY}`, `/hook/${NEW_KEY}`]);

  // Neither key is on the page or in what the channels answer.
  const html = await page.content();
  const listed = JSON.stringify(await rpc(host, 'webhooks:list', {}));
  for (const key of [KEY, NEW_KEY]) {
    expect(html).not.toContain(key);
    expect(listed).not.toContain(key);
  }
});
