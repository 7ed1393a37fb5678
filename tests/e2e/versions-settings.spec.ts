import type { PostDto, PostVersionDto, SettingsDto } from '../../shared/contract';
import { dayFromToday, expect, fillComposer, test } from './support/fixtures';
import { rpc } from './support/host';

const ZONE = 'Europe/Berlin';

test('the post panel shows what each edit changed, and restoring version 1 brings its text back as version 3', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  const first = 'Episode 12 is out: we talk pricing with two founders.';
  const second = 'Episode 12 is live: we talk pricing and churn with two founders.';
  const post = await rpc<PostDto>(host, 'posts:create', { text: first, platforms: ['x'], schedule: { date: dayFromToday(ZONE, 2), time: '10:00' } });
  await rpc(host, 'posts:update', { id: post.id, text: second });

  await openApp(host);
  await page.getByTestId('upcoming-list').getByTestId('post-row').filter({ hasText: 'Episode 12' }).click();
  const panel = page.getByTestId('post-panel');
  const v2 = panel.locator('[data-testid="version-item"][data-version="2"]');
  await expect(v2).toContainText('Current');
  await expect(v2.getByTestId('version-removed')).toHaveText(['out: ']);
  await expect(v2.getByTestId('version-added')).toHaveText(['live: ', 'and churn ']);
  // The current version has nothing to restore; the older one does.
  await expect(v2.getByTestId('version-restore')).toHaveCount(0);
  const v1 = panel.locator('[data-testid="version-item"][data-version="1"]');
  await v1.getByRole('button', { name: 'Restore version 1' }).click();
  const confirm = v1.getByTestId('restore-confirm');
  await expect(confirm).toContainText('Restore version 1?');
  await expect(confirm.getByTestId('cancel-restore')).toBeFocused();
  await confirm.getByTestId('confirm-restore').click();

  await expect(page.getByText('Restored version 1')).toBeVisible();
  await expect(panel.getByTestId('post-panel-text')).toHaveText(first);
  const v3 = panel.locator('[data-testid="version-item"][data-version="3"]');
  await expect(v3).toContainText('Current');
  await expect(v3).toContainText('Written by you');
  await expect(v3.getByTestId('version-added')).toHaveText(['out: ']);
  const versions = await rpc<PostVersionDto[]>(host, 'posts:versions', { id: post.id });
  expect(versions.map((v) => [v.number, v.text, v.source])).toEqual([
    [3, first, 'manual'],
    [2, second, 'manual'],
    [1, first, 'manual'],
  ]);
});

test('Settings: the time zone is found by typing, and the missed-post policy is saved', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE, missedGraceMinutes: 120, missedAction: 'hold' });
  await openApp(host, '#/settings');
  const zone = page.getByRole('combobox', { name: 'Your time zone' });
  await expect(zone).toHaveValue(ZONE);
  await zone.click();
  await zone.fill('Tokyo');
  await expect(zone).toHaveAttribute('aria-expanded', 'true');
  const options = page.getByTestId('settings-timezone-option');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toHaveAttribute('data-zone', 'Asia/Tokyo');
  await expect(options.first()).toContainText('UTC+9');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settings-saved')).toContainText('Time zone set to Asia/Tokyo');
  await expect(zone).toHaveValue('Asia/Tokyo');
  await expect(zone).toHaveAttribute('aria-expanded', 'false');
  expect((await rpc<SettingsDto>(host, 'settings:get')).timeZone).toBe('Asia/Tokyo');

  // Escape puts the chosen zone back; arrow keys move through the matches.
  await zone.fill('new york');
  await expect(options).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(zone).toHaveValue('Asia/Tokyo');
  expect((await rpc<SettingsDto>(host, 'settings:get')).timeZone).toBe('Asia/Tokyo');

  const grace = page.getByLabel('Still publish a post found this late');
  await expect(grace).toHaveValue('2');
  await expect(page.getByTestId('settings-missed-grace-unit')).toHaveValue('hours');
  await grace.fill('45');
  await page.getByTestId('settings-missed-grace-unit').selectOption('minutes');
  await expect(page.getByTestId('settings-saved')).toContainText('Grace period set to 45 minutes');
  await page.getByTestId('settings-missed-publish').click();
  await expect(page.getByTestId('settings-saved')).toContainText('Late posts are published late');
  const saved = await rpc<SettingsDto>(host, 'settings:get');
  expect([saved.missedGraceMinutes, saved.missedAction]).toEqual([45, 'publish']);
});

