import type { PostDto } from '../../shared/contract';
import { expectMessagesOutsideLabels } from './support/field-messages';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';

/**
 * Errors and hints sit beside a field's label, not inside it: a screen reader reads a field's
 * name on every visit, and its description (aria-describedby) as the message it is.
 */
test.describe('field messages are described, not part of the label', () => {
  test.use({ locale: 'es-419' });

  test('the campaign form: its currency note and its errors', async ({ page, host, openApp }) => {
    await openApp(host, '#/campaigns');
    await page.getByTestId('campaign-new').click();
    const editor = page.getByTestId('campaign-editor');
    const currency = editor.getByTestId('campaign-currency');
    await expect(currency).toHaveAccessibleName('Currency');
    await expect(currency).toHaveAccessibleDescription(/^Your locale \(es-419\) names no country/);
    await expect(editor.getByTestId('campaign-guard-rate')).toHaveAccessibleName('Pause below engagement rate (%)');

    await editor.getByTestId('campaign-starts').fill('2026-12-10');
    await editor.getByTestId('campaign-ends').fill('2026-12-01');
    await editor.getByTestId('campaign-save').click();
    await expect(editor.getByTestId('campaign-error-name')).toHaveText('Give the campaign a name');
    await expect(editor.getByTestId('campaign-name')).toHaveAccessibleName('Name');
    await expect(editor.getByTestId('campaign-name')).toHaveAccessibleDescription('Give the campaign a name');
    expect(await expectMessagesOutsideLabels(editor)).toContain('campaign-name-error');

    await expect(editor.getByTestId('campaign-error-endsOn')).toBeVisible();
    await editor.getByTestId('campaign-name').fill('Otoño');
    await editor.getByTestId('campaign-ends').fill('2026-12-31');
    await editor.getByTestId('campaign-utm-campaign').fill('spring launch');
    await editor.getByTestId('campaign-save').click();
    await expect(editor.getByTestId('campaign-error-utm.campaign')).toBeVisible();
    await expect(editor.getByTestId('campaign-utm-campaign')).toHaveAccessibleName('utm_campaign');
    expect(await expectMessagesOutsideLabels(editor)).toContain('campaign-utm.campaign-error');
  });

  test('the new experiment form: errors the core gives and the posts-per-version hint', async ({ page, host, openApp }) => {
    await openApp(host, '#/experiments');
    await page.getByTestId('experiment-new').click();
    const form = page.getByTestId('experiment-create');
    await expect(form.getByTestId('experiment-posts-per-arm')).toHaveAccessibleName('Posts per version');
    await expect(form.getByTestId('experiment-posts-per-arm')).toHaveAccessibleDescription('Also the minimum before any verdict.');
    await form.getByTestId('experiment-arm-0').fill('Plain: new recipe on the blog today');
    await form.getByTestId('experiment-create-submit').click();
    await expect(form.getByTestId('experiment-error-name')).toBeVisible();
    await expect(form.getByTestId('experiment-arm-1')).toHaveAccessibleName('Version B');
    const ids = await expectMessagesOutsideLabels(form);
    expect(ids).toEqual(expect.arrayContaining(['experiment-name-error', 'experiment-arm-1-error', 'experiment-accounts-error']));
  });

  test('the import settings: each hint describes its field', async ({ page, host, openApp }) => {
    await openApp(host, '#/import');
    await page.getByText('How the file is read').click();
    await expect(page.getByTestId('import-zone')).toHaveAccessibleName('Time zone of rows that name none');
    await expect(page.getByTestId('import-zone')).toHaveAccessibleDescription(/^Empty: your zone in Settings/);
    await expect(page.getByTestId('import-accounts')).toHaveAccessibleDescription('Hootsuite files name no accounts: every row goes here.');
    await expectMessagesOutsideLabels(page.locator('.io-settings'));
  });

  test('the settings: a checkbox or radio is named by its words, and its hint describes it', async ({ page, host, openApp }) => {
    await openApp(host, '#/settings');
    const review = page.getByTestId('settings-agent-review');
    await expect(review).toHaveAccessibleName('Posts made by agents wait in Review');
    await expect(review).toHaveAccessibleDescription(/^Anything an agent writes or schedules waits for your approval/);
    await expect(page.getByTestId('bucket-path-style')).toHaveAccessibleName('Path-style addresses');
    const writing = page.getByTestId('settings-writing');
    await expect(writing.getByTestId('writing-kind-offline').getByRole('radio')).toHaveAccessibleName('Offline writer');
    await writing.getByTestId('writing-kind-openai').click();
    await expect(writing.getByTestId('writing-kind-openai').getByRole('radio')).toBeChecked();
    await expect(writing.getByTestId('writing-concurrency-2').getByRole('radio')).toHaveAccessibleName('2');
    await page.getByTestId('token-new').click();
    await expect(page.getByTestId('token-scope-read').getByRole('radio')).toHaveAccessibleDescription(/.+/);
    await expectMessagesOutsideLabels(page.getByTestId('settings-agents'));
    await expectMessagesOutsideLabels(page.getByTestId('bucket-section'));
    await expectMessagesOutsideLabels(writing);
  });

  test('the voice form: its errors and the words hint', async ({ page, host, openApp }) => {
    await openApp(host, '#/library/voices');
    await page.getByTestId('voice-new').click();
    const editor = page.getByTestId('voice-editor');
    await expect(editor.getByTestId('voice-words-use')).toHaveAccessibleName('Words to use');
    await expect(editor.getByTestId('voice-words-use')).toHaveAccessibleDescription('Separate with commas or new lines.');
    await editor.getByTestId('voice-save').click();
    await expect(editor.getByTestId('voice-error-name')).toHaveText('Give the voice a name');
    await expect(editor.getByTestId('voice-name')).toHaveAccessibleName('Name');
    await expect(editor.getByTestId('voice-name')).toHaveAccessibleDescription('Give the voice a name');
    expect(await expectMessagesOutsideLabels(editor)).toContain('voice-name-error');
  });

  test('the pillar form: its errors', async ({ page, host, openApp }) => {
    await openApp(host, '#/library/voices');
    await page.getByTestId('library-tab-pillars').click();
    await page.getByTestId('pillar-new').click();
    await page.getByTestId('pillar-save').click();
    await expect(page.getByTestId('pillar-name-error')).toHaveText('Give the pillar a name');
    await expect(page.getByTestId('pillar-name')).toHaveAccessibleName('Name');
    await expect(page.getByTestId('pillar-name')).toHaveAccessibleDescription('Give the pillar a name');
    expect(await expectMessagesOutsideLabels(page.getByTestId('pillar-editor'))).toContain('pillar-name-error');
  });

  test('the template form: its errors', async ({ page, host, openApp }) => {
    await openApp(host, '#/library/templates/builtin-hook-stop-doing');
    await page.getByTestId('template-duplicate').click();
    const editor = page.getByTestId('template-editor');
    await editor.getByTestId('template-name').fill('');
    await editor.getByTestId('template-save').click();
    await expect(editor.getByTestId('template-name-error')).toHaveText('Give the template a name');
    await expect(editor.getByTestId('template-name')).toHaveAccessibleName('Name');
    await expect(editor.getByTestId('template-name')).toHaveAccessibleDescription('Give the template a name');
    expect(await expectMessagesOutsideLabels(editor)).toContain('tpl-name-error');
  });

  test('the planner: a blank number of days', async ({ page, host, openApp }) => {
    await openApp(host, '#/planner');
    const days = page.getByTestId('planner-days');
    await days.fill('');
    await expect(page.getByTestId('planner-days-error')).toHaveText('Enter a number');
    await expect(days).toHaveAccessibleName('Days');
    await expect(days).toHaveAccessibleDescription('Enter a number');
    expect(await expectMessagesOutsideLabels(page.locator('.planner-period'))).toEqual(['planner-days-error']);
  });

  test('the idea dialog: the tags hint describes the field', async ({ page, host, openApp }) => {
    await openApp(host, '#/ideas');
    await page.getByTestId('ideas-capture').click();
    const dialog = page.getByTestId('idea-dialog');
    await expect(dialog.getByTestId('idea-tags')).toHaveAccessibleName('Tags optional');
    await expect(dialog.getByTestId('idea-tags')).toHaveAccessibleDescription('Separate them with commas.');
    await expectMessagesOutsideLabels(dialog);
  });

  test("Review's reject dialog: the note on where the post goes, and the error", async ({ page, host, openApp }) => {
    const zone = 'Europe/Madrid';
    await rpc(host, 'settings:update', { timeZone: zone, autoApproveOwnPosts: false });
    await rpc<PostDto>(host, 'posts:create', { text: 'Launch week starts Monday.', platforms: ['mastodon'], schedule: { date: dayFromToday(zone, 2), time: '09:30' } });
    await openApp(host, '#/review');
    await expect(page.getByTestId('review-item')).toHaveCount(1);
    await page.keyboard.press('r');
    const dialog = page.getByTestId('review-reject-dialog');
    const reason = dialog.getByTestId('review-reason');
    await expect(reason).toHaveAccessibleName('Why?');
    await expect(reason).toHaveAccessibleDescription('It goes back to drafts with this note.');
    await dialog.getByTestId('review-reason').press('Enter');
    await expect(dialog.getByTestId('review-reason-error')).toHaveText('Say why the post is rejected');
    await expect(reason).toHaveAccessibleDescription('It goes back to drafts with this note. Say why the post is rejected');
    expect(await expectMessagesOutsideLabels(dialog)).toEqual(['review-reason-error']);
  });
});
