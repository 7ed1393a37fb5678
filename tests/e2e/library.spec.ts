import { expect, test } from './support/fixtures';
import { rpc } from './support/host';
import { openTemplate } from './support/templates';

interface PostLike {
  id: string;
  text: string;
  targets: { platform: string; state: string }[];
}

test.describe('the library', () => {
  test('a seeded hook found by search, filled in and used, becomes a draft that remembers its template', async ({ page, host, openApp }) => {
    await openApp(host);
    await page.getByTestId('nav-library').click();
    await expect(page.getByTestId('library-screen')).toBeVisible();
    await expect(page.getByTestId('template-item').first()).toBeVisible();

    await page.getByTestId('template-search').fill('product benefit');
    const first = page.getByTestId('template-item').first();
    await expect(first).toContainText('The product in one benefit');
    // From the search box, ↓ reaches the results and Enter opens one.
    await page.getByTestId('template-search').press('ArrowDown');
    await expect(first).toBeFocused();
    await page.keyboard.press('Enter');

    const detail = page.getByTestId('template-detail');
    await expect(detail.getByTestId('template-title')).toHaveText('The product in one benefit');
    await expect(detail.getByTestId('template-missing')).toHaveText('Still to fill: product, benefit');
    await expect(detail.getByTestId('template-preview')).toHaveText('{product} does one thing better than anything I’ve used: {benefit}.');

    await detail.getByTestId('template-var-product').fill('Loomcast');
    await expect(detail.getByTestId('template-preview')).toHaveText('Loomcast does one thing better than anything I’ve used: {benefit}.');
    await expect(detail.getByTestId('template-missing')).toHaveText('Still to fill: benefit');

    // Using it with a blank left says which one, at the field.
    await detail.getByTestId('use-platform-x').click();
    await detail.getByTestId('template-use-submit').click();
    await expect(detail.getByTestId('use-problem')).toContainText('Fill in {benefit} before using “The product in one benefit”.');
    await expect(detail.getByTestId('template-var-benefit')).toHaveAttribute('aria-invalid', 'true');

    const benefit = 'a whole week of posts planned before the Monday coffee';
    await detail.getByTestId('template-var-benefit').fill(benefit);
    const text = `Loomcast does one thing better than anything I’ve used: ${benefit}.`;
    await expect(detail.getByTestId('template-preview')).toHaveText(text);
    await expect(detail.getByTestId('template-missing')).toHaveText('Every blank is filled.');
    await detail.getByTestId('use-platform-bluesky').click();
    await detail.getByTestId('template-use-submit').click();

    await expect(detail.getByTestId('template-used')).toContainText('Draft created for X and Bluesky');
    await expect(detail.getByTestId('template-used-text')).toHaveText(text);
    await expect(page.getByTestId('template-item').first()).toContainText('used 1×');

    const drafts = await rpc<PostLike[]>(host, 'posts:list', { scope: 'drafts' });
    expect(drafts.map((p) => p.text)).toEqual([text]);
    expect(drafts[0]!.targets.map((t) => [t.platform, t.state])).toEqual([
      ['x', 'draft'],
      ['bluesky', 'draft'],
    ]);
    expect(await rpc(host, 'posts:links', { ids: [drafts[0]!.id] })).toEqual([{ postId: drafts[0]!.id, templateId: 'builtin-hook-product-benefit', pillarId: null, voiceId: null }]);
    expect(await rpc<{ source: string }[]>(host, 'posts:versions', { id: drafts[0]!.id })).toEqual([expect.objectContaining({ number: 1, source: 'template', text })]);

    // The values typed stay with the template after a reload.
    await page.reload();
    await expect(page.getByTestId('template-var-benefit')).toHaveValue(benefit);
  });

  test('a pillar gets a name, a colour and a voice, and posts made in it speak in that voice', async ({ page, host, openApp }) => {
    await openApp(host, '#/library/voices');
    await expect(page.getByTestId('voices-empty')).toBeVisible();
    await page.getByTestId('voice-new').click();
    await page.getByTestId('voice-name').fill('Calm chef');
    await page.getByTestId('voice-tone').fill('warm, practical, no jargon');
    await page.getByTestId('voice-words-use').fill('weeknight, easy');
    await page.getByTestId('voice-words-avoid').fill('gourmet\nhack');
    await page.getByTestId('voice-example-0').fill('Three pantry dinners for a Tuesday night.');
    await page.getByTestId('voice-save').click();
    await expect(page.getByTestId('voice-item')).toHaveText(['Calm chefwarm, practical, no jargon']);

    await page.getByTestId('library-tab-pillars').click();
    await expect(page.getByTestId('pillars-empty')).toBeVisible();
    await page.getByTestId('pillar-new').click();
    await page.getByTestId('pillar-name').fill('Knife skills');
    await page.getByTestId('pillar-color-hex').fill('teal');
    await page.getByTestId('pillar-save').click();
    await expect(page.getByTestId('pillar-color-error')).toHaveText('Use a hex colour like #0f766e');

    await page.getByTestId('pillar-color-hex').fill('#E11D48');
    await page.getByTestId('pillar-voice').selectOption({ label: 'Calm chef' });
    await page.getByTestId('pillar-save').click();
    const item = page.getByTestId('pillar-item').filter({ hasText: 'Knife skills' });
    await expect(item).toContainText('voice: Calm chef');
    await expect(item.getByTestId('pillar-swatch')).toHaveAttribute('data-color', '#e11d48');
    await expect(item.getByTestId('pillar-swatch')).toHaveCSS('background-color', 'rgb(225, 29, 72)');
    const [pillar] = await rpc<{ id: string; name: string; color: string; voiceId: string | null }[]>(host, 'pillars:list');
    expect(pillar).toMatchObject({ name: 'Knife skills', color: '#e11d48' });
    expect(pillar!.voiceId).not.toBeNull();

    // In the pillar, "Use template" picks its voice and flags a word the voice avoids.
    await page.getByTestId('library-tab-templates').click();
    await openTemplate(page, 'cta', 'Follow for more');
    const detail = page.getByTestId('template-detail');
    await detail.getByTestId('template-var-topic').fill('gourmet knife');
    await detail.getByTestId('template-var-cadence').fill('weeknight');
    await detail.getByTestId('use-pillar').selectOption({ label: 'Knife skills' });
    await expect(detail.getByTestId('use-voice')).toHaveValue(pillar!.voiceId!);
    await expect(detail.getByTestId('use-voice-avoid')).toHaveText('Calm chef avoids “gourmet”: the text uses it.');
    await detail.getByTestId('use-platform-tiktok').click();
    await detail.getByTestId('template-use-submit').click();
    await expect(detail.getByTestId('template-used-text')).toHaveText('Follow for a new gourmet knife tip every weeknight.');

    const [post] = await rpc<PostLike[]>(host, 'posts:list', { scope: 'drafts' });
    expect(await rpc(host, 'posts:links', { ids: [post!.id] })).toEqual([{ postId: post!.id, templateId: 'builtin-cta-follow', pillarId: pillar!.id, voiceId: pillar!.voiceId }]);
    await page.getByTestId('library-tab-pillars').click();
    await expect(page.getByTestId('pillar-item').filter({ hasText: 'Knife skills' })).toContainText('1 post');
  });

  test('a template of one’s own is written with live variable checks, and a built-in one can only be copied', async ({ page, host, openApp }) => {
    await openApp(host, '#/library/templates/builtin-hook-stop-doing');
    const detail = page.getByTestId('template-detail');
    await expect(detail.getByTestId('template-title')).toHaveText('Stop doing this');
    await expect(detail.getByTestId('template-delete')).toHaveCount(0);
    await expect(detail.getByTestId('template-edit')).toHaveCount(0);

    await detail.getByTestId('template-duplicate').click();
    const editor = page.getByTestId('template-editor');
    await expect(editor.getByTestId('template-name')).toHaveValue('Stop doing this (copy)');
    await editor.getByTestId('template-name').fill('Stop scrolling, start batching');
    await editor.getByTestId('template-body').fill('Stop {bad habit}.\nBatch your {content type on Sundays');
    await expect(editor.getByTestId('template-body-problems')).toContainText('Line 2: “{content type on Sundays” opens a variable that is never closed');
    await editor.getByTestId('template-save').click();
    await expect(editor.getByTestId('template-body-error')).toContainText('never closed');

    await editor.getByTestId('template-body').fill('Stop {bad habit}.\nBatch your {content type} on Sundays.');
    await expect(editor.getByTestId('template-found')).toContainText('{bad habit}{content type}');
    await editor.getByTestId('template-save').click();

    await expect(detail.getByTestId('template-title')).toHaveText('Stop scrolling, start batching');
    await expect(detail.getByTestId('template-missing')).toHaveText('Still to fill: bad habit, content type');
    await page.getByTestId('template-search').fill('batching');
    await expect(page.getByTestId('template-item')).toHaveCount(1);
    await expect(page.getByTestId('template-item')).toContainText('Yours');

    await detail.getByTestId('template-delete').click();
    await detail.getByTestId('template-delete-yes').click();
    await expect(page.getByTestId('template-empty')).toContainText('No template matches “batching”');
    await expect(page.getByTestId('template-hint')).toBeVisible();
  });
});
