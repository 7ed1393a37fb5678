import type { PostDto } from '../../shared/contract';
import type { IdeaDto } from '../../shared/contract/features/ideas';
import { expect, test } from './support/fixtures';
import { rpc } from './support/host';

test.describe('the idea bank', () => {
  test('an idea caught with a keystroke on the calendar becomes a draft in the composer', async ({ page, host, openApp }) => {
    await openApp(host);
    await expect(page.getByTestId('nav-calendar')).toHaveAttribute('aria-current', 'page');

    await page.keyboard.press('i');
    const dialog = page.getByTestId('idea-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('idea-text')).toBeFocused();
    await page.keyboard.type('Teardown of our pricing page: what the three tiers say about who we serve');
    await dialog.getByTestId('idea-link').fill('example.com/pricing');
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('idea-link-error')).toContainText('starting with https://');
    await expect(dialog.getByTestId('idea-link')).toHaveAttribute('aria-invalid', 'true');

    await dialog.getByTestId('idea-link').fill('https://example.com/pricing');
    // Tab stays inside the dialog, however far it goes.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((el) => el.contains(el.ownerDocument.activeElement))).toBe(true);
    }
    await dialog.getByTestId('idea-link').focus();
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('toast').filter({ hasText: 'Idea saved' })).toBeVisible();

    await page.getByTestId('nav-ideas').click();
    const row = page.getByTestId('idea-row').filter({ hasText: 'Teardown of our pricing page' });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('idea-row-link')).toHaveText('example.com/pricing');
    await expect(row.getByTestId('idea-row-link')).toHaveAttribute('href', 'https://example.com/pricing');

    await row.getByTestId('idea-to-post').click();
    const toPost = page.getByTestId('to-post-dialog');
    await expect(toPost.getByTestId('to-post-preview')).toHaveText('Teardown of our pricing page: what the three tiers say about who we serve\n\nhttps://example.com/pricing');
    await toPost.getByTestId('to-post-create').click();
    await expect(toPost.getByTestId('to-post-platforms-error')).toHaveText('Pick at least one platform');
    await toPost.getByTestId('to-post-platform-x').click();
    await toPost.getByTestId('to-post-platform-linkedin').click();
    await toPost.getByTestId('to-post-create').click();

    await expect(page).toHaveURL(/#\/compose\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('compose-text')).toHaveValue('Teardown of our pricing page: what the three tiers say about who we serve\n\nhttps://example.com/pricing');
    await expect(page.getByTestId('compose-platform-x')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('compose-platform-linkedin')).toHaveAttribute('aria-pressed', 'true');

    const drafts = await rpc<PostDto[]>(host, 'posts:list', { scope: 'drafts' });
    expect(drafts.map((p) => [p.text.split('\n')[0], p.targets.map((t) => t.state)])).toEqual([['Teardown of our pricing page: what the three tiers say about who we serve', ['draft', 'draft']]]);
    expect(page.url()).toContain(drafts[0]!.id);
    const [idea] = await rpc<IdeaDto[]>(host, 'ideas:list', {});
    expect(idea!.postId).toBe(drafts[0]!.id);

    await page.getByTestId('nav-ideas').click();
    await expect(row.getByTestId('idea-used')).toHaveText('Turned into a post');
    await expect(row.getByTestId('idea-to-post')).toHaveCount(0);
    await row.getByTestId('idea-open-post').click();
    await expect(page.getByTestId('post-panel')).toContainText('Teardown of our pricing page');
  });

  test('Ctrl+Shift+I captures while typing, Escape closes and keeps the words, and archived ideas stay out of the way', async ({ page, host, openApp }) => {
    await rpc(host, 'ideas:capture', { text: 'Old idea about podcasts', tags: ['audio'] });
    await openApp(host, '#/ideas');
    await expect(page.getByTestId('idea-row')).toHaveCount(1);

    const search = page.getByTestId('ideas-search');
    await search.click();
    await search.pressSequentially('i');
    // Plain I while typing is just a letter.
    await expect(page.getByTestId('idea-dialog')).toHaveCount(0);
    await page.keyboard.press('Control+Shift+I');
    const dialog = page.getByTestId('idea-dialog');
    await expect(dialog.getByTestId('idea-text')).toBeFocused();
    await page.keyboard.type('Interview three customers');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(search).toBeFocused();

    await page.keyboard.press('Control+Shift+I');
    await expect(dialog.getByTestId('idea-text')).toHaveValue('Interview three customers');
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);

    await search.fill('');
    await expect(page.getByTestId('idea-row-text')).toHaveText(['Interview three customers', 'Old idea about podcasts']);
    await search.fill('#AUDIO');
    await expect(page.getByTestId('idea-row-text')).toHaveText(['Old idea about podcasts']);
    await search.fill('');

    // Each idea's buttons are named for it, so a screen reader knows which one Archive is for.
    await page.getByRole('group', { name: 'Idea “Old idea about podcasts”' }).getByRole('button', { name: 'Archive' }).click();
    await expect(page.getByTestId('idea-row-text')).toHaveText(['Interview three customers']);
    await page.getByTestId('ideas-show-archived').check();
    const archived = page.getByTestId('idea-row').filter({ hasText: 'podcasts' });
    await expect(archived).toContainText('Archived');
    await archived.getByTestId('idea-unarchive').click();
    await page.getByTestId('ideas-show-archived').uncheck();
    await expect(page.getByTestId('idea-row-text')).toHaveText(['Interview three customers', 'Old idea about podcasts']);
  });
  test('deleting or archiving an idea by keyboard keeps the focus in the list: on Keep it, back on Delete, then on the next idea', async ({ page, host, openApp }) => {
    await rpc(host, 'ideas:capture', { text: 'Older idea about newsletters' });
    await rpc(host, 'ideas:capture', { text: 'Middle idea about pricing' });
    await rpc(host, 'ideas:capture', { text: 'Newest idea about podcasts' });
    await openApp(host, '#/ideas');
    await expect(page.getByTestId('idea-row-text')).toHaveText(['Newest idea about podcasts', 'Middle idea about pricing', 'Older idea about newsletters']);
    const row = page.getByTestId('idea-row').filter({ hasText: 'Middle idea' });

    await row.getByTestId('idea-delete').focus();
    await page.keyboard.press('Enter');
    await expect(row.getByTestId('idea-delete-confirm')).toBeVisible();
    // The question takes the focus, on its safe answer.
    await expect(row.getByTestId('idea-delete-no')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(row.getByTestId('idea-delete-confirm')).toHaveCount(0);
    await expect(row.getByTestId('idea-delete')).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(row.getByTestId('idea-delete-no')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(row.getByTestId('idea-delete-yes')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('idea-row-text')).toHaveText(['Newest idea about podcasts', 'Older idea about newsletters']);
    // The focus goes on to the next idea rather than off the page.
    await expect(page.getByTestId('idea-row').filter({ hasText: 'Older idea' }).getByTestId('idea-to-post')).toBeFocused();

    // Archiving the last idea in the list leaves the focus on the one before it.
    await page.getByTestId('idea-row').filter({ hasText: 'Older idea' }).getByTestId('idea-archive').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('idea-row-text')).toHaveText(['Newest idea about podcasts']);
    await expect(page.getByTestId('idea-row').filter({ hasText: 'Newest idea' }).getByTestId('idea-to-post')).toBeFocused();
  });

  test('Escape closes an idea’s edit and keeps the changed words for the next Edit, until they are saved or cancelled', async ({ page, host, openApp }) => {
    await rpc(host, 'ideas:capture', { text: 'How we pick guests', tags: ['podcast'] });
    await openApp(host, '#/ideas');
    const row = page.getByTestId('idea-row').filter({ hasText: 'How we pick guests' });
    const dialog = page.getByTestId('idea-dialog');

    await row.getByTestId('idea-edit').click();
    await expect(dialog.getByTestId('idea-draft-kept')).toHaveCount(0);
    await dialog.getByTestId('idea-text').fill('How we pick guests, with the spreadsheet we use');
    await dialog.getByTestId('idea-tags').fill('podcast, process');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('idea-row-text')).toHaveText(['How we pick guests']);

    // Back after a reload too, said as such; Cancel lets them go.
    await page.reload();
    await row.getByTestId('idea-edit').click();
    await expect(dialog.getByTestId('idea-text')).toHaveValue('How we pick guests, with the spreadsheet we use');
    await expect(dialog.getByTestId('idea-tags')).toHaveValue('podcast, process');
    await expect(dialog.getByTestId('idea-draft-kept')).toHaveText('Your unsaved changes are back. Cancel lets them go.');
    await dialog.getByTestId('idea-cancel').click();
    await row.getByTestId('idea-edit').click();
    await expect(dialog.getByTestId('idea-text')).toHaveValue('How we pick guests');
    await expect(dialog.getByTestId('idea-draft-kept')).toHaveCount(0);

    // Kept, then saved: the next Edit starts from what was saved.
    await dialog.getByTestId('idea-text').fill('How we pick guests, and why');
    await page.keyboard.press('Escape');
    await row.getByTestId('idea-edit').click();
    await expect(dialog.getByTestId('idea-text')).toHaveValue('How we pick guests, and why');
    await dialog.getByTestId('idea-save').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('idea-row-text')).toHaveText(['How we pick guests, and why']);
    await page.getByTestId('idea-row').getByTestId('idea-edit').click();
    await expect(dialog.getByTestId('idea-draft-kept')).toHaveCount(0);
  });
});
