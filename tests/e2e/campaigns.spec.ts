import type { PostDto, PostVersionDto } from '../../shared/contract';
import type { CampaignDto } from '../../shared/contract/features/campaigns';
import { expect, test } from './support/fixtures';
import { rpc } from './support/host';

test.describe('campaigns', () => {
  test('create a campaign with UTM defaults, put a post in it and tag its links', async ({ page, host, openApp }) => {
    const post = await rpc<PostDto>(host, 'posts:create', { text: 'Our loom kits are here: https://shop.example.com/kits?ref=home#buy', platforms: ['linkedin'], schedule: null });
    await openApp(host);

    await page.getByTestId('nav-campaigns').click();
    await expect(page.getByTestId('campaigns-empty')).toBeVisible();
    await page.getByTestId('campaign-new').click();
    const editor = page.getByTestId('campaign-editor');
    await expect(editor.getByTestId('campaign-name')).toBeFocused();

    // The creator's mistakes are named by the field they concern.
    await editor.getByTestId('campaign-save').click();
    await expect(editor.getByTestId('campaign-error-name')).toHaveText('Give the campaign a name');
    await editor.getByTestId('campaign-name').fill('Spring launch');
    await editor.getByTestId('campaign-goal').selectOption('conversion');
    await editor.getByTestId('campaign-starts').fill('2026-12-10');
    await editor.getByTestId('campaign-ends').fill('2026-12-01');
    await editor.getByTestId('campaign-cost').fill('200');
    await editor.getByTestId('campaign-revenue').fill('500.00');
    await editor.getByTestId('campaign-utm-medium').fill('social');
    await editor.getByTestId('campaign-utm-campaign').fill('spring launch');
    await editor.getByTestId('campaign-save').click();
    await expect(editor.getByTestId('campaign-error-endsOn')).toContainText('ends before it starts');
    await editor.getByTestId('campaign-ends').fill('2026-12-31');
    await editor.getByTestId('campaign-save').click();
    // The core refuses what the form lets through: spaces in a UTM value.
    await expect(editor.getByTestId('campaign-error-utm.campaign')).toHaveText('utm_campaign takes letters, digits and - _ . + only (no spaces)');
    await editor.getByTestId('campaign-utm-campaign').fill('spring-launch');
    await editor.getByTestId('campaign-save').click();
    await expect(editor).toHaveCount(0);

    const row = page.getByTestId('campaign-row').filter({ hasText: 'Spring launch' });
    await expect(row.getByTestId('campaign-roi')).toHaveText('+150 %');
    // Its dates as the creator reads dates (en-GB here), not as stored.
    await expect(row.locator('.campaign-meta')).toHaveText(/^Conversion · 10 ?– ?31 Dec 2026$/);
    await expect(row.getByTestId('campaign-post-count')).toHaveText('0');

    await row.getByTestId('campaign-open').click();
    const panel = page.getByTestId('campaign-posts');
    // Each choice says when, where, its state and its first words (campaign-post-picker.spec.ts).
    await expect(panel.getByTestId('campaign-assign-select').locator(`option[value="${post.id}"]`)).toContainText('LinkedIn · Draft · Our loom kits are here:');
    await panel.getByTestId('campaign-assign-select').selectOption(post.id);
    await panel.getByTestId('campaign-assign').click();
    await expect(row.getByTestId('campaign-post-count')).toHaveText('1');
    const item = panel.getByTestId('campaign-post');
    await expect(item).toHaveCount(1);

    await item.getByTestId('campaign-apply-utm').click();
    await expect(panel.getByTestId('campaign-posts-note')).toHaveText('Links tagged: saved as version 2.');
    const tagged = 'Our loom kits are here: https://shop.example.com/kits?ref=home&utm_source=linkedin&utm_medium=social&utm_campaign=spring-launch#buy';
    await expect(item.getByTestId('campaign-post-text')).toHaveText(tagged);

    const [saved] = await rpc<CampaignDto[]>(host, 'campaigns:list', {});
    expect(saved).toMatchObject({ name: 'Spring launch', goal: 'conversion', startsOn: '2026-12-10', endsOn: '2026-12-31', costCents: 20_000, revenueCents: 50_000, postCount: 1 });
    const versions = await rpc<PostVersionDto[]>(host, 'posts:versions', { id: post.id });
    expect(versions.find((v) => v.number === 2)?.text).toBe(tagged);
  });
  test('closing the campaign form by keyboard puts the focus back on the button that opened it', async ({ page, host, openApp }) => {
    await rpc(host, 'campaigns:save', { name: 'Autumn recipes' });
    await openApp(host, '#/campaigns');
    const row = page.getByTestId('campaign-row').filter({ hasText: 'Autumn recipes' });
    await expect(row).toHaveCount(1);

    // New campaign, then Escape: back on New campaign.
    await page.getByTestId('campaign-new').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('campaign-name')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('campaign-editor')).toHaveCount(0);
    await expect(page.getByTestId('campaign-new')).toBeFocused();

    // Edit, saved with Enter: back on that campaign's Edit.
    await row.getByTestId('campaign-edit').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('campaign-name')).toBeFocused();
    await page.keyboard.type(' 2027');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('campaign-editor')).toHaveCount(0);
    const renamed = page.getByTestId('campaign-row').filter({ hasText: 'Autumn recipes 2027' });
    await expect(renamed.getByTestId('campaign-edit')).toBeFocused();

    // Cancel, pressed with the keyboard: back on Edit too.
    await renamed.getByTestId('campaign-edit').press('Enter');
    await page.getByTestId('campaign-cancel').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('campaign-editor')).toHaveCount(0);
    await expect(renamed.getByTestId('campaign-edit')).toBeFocused();
  });

  test('Escape closes the campaign form and keeps what was typed, through a reload, until it is saved or cancelled', async ({ page, host, openApp }) => {
    await rpc(host, 'campaigns:save', { name: 'Autumn recipes', costCents: 5_000 });
    await openApp(host, '#/campaigns');
    const row = page.getByTestId('campaign-row').filter({ hasText: 'Autumn recipes' });
    await expect(row).toHaveCount(1);

    // A new campaign half typed, then Escape: the form closes, the words are not gone.
    await page.getByTestId('campaign-new').click();
    const editor = page.getByTestId('campaign-editor');
    await expect(editor.getByTestId('campaign-draft-kept')).toHaveCount(0);
    await editor.getByTestId('campaign-name').fill('Winter soups');
    await editor.getByTestId('campaign-theme').fill('One pot, one post');
    await editor.getByTestId('campaign-utm-medium').fill('social');
    await editor.getByTestId('campaign-utm-medium').press('Escape');
    await expect(editor).toHaveCount(0);
    await page.getByTestId('campaign-new').click();
    await expect(editor.getByTestId('campaign-name')).toHaveValue('Winter soups');
    await expect(editor.getByTestId('campaign-theme')).toHaveValue('One pot, one post');
    await expect(editor.getByTestId('campaign-utm-medium')).toHaveValue('social');
    await expect(editor.getByTestId('campaign-draft-kept')).toHaveText('Your unsaved changes are back. Cancel lets them go.');

    // An edit to a saved campaign too, and both outlive a reload.
    await editor.getByTestId('campaign-name').press('Escape');
    await row.getByTestId('campaign-edit').click();
    await expect(editor.getByTestId('campaign-cost')).toHaveValue('50.00');
    await editor.getByTestId('campaign-cost').fill('75');
    await editor.getByTestId('campaign-cost').press('Escape');
    await expect(editor).toHaveCount(0);
    await page.reload();
    await row.getByTestId('campaign-edit').click();
    await expect(editor.getByTestId('campaign-name')).toHaveValue('Autumn recipes');
    await expect(editor.getByTestId('campaign-cost')).toHaveValue('75');
    await editor.getByTestId('campaign-save').click();
    await expect(editor).toHaveCount(0);
    await expect(row.locator('.campaign-numbers')).toContainText('75.00');
    await page.getByTestId('campaign-new').click();
    await expect(editor.getByTestId('campaign-name')).toHaveValue('Winter soups');

    // Cancel is the way to let typed words go; saved, the edit leaves nothing behind either.
    await editor.getByTestId('campaign-cancel').click();
    await page.getByTestId('campaign-new').click();
    await expect(editor.getByTestId('campaign-name')).toHaveValue('');
    await expect(editor.getByTestId('campaign-draft-kept')).toHaveCount(0);
    await editor.getByTestId('campaign-name').press('Escape');
    await row.getByTestId('campaign-edit').click();
    await expect(editor.getByTestId('campaign-cost')).toHaveValue('75.00');
    await expect(editor.getByTestId('campaign-draft-kept')).toHaveCount(0);
  });

  test('deleting a campaign asks on the page, names what happens to its posts, and Keep it leaves it be', async ({ page, host, openApp }) => {
    const campaign = await rpc<CampaignDto>(host, 'campaigns:save', { name: 'Spring launch' });
    const posts = await Promise.all(['Kits are in', 'Kits are back'].map((text) => rpc<PostDto>(host, 'posts:create', { text, platforms: ['mastodon'], schedule: null })));
    await rpc(host, 'campaigns:assign', { postIds: posts.map((p) => p.id), campaignId: campaign.id });
    // The browser's own confirm box is not how Loomcast asks (Ideas, Templates, Voices and Pillars ask on the page).
    const browserDialogs: string[] = [];
    page.on('dialog', (d) => {
      browserDialogs.push(d.message());
      void d.dismiss();
    });
    await openApp(host, '#/campaigns');

    const row = page.getByTestId('campaign-row');
    const trash = row.getByTestId('campaign-delete');
    const confirm = row.getByTestId('campaign-delete-confirm');
    await trash.click();
    await expect(confirm).toContainText('Delete “Spring launch”? Its 2 posts stay in your calendar, outside any campaign. This can’t be undone.');
    await expect(confirm.getByTestId('campaign-delete-no')).toBeFocused();
    await confirm.getByTestId('campaign-delete-no').press('Enter');
    await expect(confirm).toHaveCount(0);
    await expect(trash).toBeFocused();
    await expect(row).toHaveCount(1);

    await trash.press('Enter');
    await confirm.getByTestId('campaign-delete-yes').click();
    await expect(page.getByTestId('campaigns-empty')).toBeVisible();
    expect(browserDialogs).toEqual([]);
    // The posts stay, outside any campaign.
    expect(await rpc(host, 'campaigns:postCampaigns', { postIds: posts.map((p) => p.id) })).toEqual([]);
    for (const p of posts) expect((await rpc<PostDto>(host, 'posts:get', { id: p.id })).id).toBe(p.id);
  });
});
