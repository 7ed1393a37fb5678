import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { startXFake, type XFake } from '../fakes/x';
import { test as base, expect, steadyZone } from './support/fixtures';
import { makeDataDir, removeDataDir, rpc, type RunningHost } from './support/host';
import { needKeychain } from './support/keychain';

interface PostDto {
  id: string;
  targets: { id: string; state: string }[];
}

// X's redirect URL must be registered exactly; Loomcast's loopback for X listens on 53134.
const test = base.extend<{ x: XFake; receiver: WebhookReceiver }>({
  x: async ({}, use) => {
    const fake = await startXFake({ client: { clientId: 'loomcast-e2e-client', redirectUris: ['http://127.0.0.1:53134/callback'] } });
    await use(fake);
    await fake.stop();
  },
  receiver: async ({}, use) => {
    const r = await startWebhookReceiver();
    await use(r);
    await r.stop();
  },
});

/** In browser mode the host's notifier writes each desktop notification to its log. */
const notices = (host: RunningHost, title: string) =>
  readFileSync(join(host.dataDir, 'logs', 'loomcast.log'), 'utf8')
    .split('\n')
    .filter((line) => line.includes(`notification: ${title}`)).length;

/** Connects X through the UI: its consent screen (the fake's) approves at once and sends the browser back to Loomcast. */
async function connectX(page: Page): Promise<void> {
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('accounts-connect').click();
  await page.getByTestId('connect-platform-x').click();
  const popup = page.context().waitForEvent('page', { timeout: 10_000 }).catch(() => null);
  await page.getByTestId('connect-submit').click();
  await expect(page.getByTestId('connect-status')).toHaveAttribute('data-phase', /authorize|connected/, { timeout: 15_000 });
  let consent = await popup;
  if (!consent && (await page.getByTestId('connect-status').getAttribute('data-phase')) === 'authorize') {
    const tab = page.context().waitForEvent('page');
    await page.getByTestId('connect-continue').click();
    consent = await tab;
  }
  await expect(page.getByTestId('connect-status')).toHaveAttribute('data-phase', 'connected', { timeout: 20_000 });
  await consent?.close();
  await page.getByTestId('connect-done').click();
}
test('a post published to a fake that reports zero views raises one notice, one inbox entry and one signed webhook delivery; a number the platform does not report shows as not reported', async ({ page, startAnotherHost, openApp, x, receiver }) => {
  test.setTimeout(180_000);
  // A host whose X API is the fake: X counts impressions (its views), and reports no saves.
  const dataDir = await makeDataDir();
  const host: RunningHost = await startAnotherHost({ dataDir, apiBase: { x: x.url } });
  try {
    await needKeychain(host, 'Connecting an X account and keeping a webhook secret');
    const zone = steadyZone('Europe/Berlin');
    await rpc(host, 'settings:update', { timeZone: zone });
    await rpc(host, 'apps:set', { platform: 'x', clientId: x.client.clientId });
    await openApp(host);
    await connectX(page);

    // Settings → Alerts: "no views" as soon as the numbers say 0 (a half hour is refused, in words).
    await page.getByTestId('nav-settings').click();
    const hours = page.getByTestId('alert-rule-zero_views-hours');
    await expect(hours).toHaveValue('6');
    await hours.fill('1.5');
    await page.getByTestId('alerts-rules-save').click();
    await expect(page.getByTestId('alert-rule-zero_views-hours-error')).toHaveText('Use a whole number of hours');
    await hours.fill('0');
    await page.getByTestId('alerts-rules-save').click();
    await expect.poll(async () => (await rpc<{ zero_views: { hours: number } }>(host, 'alerts:rules')).zero_views.hours).toBe(0);

    // A webhook for every alert; the secret is shown once, for the receiver to check signatures.
    await page.getByTestId('webhook-name').fill('Team chat');
    await page.getByTestId('webhook-url').fill(receiver.url);
    await page.getByTestId('webhook-add').click();
    const secret = (await page.getByTestId('webhook-secret').locator('code').textContent())!;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    receiver.setSecret(secret);

    // The post goes out to the X fake now (Post now: the same path as a scheduled one, without
    // waiting for a minute; publish-mastodon.spec waits for one); nobody sees it.
    const [account] = await rpc<{ id: string }[]>(host, 'accounts:list');
    const created = await rpc<PostDto>(host, 'posts:create', { text: 'Quiet Tuesday post', accounts: [account!.id], schedule: null });
    await rpc(host, 'compose:publishNow', { postId: created.id });
    await expect.poll(async () => (await rpc<PostDto>(host, 'posts:get', { id: created.id })).targets[0]!.state, { timeout: 100_000 }).toBe('published');
    expect(x.postsWithText('Quiet Tuesday post')).toBe(1);

    // "Refresh now": the collector asks the fake, which reports 0 impressions and no saves.
    await rpc(host, 'metrics:refresh', { postIds: [created.id] });
    await expect
      .poll(async () => (await rpc<{ numbers: { impressions: number | null; saves: number | null } | null }[]>(host, 'metrics:status', { postId: created.id }))[0]?.numbers, { timeout: 30_000 })
      .toMatchObject({ impressions: 0, saves: null });

    // The alert opens on its own once the numbers came in.
    const title = 'No views yet on your X post';
    await expect.poll(() => receiver.received.filter((r) => r.headers['x-loomcast-event'] === 'zero_views').length, { timeout: 30_000 }).toBe(1);
    await expect(page.getByTestId('toast').filter({ hasText: title })).toBeVisible();

    // Looked at again: still one of each.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('alerts-check').click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Looked at every rule' }).last()).toBeVisible();
    await page.getByTestId('alerts-bell').click();
    const items = page.getByTestId('alert-item').filter({ hasText: title });
    await expect(items).toHaveCount(1);
    await expect(items).toHaveAttribute('data-state', 'open');
    expect(notices(host, title)).toBe(1);
    const deliveries = receiver.received.filter((r) => r.headers['x-loomcast-event'] === 'zero_views');
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.signatureValid).toBe(true);
    expect(JSON.parse(deliveries[0]!.body)).toMatchObject({ event: 'zero_views', id: deliveries[0]!.headers['x-loomcast-delivery'], data: { alert: { subject: { kind: 'post', id: created.id } } } });

    // Acknowledged from the inbox; the item leads to the post, whose numbers keep 0 apart from not reported.
    await items.getByTestId('alert-ack').click();
    await expect(items.getByTestId('alert-standing')).toContainText('acknowledged');
    await items.getByTestId('alert-open').click();
    const panel = page.getByTestId('post-panel');
    await expect(panel.getByTestId('post-panel-text')).toHaveText('Quiet Tuesday post');
    // Numbers X never gives are said once, not shown as a row each (and never as 0).
    await expect(panel.getByTestId('metric-saves')).toHaveCount(0);
    await expect(panel.getByTestId('metric-views')).toHaveCount(0);
    await expect(panel.getByTestId('metrics-never')).toHaveText('Loomcast gets no views, shares or saves from X.');
    await expect(panel.getByTestId('metric-impressions')).toHaveAttribute('data-reported', 'true');
    await expect(panel.getByTestId('metric-impressions')).toContainText('0');
  } finally {
    await host.stop();
    await removeDataDir(dataDir);
  }
});