test('with "Posts I write in the composer skip review" off, a post written in the composer waits in Review', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: true });
  await openApp(host, '#/settings');
  const skip = page.getByTestId('settings-own-skip-review');
  await expect(skip).toBeChecked();
  // The box follows the saved setting, so it changes once the core has it.
  await skip.click();
  await expect(skip).not.toBeChecked();
  await expect(page.getByTestId('settings-saved')).toContainText('Posts you write wait in Review');
  expect((await rpc<SettingsDto>(host, 'settings:get')).autoApproveOwnPosts).toBe(false);

  await page.getByTestId('new-post').click();
  await fillComposer(page, { text: 'Office hours on Thursday, bring your questions.', platforms: ['x'], date: dayFromToday(ZONE, 3), time: '16:00' });
  await page.getByTestId('compose-schedule').click();
  // The composer hands over to the calendar, where the post shows as in review.
  await expect(page.getByTestId('upcoming-list').getByTestId('post-row').filter({ hasText: 'Office hours' })).toContainText('In review');
  await page.getByTestId('nav-review').click();
  await expect(page.getByTestId('review-item').filter({ hasText: 'Office hours on Thursday' })).toHaveCount(1);
  const [post] = (await rpc<PostDto[]>(host, 'posts:list', { scope: 'all' })).filter((p) => p.text.startsWith('Office hours'));
  expect(post?.targets.map((t) => t.state)).toEqual(['in_review']);
});

test('Settings: a read-only token made in Agents and scripts is refused a write with 403, and once revoked with 401', async ({ page, host, openApp }) => {
  await openApp(host, '#/settings');
  const section = page.getByTestId('settings-agents');
  await expect(section.getByTestId('settings-agent-review')).toBeChecked();
  await section.getByTestId('token-new').click();
  await expect(section.getByTestId('token-name')).toBeFocused();
  // No name: the core's words sit under the Name field, which is marked and has the keyboard; no channel name shows.
  await section.getByTestId('token-create').click();
  const nameError = section.getByTestId('token-name-error');
  await expect(nameError).toHaveText('Give the token a name, e.g. the script or agent that will use it');
  await expect(section.getByTestId('token-name')).toHaveAttribute('aria-invalid', 'true');
  await expect(section.getByTestId('token-name')).toHaveAttribute('aria-describedby', 'token-name-error');
  await expect(section.getByTestId('token-name')).toBeFocused();
  await expect(section).not.toContainText('apiTokens:create');
  await expect(section.getByTestId('tokens-problem')).toHaveCount(0);
  await section.getByTestId('token-name').fill('Nightly report');
  await section.getByTestId('token-scope-read').click();
  await section.getByTestId('token-create').click();
  const secretField = section.getByTestId('token-secret');
  await expect(secretField).toHaveValue(/^lct_/);
  await expect(section.getByTestId('token-secret-panel')).toContainText('it will not be shown again');
  const secret = await secretField.inputValue();
  await section.getByTestId('token-done').click();
  await expect(section.getByTestId('token-secret')).toHaveCount(0);
  const row = section.getByTestId('token-row').filter({ hasText: 'Nightly report' });
  await expect(row).toContainText('Read only');

  const call = (channel: string, body: unknown) =>
    fetch(`${host.origin}/rpc/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: JSON.stringify(body) });
  expect((await call('posts:list', { scope: 'all' })).status).toBe(200);
  const refused = await call('posts:create', { text: 'Not from a read-only token', platforms: ['x'], schedule: null });
  expect(refused.status).toBe(403);
  expect(await refused.json()).toMatchObject({ error: { code: 'forbidden' } });

  await row.getByTestId('token-revoke').click();
  const confirm = row.getByTestId('token-revoke-confirm');
  await expect(confirm.getByTestId('token-revoke-no')).toBeFocused();
  await confirm.getByTestId('token-revoke-yes').click();
  await expect(row).toHaveAttribute('data-revoked', 'true');
  await expect(row).toContainText('revoked');
  expect((await call('posts:list', { scope: 'all' })).status).toBe(401);
});

test('Settings: a missed-post change the core can’t save says so in its own section and keeps the number typed', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE, missedGraceMinutes: 120, missedAction: 'hold' });
  await openApp(host, '#/settings');
  const section = page.getByRole('region', { name: 'Missed posts' });
  const grace = section.getByLabel('Still publish a post found this late');
  await expect(grace).toHaveValue('2');
  await grace.scrollIntoViewIfNeeded();

  // The core stops answering (browser mode: the host was closed).
  await page.route('**/rpc/settings:update', (route) => route.abort());
  await grace.fill('3');
  await page.keyboard.press('Tab');
  // The reason shows where the change was made, on screen, and the number typed stays to try again.
  const problem = section.getByRole('alert');
  await expect(problem).toContainText('not answering');
  await expect(problem).toBeInViewport();
  await expect(grace).toHaveValue('3');
  await expect(page.getByTestId('settings-saved')).not.toContainText('Grace period');

  await section.getByTestId('settings-missed-publish').click();
  await expect(problem).toContainText('not answering');
  await expect(problem).toBeInViewport();
  await expect(section.getByRole('radio', { name: 'Hold it for me to decide' })).toBeChecked();

  // Once it answers again, the same number saves and the problem goes.
  await page.unroute('**/rpc/settings:update');
  await grace.press('Enter');
  await expect(page.getByTestId('settings-saved')).toContainText('Grace period set to 3 hours');
  await expect(problem).toHaveCount(0);
  expect((await rpc<SettingsDto>(host, 'settings:get')).missedGraceMinutes).toBe(180);
});
