import type { Page } from '@playwright/test';
import type { AccountDto } from '../../../shared/contract';
import type { Fault } from '../../fakes/common/fake-server';
import { startMastodonFake, type StartedMastodonFake } from '../../fakes/mastodon';
import { test as base, expect, fillComposer } from './fixtures';
import { rpc, type RunningHost } from './host';
import { needKeychain } from './keychain';

/*
 * Connecting the fake Mastodon instance's account, the two ways the specs need it: quickly
 * through the core (accounts:connect, then the instance's own consent page), or the way a person
 * does it, through Accounts → Connect account. One copy, so a change to the connect flow or the
 * fake's consent page is made once.
 */

/** The spec fixtures plus a fake Mastodon instance of its own for each test, stopped afterwards. */
export const test = base.extend<{ mastodon: StartedMastodonFake }>({
  mastodon: async ({}, use) => {
    const fake = await startMastodonFake();
    await use(fake);
    await fake.stop();
  },
});

/** Approves on the fake's consent page and waits for its "Connected" answer. */
async function approve(consent: Page): Promise<void> {
  await consent.waitForLoadState();
  await consent.getByTestId('authorize').click();
  await expect(consent.locator('h1')).toHaveText('Connected to Loomcast', { timeout: 15_000 });
  await consent.close();
}

/**
 * Starts a connect through the core, approves it on the instance's consent page in a tab of the
 * test's browser, and returns the connected account (the only one: call it on an empty workspace).
 */
export async function connectMastodon(page: Page, host: RunningHost, mastodon: StartedMastodonFake): Promise<AccountDto> {
  await needKeychain(host, 'Connecting a Mastodon account');
  const start = await rpc<{ kind: string; url: string }>(host, 'accounts:connect', { platform: 'mastodon', serverUrl: mastodon.url });
  expect(start.kind).toBe('authorize');
  const consent = await page.context().newPage();
  await consent.goto(start.url);
  await approve(consent);
  await expect.poll(async () => (await rpc<AccountDto[]>(host, 'accounts:list')).length, { timeout: 15_000 }).toBe(1);
  const [account] = await rpc<AccountDto[]>(host, 'accounts:list');
  return account!;
}

/**
 * Submits the connect form already on screen (a platform picked, the server typed) and returns the
 * tab with the instance's consent page. The app opens that tab itself (window.open) in browser
 * mode; only if that was blocked does the test click "Continue to Mastodon", so there is only ever
 * one consent tab.
 */
export async function submitConnectForm(page: Page): Promise<Page> {
  const context = page.context();
  const popup = context.waitForEvent('page', { timeout: 10_000 }).catch(() => null);
  await page.getByTestId('connect-submit').click();
  await expect(page.getByTestId('connect-status')).toHaveAttribute('data-phase', 'authorize', { timeout: 15_000 });
  const opened = await popup;
  if (opened) return opened;
  const tab = context.waitForEvent('page');
  await page.getByTestId('connect-continue').click();
  return tab;
}

/**
 * The way a person connects from the connect panel: Mastodon, the server's address, the consent
 * page, and back to "Connected". `openPanel` first goes through Accounts → Connect account.
 */
export async function connectMastodonInPanel(page: Page, mastodon: StartedMastodonFake, opts: { openPanel?: boolean } = {}): Promise<void> {
  if (opts.openPanel) {
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('accounts-connect').click();
  }
  await page.getByTestId('connect-platform-mastodon').click();
  await page.getByTestId('connect-server-url').fill(mastodon.url);
  await approve(await submitConnectForm(page));
  await expect(page.getByTestId('connect-status')).toHaveAttribute('data-phase', 'connected', { timeout: 15_000 });
}

/** The instance answers the `n`th write from now with `fault` (a bad moment), every other one as usual. */
export function faultOnWrite(mastodon: StartedMastodonFake, n: number, fault: Fault): void {
  const take = mastodon.takeFault.bind(mastodon);
  let writes = 0;
  mastodon.takeFault = (): Fault | undefined => (++writes === n ? fault : take());
}

/** In the composer: a thread of `texts` to Mastodon, posted now (confirmed). */
export async function postThreadNow(page: Page, texts: string[]): Promise<void> {
  await fillComposer(page, { text: texts[0]!, platforms: ['mastodon'] });
  for (const [i, part] of texts.slice(1).entries()) {
    await page.getByTestId('compose-thread-add').click();
    await page.getByTestId(`compose-thread-${i}`).fill(part);
  }
  await page.getByTestId('compose-post-now').click();
  await page.getByTestId('compose-now-confirm-go').click();
}
