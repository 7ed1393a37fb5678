import AxeBuilder from '@axe-core/playwright';
import { expect, fillComposer, test } from './support/fixtures';
import { png } from './support/media';
import { startSite, TITLE } from './support/site';

test('a composer preview shows the attached image with its ALT badge and the link card read from the page', async ({ page, host, openApp }) => {
  const site = await startSite();
  try {
    await openApp(host);
    await page.getByTestId('new-post').click();
    await fillComposer(page, { text: 'The seedlings are up.', platforms: ['mastodon', 'facebook', 'linkedin'] });
    const mastodon = page.getByTestId('preview-mastodon');
    const facebook = page.getByTestId('preview-facebook');

    await page.getByTestId('compose-media-input').setInputFiles({ name: 'seedlings.png', mimeType: 'image/png', buffer: png(12, 8, [40, 160, 60]) });
    await expect(mastodon.getByTestId('preview-image')).toHaveAttribute('src', /^data:image\/png;base64,/);
    await expect(mastodon.getByTestId('preview-alt-missing')).toHaveText('The image has no alt text yet.');
    await expect(mastodon.getByTestId('preview-alt-badge')).toHaveCount(0);

    const alt = 'A tray of green seedlings on a windowsill';
    await page.getByTestId('compose-media-alt-0').fill(alt);
    for (const preview of [mastodon, facebook]) {
      await expect(preview.getByTestId('preview-image')).toHaveAttribute('alt', alt);
      await expect(preview.getByTestId('preview-alt-badge')).toHaveAccessibleDescription(alt);
      await expect(preview.getByTestId('preview-alt-missing')).toHaveCount(0);
    }
    // As on Bluesky and Mastodon, pressing ALT shows the description over the image.
    await mastodon.getByTestId('preview-alt-badge').click();
    await expect(mastodon.getByTestId('preview-alt-text')).toHaveText(alt);

    // No link written yet: nothing was fetched (the preview waits 400 ms after typing stops).
    await page.waitForTimeout(1_000);
    expect(site.requests).toEqual([]);

    // The link goes in a thread part: Mastodon shows it as a reply, with the page's card.
    await page.getByTestId('compose-thread-add').click();
    await page.getByTestId('compose-thread-0').fill(`Every date is in the calendar: ${site.link}`);
    const part = mastodon.getByTestId('preview-part-mastodon-0');
    const card = part.getByTestId('preview-link-card');
    await expect(card.getByTestId('preview-link-title')).toHaveText(TITLE);
    await expect(card.getByTestId('preview-link-image')).toHaveAttribute('src', site.picture);
    await expect(card).toContainText('127.0.0.1');
    // The first post keeps its image and ALT badge beside the card; Facebook publishes no threads.
    await expect(mastodon.getByTestId('preview-alt-badge')).toBeVisible();
    await expect(facebook.getByTestId('preview-part-facebook-0')).toHaveCount(0);
    expect(site.requests).toEqual(['/guide', '/card.png']);

    // In the post itself, the image takes the card's place, as Facebook and Mastodon do…
    await page.getByTestId('compose-text').fill(`The seedlings are up. ${site.link}`);
    await expect(facebook.getByTestId('preview-link-media-note')).toHaveText('With media attached, Facebook Page shows the media instead of a link card.');
    await expect(facebook.getByTestId('preview-image')).toBeVisible();
    // …and without the image the card is there, from what was already read.
    await page.getByTestId('compose-media-remove-0').click();
    await expect(facebook.getByTestId('preview-link-card').getByTestId('preview-link-title')).toHaveText(TITLE);
    await expect(facebook.getByTestId('preview-link-card').getByTestId('preview-link-image')).toHaveAttribute('src', site.picture);
    // LinkedIn reads no page for posts made through its API: Loomcast sends this card with the post.
    await expect(page.getByTestId('preview-linkedin').getByTestId('preview-link-card').getByTestId('preview-link-title')).toHaveText(TITLE);
    expect(site.requests).toEqual(['/guide', '/card.png']);
  } finally {
    await site.stop();
  }
});

test('the previews of every kind of platform, with images, a link card, a thread and a first comment, pass axe in light and dark', async ({ page, host, openApp }) => {
  test.setTimeout(90_000);
  const site = await startSite();
  try {
    await openApp(host);
    await page.getByTestId('new-post').click();
    await fillComposer(page, { text: 'The seedlings are up. #gardening', platforms: ['x', 'bluesky', 'linkedin', 'instagram', 'tiktok', 'pinterest'] });
    await page.getByTestId('compose-media-input').setInputFiles([
      { name: 'tray.png', mimeType: 'image/png', buffer: png(12, 8, [40, 160, 60]) },
      { name: 'bed.png', mimeType: 'image/png', buffer: png(8, 12, [160, 60, 60]) },
    ]);
    await page.getByTestId('compose-media-alt-0').fill('A tray of seedlings');
    await page.getByTestId('compose-thread-add').click();
    await page.getByTestId('compose-thread-0').fill(`Every date: ${site.link}`);
    await page.getByTestId('compose-first-comment').fill('Questions welcome.');
    await expect(page.getByTestId('preview-part-x-0').getByTestId('preview-link-card')).toBeVisible();
    // Bluesky posts carry the card Loomcast reads (the app builds it, not the server): the preview shows it too.
    await expect(page.getByTestId('preview-part-bluesky-0').getByTestId('preview-link-card').getByTestId('preview-link-title')).toHaveText(TITLE);
    await expect(page.getByTestId('preview-comment-linkedin')).toContainText('Questions welcome.');
    await expect(page.getByTestId('preview-x').getByTestId('preview-alt-missing')).toHaveText('Image 2 has no alt text yet.');
    // Pinterest takes one image: its pin shows the first; TikTok leads with a video it does not have.
    await expect(page.getByTestId('preview-pinterest').getByTestId('preview-image')).toHaveCount(1);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByTestId('preview-bluesky').getByTestId('preview-alt-badge').click();
      const result = await new AxeBuilder({ page }).include('[data-testid="compose-previews"]').withTags(['wcag2a', 'wcag2aa']).analyze();
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${scheme}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  } finally {
    await site.stop();
  }
});

test('a link card still being read keeps the room of the card, so the previews and buttons under it hardly move when it comes', async ({ page, host, openApp }) => {
  const site = await startSite();
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/rpc/links:preview', async (route) => {
    await held;
    await route.continue();
  });
  try {
    await openApp(host);
    await page.getByTestId('new-post').click();
    await fillComposer(page, { text: `Every date is in the calendar: ${site.link}`, platforms: ['mastodon', 'linkedin'] });
    const mastodon = page.getByTestId('preview-mastodon');
    await expect(mastodon.getByTestId('preview-link-loading')).toContainText('for its link card…');
    // LinkedIn's Customise button sits under Mastodon's preview.
    const button = page.getByTestId('compose-customise-linkedin');
    const before = (await button.boundingBox())!.y;
    release();
    await expect(mastodon.getByTestId('preview-link-card').getByTestId('preview-link-title')).toHaveText(TITLE);
    await expect(mastodon.getByTestId('preview-link-image')).toHaveAttribute('src', site.picture);
    await expect(page.getByTestId('preview-linkedin').getByTestId('preview-link-card')).toBeVisible();
    // The card with its picture is about 230 px taller than a line of "Reading…"; the placeholder holds most of that.
    const after = (await button.boundingBox())!.y;
    expect(Math.abs(after - before)).toBeLessThan(40);
  } finally {
    await site.stop();
  }
});
