import type { PostDto } from '../../shared/contract';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';

const ZONE = 'Europe/Berlin';

/** A post two days ahead, on the upcoming list, as a creator would have planned it. */
async function planned(host: Parameters<typeof rpc>[0], text: string, thread: string[] = []): Promise<PostDto> {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  return rpc<PostDto>(host, 'posts:create', { text, platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 2), time: '10:00', zone: ZONE }, thread });
}

test.describe('nothing typed into a post is lost', () => {
  test('changes typed into a post survive a reload (as after a crash), wait in its panel, and are saved from there', async ({ page, host, openApp }) => {
    const post = await planned(host, 'Open studio on Saturday.');
    await openApp(host, `#/compose/${post.id}`);
    const text = page.getByTestId('compose-text');
    await expect(text).toHaveValue('Open studio on Saturday.');
    await text.fill('Open studio on Saturday, with coffee from ten.');

    // The window goes away before Save (a reload, a crash): the words come back with it.
    await page.reload();
    await expect(page.getByTestId('compose-text')).toHaveValue('Open studio on Saturday, with coffee from ten.');

    // Leaving without saving keeps them too; the post's panel says so, and Edit goes on with them.
    await page.evaluate("window.location.hash = '#/calendar'");
    await page.getByTestId('upcoming-list').getByTestId('post-row').filter({ hasText: 'Open studio' }).click();
    const panel = page.getByTestId('post-panel');
    await expect(panel.getByTestId('post-panel-text')).toHaveText('Open studio on Saturday.');
    await expect(panel.getByTestId('post-unsaved')).toContainText('You have changes to this post that are not saved yet');
    await expect(panel.getByTestId('post-edit')).toHaveText('Continue editing');
    await panel.getByTestId('post-edit').click();
    await expect(page.getByTestId('compose-text')).toHaveValue('Open studio on Saturday, with coffee from ten.');
    await page.getByTestId('compose-schedule').click();

    await expect(page.getByTestId('post-panel').getByTestId('post-panel-text')).toHaveText('Open studio on Saturday, with coffee from ten.');
    await expect(page.getByTestId('post-panel').getByTestId('post-unsaved')).toHaveCount(0);
    await expect(page.getByTestId('post-panel').getByTestId('post-edit')).toHaveText('Edit');
    expect((await rpc<PostDto>(host, 'posts:get', { id: post.id })).version).toBe(2);
  });

  test('when the post changes while it is being edited, the typed words are kept beside the new version until the creator chooses', async ({ page, host, openApp }) => {
    const post = await planned(host, 'New prints in the shop.');
    await openApp(host, `#/compose/${post.id}`);
    await page.getByTestId('compose-text').fill('New prints in the shop: three colours, all signed.');

    // Another window (or an agent) saves the post meanwhile.
    await rpc(host, 'posts:update', { id: post.id, text: 'New prints in the shop this week.' });
    const earlier = page.getByTestId('compose-earlier');
    await expect(earlier).toContainText('Your unsaved changes are kept. You typed them into version 1');
    await expect(earlier).toContainText('it is now version 2');
    await expect(page.getByTestId('compose-earlier-gist')).toHaveText('“New prints in the shop: three colours, all signed.”');
    await expect(page.getByTestId('compose-text')).toHaveValue('New prints in the shop this week.');

    // They survive a reload too, and go back into the form when asked.
    await page.reload();
    await page.getByTestId('compose-earlier-restore').click();
    await expect(page.getByTestId('compose-earlier')).toHaveCount(0);
    await expect(page.getByTestId('compose-text')).toHaveValue('New prints in the shop: three colours, all signed.');
    await page.getByTestId('compose-schedule').click();
    await expect(page.getByTestId('post-panel').getByTestId('post-panel-text')).toHaveText('New prints in the shop: three colours, all signed.');
    expect((await rpc<PostDto>(host, 'posts:get', { id: post.id })).version).toBe(3);

    // Or the new version stays as it is, and the typed words are let go.
    await rpc(host, 'posts:update', { id: post.id, text: 'Prints: sold out, more soon.' });
    await page.getByTestId('post-panel').getByTestId('post-edit').click();
    await page.getByTestId('compose-text').fill('Prints back in stock Friday.');
    await rpc(host, 'posts:update', { id: post.id, text: 'Prints: back Friday.' });
    await page.getByTestId('compose-earlier-discard').click();
    await expect(page.getByTestId('compose-earlier')).toHaveCount(0);
    await expect(page.getByTestId('compose-text')).toHaveValue('Prints: back Friday.');
    await page.getByTestId('compose-cancel').click();
    await expect(page.getByTestId('post-panel').getByTestId('post-unsaved')).toHaveCount(0);
  });

  test('when the post is deleted while it is being edited, the typed words start a new post', async ({ page, host, openApp }) => {
    const post = await planned(host, 'Studio tour on Friday.');
    await openApp(host, `#/compose/${post.id}`);
    await page.getByTestId('compose-text').fill('Studio tour on Friday at four, with the new looms.');
    await rpc(host, 'posts:delete', { id: post.id });
    await expect(page.getByTestId('compose-gone-keep')).toBeVisible();
    await page.getByTestId('compose-gone-keep').click();
    await expect(page.getByTestId('compose-screen')).toContainText('New post');
    await expect(page.getByTestId('compose-text')).toHaveValue('Studio tour on Friday at four, with the new looms.');
    await expect(page.getByTestId('compose-platform-mastodon')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('compose-date')).toHaveValue('');

    // With a new post already being written, the rescued words (its thread too) become a draft of their own instead.
    const other = await planned(host, 'Open evening next week.', ['Doors at six.']);
    await page.evaluate(`window.location.hash = '#/compose/${other.id}'`);
    await page.getByTestId('compose-text').fill('Open evening next week, bring a friend.');
    await page.getByTestId('compose-thread-0').fill('Doors at six, tea at seven.');
    await rpc(host, 'posts:delete', { id: other.id });
    await page.getByTestId('compose-gone-keep').click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Your words are saved as a draft' })).toBeVisible();
    await expect(page.getByTestId('post-panel').getByTestId('post-panel-text')).toHaveText('Open evening next week, bring a friend.');
    const [rescued] = (await rpc<{ drafts: PostDto[] }>(host, 'posts:lists')).drafts.filter((p) => p.text.startsWith('Open evening'));
    expect(rescued!.thread).toEqual(['Doors at six, tea at seven.']);
    await page.getByTestId('nav-compose').click();
    await expect(page.getByTestId('compose-text')).toHaveValue('Studio tour on Friday at four, with the new looms.');
  });
});
