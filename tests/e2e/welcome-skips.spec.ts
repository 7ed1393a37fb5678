/**
 * The welcome path tells the truth: a saved zone is what step 1 shows when you come back to it,
 * "Skip for now" is not "done", and what was typed in a step survives Back and Forward.
 */
import { expect, test } from './support/fixtures';
import { rpc } from './support/host';

const ZONE = 'Asia/Tokyo';

test('coming back to step 1 shows the saved zone, and pressing its button keeps it', async ({ page, host, openApp }) => {
  await openApp(host, '#/welcome/zone');
  await page.getByTestId('welcome-zone-search').fill('tokyo');
  await page.getByTestId('welcome-zone-option').getByRole('radio').check();
  await page.getByTestId('welcome-zone-save').click();
  await expect(page.getByTestId('welcome-step-title')).toHaveText('Step 2 of 5: Connect an account');
  expect((await rpc<{ timeZone: string }>(host, 'settings:get')).timeZone).toBe(ZONE);

  // Back to step 1 from the step list: the saved zone, not the computer's.
  await page.getByTestId('welcome-step-zone').click();
  await expect(page.getByTestId('welcome-zone-picked')).toContainText(`Saved: ${ZONE} (UTC+09:00)`);
  await expect(page.getByTestId('welcome-zone-save')).toHaveText(`Keep ${ZONE}`);
  await page.getByTestId('welcome-zone-save').click();
  await expect(page.getByTestId('welcome-step-title')).toHaveText('Step 2 of 5: Connect an account');
  expect((await rpc<{ timeZone: string }>(host, 'settings:get')).timeZone).toBe(ZONE);

  // Opened straight on step 1 (first paint before settings have loaded): still the saved zone.
  await openApp(host, '#/welcome/zone');
  await expect(page.getByTestId('welcome-zone-picked')).toContainText(ZONE);
  await expect(page.getByTestId('welcome-zone-save')).toHaveText(`Keep ${ZONE}`);
});

test('skipped steps read as skipped, not done, and the closing page says what is still to do', async ({ page, host, openApp }) => {
  await openApp(host, '#/welcome/zone');
  await page.getByTestId('welcome-zone-save').click();
  for (const title of ['Step 2 of 5: Connect an account', 'Step 3 of 5: A brand voice', 'Step 4 of 5: Posting times']) {
    await expect(page.getByTestId('welcome-step-title')).toHaveText(title);
    await page.getByTestId('welcome-skip').click();
  }
  await expect(page.getByTestId('welcome-step-title')).toHaveText('Step 5 of 5: Your first week');
  await expect(page.getByTestId('welcome-step-zone')).toHaveAttribute('data-status', 'done');
  for (const id of ['account', 'voice', 'times']) {
    const link = page.getByTestId(`welcome-step-${id}`);
    await expect(link).toHaveAttribute('data-status', 'skipped');
    await expect(link).toHaveAttribute('data-done', 'false');
    await expect(link).not.toContainText('(done)');
  }
  await expect(page.getByTestId('welcome-step-account-later')).toHaveText(', Skipped — connect an account any time in Accounts');

  // The sidebar card and badge count only what was done.
  await page.getByTestId('nav-calendar').click();
  const entry = page.getByTestId('welcome-entry');
  await expect(entry).toContainText('1 of 5 steps done, 3 skipped');
  await expect(entry.locator('li[data-status="skipped"]')).toHaveCount(3);
  await expect(entry.locator('li[data-status="skipped"]').first()).toContainText('(skipped)');
  await expect(page.getByTestId('nav-welcome')).toContainText('1/5');

  // A voice saved in Library since: that step is done now, whatever was skipped.
  await rpc(host, 'voices:save', { name: 'Studio notes', tone: 'warm' });
  await expect(entry).toContainText('2 of 5 steps done, 2 skipped');
  await expect(page.getByTestId('nav-welcome')).toContainText('2/5');

  // Finishing with no account: no "all set up", but what is left, an account first, with the way there.
  await page.getByTestId('nav-welcome').click();
  await page.getByTestId('welcome-write').click();
  await expect(page.getByTestId('compose-text')).toBeVisible();
  await openApp(host, '#/welcome');
  const closed = page.getByTestId('welcome-closed');
  await expect(closed.getByRole('heading', { level: 2 })).toHaveText('You can start writing');
  await expect(closed).not.toContainText('all set up');
  await expect(page.getByTestId('welcome-still-to-do')).toContainText('Still to do: connect an account, so posts can go out; set weekly posting times');
  await expect(page.getByTestId('welcome-todo-account')).toHaveAttribute('href', '#/accounts');
  await expect(page.getByTestId('welcome-todo-voice')).toHaveCount(0);
  const run = (await rpc<{ firstRun: { state: string; skipped: string[] } }>(host, 'settings:get')).firstRun;
  expect(run).toMatchObject({ state: 'finished', skipped: ['account', 'voice', 'times'] });
});

test('Back and Forward keep the voice name and tone typed in step 3', async ({ page, host, openApp }) => {
  await openApp(host, '#/welcome/account');
  await page.getByTestId('welcome-skip').click();
  await expect(page.getByTestId('welcome-step-title')).toHaveText('Step 3 of 5: A brand voice');
  await page.getByTestId('welcome-voice-name').fill('Studio notes');
  await page.getByTestId('welcome-voice-tone').fill('warm, plain words');
  await page.goBack();
  await expect(page.getByTestId('welcome-step-title')).toHaveText('Step 2 of 5: Connect an account');
  await page.goForward();
  await expect(page.getByTestId('welcome-step-title')).toHaveText('Step 3 of 5: A brand voice');
  await expect(page.getByTestId('welcome-voice-name')).toHaveValue('Studio notes');
  await expect(page.getByTestId('welcome-voice-tone')).toHaveValue('warm, plain words');

  // Saved, it is the voice; the form starts empty next time.
  await page.getByTestId('welcome-voice-save').click();
  await expect(page.getByTestId('welcome-step-title')).toHaveText('Step 4 of 5: Posting times');
  expect(await rpc<{ name: string; tone: string }[]>(host, 'voices:list')).toMatchObject([{ name: 'Studio notes', tone: 'warm, plain words' }]);
  await page.getByTestId('welcome-step-voice').click();
  await expect(page.getByTestId('welcome-voice-name')).toHaveValue('');
});
