import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';
import { schedulePost } from './support/seed';

const ZONE = 'Europe/Berlin';

test.describe('the app frame', () => {
  test('N starts a new post and / jumps to search, but not while typing', async ({ page, host, openApp }) => {
    await openApp(host);
    await page.keyboard.press('n');
    await expect(page.getByTestId('compose-screen')).toBeVisible();
    await expect(page.getByTestId('compose-text')).toBeFocused();

    await page.keyboard.type('n and / stay in the text');
    await expect(page.getByTestId('compose-text')).toHaveValue('n and / stay in the text');

    await page.getByTestId('compose-text').blur();
    await page.keyboard.press('/');
    await expect(page.getByTestId('search-input')).toBeFocused();
    await expect(page.getByTestId('search-input')).toHaveValue('');
  });

  test('search filters the posts by their text', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    await rpc(host, 'posts:create', { text: 'Podcast episode 12 is out', platforms: ['x'], schedule: { date: dayFromToday(ZONE, 1), time: '08:00' } });
    await schedulePost(host, { text: 'Behind the scenes of the studio', platforms: ['instagram'], date: dayFromToday(ZONE, 1), time: '12:00' });
    await rpc(host, 'posts:create', { text: 'Podcast outline, rough', platforms: ['linkedin'], schedule: null });

    await openApp(host, '#/settings');
    await page.keyboard.press('/');
    await page.keyboard.type('podcast');
    await expect(page.getByTestId('calendar-screen')).toBeVisible();
    await expect(page.getByTestId('post-row')).toHaveCount(2);
    await expect(page.getByTestId('search-note')).toContainText('2 posts matching “podcast”');

    await page.keyboard.press('Escape');
    await expect(page.getByTestId('post-row')).toHaveCount(3);
  });

  test('a screen reader hears how many posts match once typing pauses, not at each keystroke', async ({ page, host, openApp }) => {
    await rpc(host, 'posts:create', { text: 'Podcast episode 12 is out', platforms: ['x'], schedule: null });
    await rpc(host, 'posts:create', { text: 'Podcast outline, rough', platforms: ['linkedin'], schedule: null });
    await openApp(host, '#/settings');
    // Every change of the live region's words, as a screen reader would be told of them.
    const heard: string[] = [];
    await page.exposeFunction('heard', (t: string) => heard.push(t.trim()));
    await page.evaluate(`(() => {
      let last = '';
      new MutationObserver(() => {
        const t = document.querySelector('[data-testid="search-announcer"]')?.textContent ?? '';
        if (t !== last && t.trim()) window.heard(t);
        last = t;
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    })()`);
    const region = page.getByTestId('search-announcer');

    // Slower than the search asks (each word typed so far is searched), faster than it speaks.
    await page.keyboard.press('/');
    await page.keyboard.type('podcast', { delay: 300 });
    await expect(region).toHaveText('2 posts match “podcast”');
    await expect(region).toHaveAttribute('aria-live', 'polite');
    await page.getByTestId('search-input').fill('podcast zebra');
    await expect(region).toHaveText('No posts match “podcast zebra”');
    // The same words again after other words are said again.
    await page.getByTestId('search-input').fill('podcast');
    await expect(region).toHaveText(/^2 posts match “podcast”\s?$/);
    await expect.poll(() => heard).toEqual(['2 posts match “podcast”', 'No posts match “podcast zebra”', '2 posts match “podcast”']);
  });

  test('the status line says no account can post yet and counts only what is really planned', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const status = page.getByTestId('status-line');

    await openApp(host);
    await expect(status).toContainText('No accounts connected: posts can’t go out');
    await expect(status).toContainText('0 scheduled');
    await expect(status).not.toContainText('next post');

    const day = dayFromToday(ZONE, 1);
    await rpc(host, 'posts:create', { text: 'Later one', platforms: ['bluesky'], schedule: { date: day, time: '18:00' } });
    await rpc(host, 'posts:create', { text: 'Sooner one', platforms: ['x', 'mastodon'], schedule: { date: day, time: '07:45' } });
    await rpc(host, 'posts:create', { text: 'A draft', platforms: ['x'], schedule: null });

    // Pushed over the event stream: no reload. With no account, nothing is promised as next.
    await expect(status).toContainText('2 scheduled');
    await expect(status).toContainText('1 draft');
    await expect(status).not.toContainText('next post');
    await expect(status.getByTestId('status-fix')).toHaveText('Connect an account');
  });

  test('the status line counts the posts waiting in Review and leads to them', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });
    const day = dayFromToday(ZONE, 2);
    const first = await rpc<{ id: string }>(host, 'posts:create', { text: 'Held one', platforms: ['bluesky'], schedule: { date: day, time: '10:00' } });
    await rpc(host, 'posts:create', { text: 'Held two', platforms: ['x', 'mastodon'], schedule: { date: day, time: '11:00' } });
    const status = page.getByTestId('status-line');

    await openApp(host, '#/settings');
    // Nothing is scheduled yet, but two posts wait on the creator: the line says so.
    await expect(status).toContainText('0 scheduled');
    await expect(page.getByTestId('status-review')).toHaveText('2 in review');
    await page.getByTestId('status-review').click();
    await expect(page).toHaveURL(/#\/review$/);
    await expect(page.getByTestId('review-list').getByTestId('review-item')).toHaveCount(2);

    // Approved, one is scheduled and no longer waits (pushed over the event stream).
    await rpc(host, 'review:approve', { postIds: [first.id] });
    await expect(page.getByTestId('status-review')).toHaveText('1 in review');
    await expect(status).toContainText('1 scheduled');
  });

  test('the keychain banner shows exactly when the core says the keychain is unavailable', async ({ page, host, openApp }) => {
    await openApp(host, '#/settings');
    const info = await rpc<{ vault: { available: boolean; message: string | null } }>(host, 'app:info');
    if (info.vault.available) {
      await expect(page.getByTestId('vault-banner')).toHaveCount(0);
      await expect(page.getByTestId('settings-keychain')).toContainText('Available');
    } else {
      await expect(page.getByTestId('vault-banner')).toContainText(info.vault.message ?? '');
      await expect(page.getByTestId('settings-keychain')).toContainText('Not available');
    }
    await expect(page.getByTestId('settings-data-dir')).toHaveText(host.dataDir);
    await expect(page.getByTestId('settings-db-path')).toContainText(host.dataDir);
  });

  test('when the core reports the keychain unavailable, a banner says so in the core’s words', async ({ page, host, openApp }) => {
    // The keychain's state belongs to the machine, so this one answer is rewritten on its way to the page.
    const message = 'No system keychain is available, so Loomcast cannot keep account passwords and tokens.';
    await page.route('**/rpc/app:info', async (route) => {
      const real = await route.fetch();
      const info = (await real.json()) as Record<string, unknown>;
      await route.fulfill({ response: real, json: { ...info, vault: { available: false, message, details: 'DBus error: no session bus' } } });
    });
    await openApp(host, '#/settings');
    await expect(page.getByTestId('vault-banner')).toContainText(message);
    await expect(page.getByTestId('vault-banner')).toContainText('Your posts and plans are not affected');
    await expect(page.getByTestId('settings-keychain')).toContainText('Not available');
  });

  test('the theme can be pinned to light or dark, or follow the system', async ({ page, host, openApp }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openApp(host, '#/settings');
    const html = page.locator('html');
    await expect(html).not.toHaveAttribute('data-theme');

    await page.getByTestId('settings-theme-light').click();
    await expect(html).toHaveAttribute('data-theme', 'light');
    await expect(page.getByTestId('settings-saved')).toContainText('Theme set to light');
    expect((await rpc<{ theme: string }>(host, 'settings:get')).theme).toBe('light');

    await page.getByTestId('settings-theme-system').click();
    await expect(html).not.toHaveAttribute('data-theme');
  });

  test('Escape closes the post panel and gives focus back to the post', async ({ page, host, openApp }) => {
    await rpc(host, 'posts:create', { text: 'Keyboard check', platforms: ['x'], schedule: null });
    await openApp(host);
    const row = page.getByTestId('post-row').filter({ hasText: 'Keyboard check' });
    await row.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('post-panel')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('post-panel')).toHaveCount(0);
    await expect(row).toBeFocused();
  });

  test('every screen opens from the sidebar, and the layout holds at 1024×700', async ({ page, host, openApp }) => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await rpc(host, 'posts:create', { text: 'A post with a fairly long first line so the row has to truncate it somewhere sensible', platforms: ['x', 'bluesky', 'mastodon', 'linkedin', 'threads'], schedule: null });
    await openApp(host);
    const screens = ['compose', 'review', 'analytics', 'experiments', 'ideas', 'accounts', 'settings', 'calendar'] as const;
    for (const screen of screens) {
      await page.getByTestId(`nav-${screen}`).click();
      await expect(page.getByTestId(`${screen}-screen`)).toBeVisible();
      await expect(page.getByTestId(`nav-${screen}`)).toHaveAttribute('aria-current', 'page');
    }
    await page.getByTestId('post-row').first().click();
    await expect(page.getByTestId('post-panel')).toBeVisible();
    await expect(page.getByTestId('new-post')).toBeInViewport();
    await expect(page.getByTestId('status-line')).toBeInViewport();
    // A string, not a function: this file is type-checked without the DOM library.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBe(0);
    await page.getByTestId('nav-accounts').click();
    await expect(page.getByTestId('accounts-empty')).toContainText('No accounts connected yet');
  });
});
