import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { createRollups } from '../../electron/core/analytics/rollups';
import { startMastodonFake, type StartedMastodonFake } from '../fakes/mastodon';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { test as base, expect, nextWholeMinute, steadyZone } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';
import { needKeychain } from './support/keychain';

interface PostDto {
  id: string;
  targets: { id: string; state: string }[];
}

const test = base.extend<{ mastodon: StartedMastodonFake; receiver: WebhookReceiver }>({
  mastodon: async ({}, use) => {
    const fake = await startMastodonFake();
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

async function connectMastodon(page: Page, url: string): Promise<void> {
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('accounts-connect').click();
  await page.getByTestId('connect-platform-mastodon').click();
  await page.getByTestId('connect-server-url').fill(url);
  const popup = page.context().waitForEvent('page', { timeout: 10_000 }).catch(() => null);
  await page.getByTestId('connect-submit').click();
  await expect(page.getByTestId('connect-status')).toHaveAttribute('data-phase', 'authorize', { timeout: 15_000 });
  let consent = await popup;
  if (!consent) {
    const tab = page.context().waitForEvent('page');
    await page.getByTestId('connect-continue').click();
    consent = await tab;
  }
  await consent.waitForLoadState();
  await consent.getByTestId('authorize').click();
  await expect(consent.locator('h1')).toHaveText('Connected to Loomcast', { timeout: 15_000 });
  await consent.close();
  await expect(page.getByTestId('connect-status')).toHaveAttribute('data-phase', 'connected', { timeout: 15_000 });
  await page.getByTestId('connect-done').click();
}

test('a published post at zero views raises one notice, one inbox entry and one signed webhook delivery; a number the platform does not report shows as not reported', async ({ page, host, openApp, mastodon, receiver }) => {
  test.setTimeout(180_000);
  await needKeychain(host, 'Connecting a Mastodon account and keeping a webhook secret');
  const zone = steadyZone('Europe/Berlin');
  await rpc(host, 'settings:update', { timeZone: zone });
  await openApp(host);
  await connectMastodon(page, mastodon.url);

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

  // The post goes out to the Mastodon fake at the next whole minute.
  const [account] = await rpc<{ id: string }[]>(host, 'accounts:list');
  const when = nextWholeMinute(zone, 20);
  const created = await rpc<PostDto>(host, 'posts:create', { text: 'Quiet Tuesday post', accounts: [account!.id], schedule: { date: when.date, time: when.time } });
  await expect.poll(async () => (await rpc<PostDto>(host, 'posts:get', { id: created.id })).targets[0]!.state, { timeout: 100_000 }).toBe('published');
  const targetId = created.targets[0]!.id;

  // The collector reads Mastodon's numbers: likes and the rest, but no views (not reported, not 0).
  await rpc(host, 'metrics:refresh', { postIds: [created.id] });
  await expect.poll(async () => (await rpc<{ numbers: { views: number | null; likes: number | null } | null }[]>(host, 'metrics:status', { postId: created.id }))[0]?.numbers, { timeout: 30_000 }).toMatchObject({ views: null, likes: 0 });
  await page.getByTestId('alerts-check').click();
  expect((await rpc<{ kind: string }[]>(host, 'alerts:list')).filter((a) => a.kind === 'zero_views')).toEqual([]);

  await page.getByTestId('nav-calendar').click();
  await page.locator(`[data-testid="post-row"][data-post-id="${created.id}"]`).first().click();
  const panel = page.getByTestId('post-panel');
  await expect(panel.getByTestId('metric-views')).toHaveAttribute('data-reported', 'false');
  await expect(panel.getByTestId('metric-views')).toContainText('not reported');
  await expect(panel.getByTestId('metric-likes')).toContainText('0');
  await page.keyboard.press('Escape');

  // A platform that reports views says 0. Only the Mastodon fake is reachable from the browser-mode
  // host, and Mastodon has no views, so this snapshot is written the way the collector writes one:
  // through the core's one rollups writer, on the host's database.
  const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
  try {
    createRollups(db).record(targetId, Date.now(), { views: 0, likes: 0, replies: 0, reposts: 0 });
  } finally {
    db.close();
  }
  const title = 'No views yet on your Mastodon post';
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('alerts-check').click();
  await expect(page.getByTestId('toast').filter({ hasText: title })).toBeVisible();
  await expect.poll(() => receiver.received.filter((r) => r.headers['x-loomcast-event'] === 'zero_views').length).toBe(1);

  // Looked at again: still one of each.
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

  // Acknowledged from the inbox; the item leads to the post.
  await items.getByTestId('alert-ack').click();
  await expect(items.getByTestId('alert-standing')).toContainText('acknowledged');
  await items.getByTestId('alert-open').click();
  await expect(page.getByTestId('post-panel').getByTestId('post-panel-text')).toHaveText('Quiet Tuesday post');
});
