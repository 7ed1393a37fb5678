import { expect, test } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';

/** A post approved through review, as the creator would. */
async function approved(host: RunningHost, text: string): Promise<string> {
  const post = await rpc<{ id: string }>(host, 'posts:create', { text, platforms: ['mastodon'], schedule: null });
  await rpc(host, 'review:send', { postIds: [post.id] });
  await rpc(host, 'review:approve', { postIds: [post.id] });
  return post.id;
}

test.describe('a voice that learns', () => {
  test('learns from approved posts, says why, and lets the creator drop one and pin another', async ({ page, host, openApp }) => {
    const soup = await approved(host, 'Soup for a cold Tuesday: leeks, potatoes, one pot.');
    const bread = await approved(host, 'Bread in an hour, no kneading, no fuss.');
    await rpc(host, 'posts:create', { text: 'A draft is not learned from.', platforms: ['mastodon'], schedule: null });

    await openApp(host, '#/library/voices');
    await page.getByTestId('voice-new').click();
    await page.getByTestId('voice-name').fill('Calm chef');
    const learn = page.getByRole('switch', { name: 'Learn from my posts' });
    await expect(learn).not.toBeChecked();
    // The switch says how far back the voice looks: the latest posts, not the whole history.
    await expect(page.locator('#voice-learn-help')).toContainText('from the 500 you most recently wrote or edited');
    await learn.check();
    await page.getByTestId('voice-save').click();

    const panel = page.getByTestId('voice-learned');
    await expect(panel.getByRole('heading', { name: 'Examples your model is shown' })).toBeVisible();
    await expect(panel.getByTestId('voice-learned-based-on')).toHaveText('Based on 2 of your posts.');
    const items = panel.getByTestId('voice-learned-item');
    await expect(items).toHaveCount(2);
    const soupItem = items.filter({ hasText: 'Soup for a cold Tuesday' });
    await expect(soupItem.getByTestId('voice-learned-why')).toHaveText(/^Approved \d{1,2} [A-Z][a-z]{2}; no numbers yet$/);
    await expect(panel).not.toContainText('A draft is not learned from.');

    // Dropped: gone from this voice for good.
    await soupItem.getByRole('button', { name: /^Drop example/ }).click();
    await expect(items).toHaveCount(1);
    await expect(panel).not.toContainText('Soup for a cold Tuesday');
    await expect(panel.getByTestId('voice-learned-based-on')).toHaveText('Based on 1 of your posts.');

    // Pinned: shown once, as the creator's own example, and in the editor's examples.
    await items.filter({ hasText: 'Bread in an hour' }).getByRole('button', { name: /^Pin example/ }).click();
    await expect(items).toHaveCount(1);
    await expect(items.first().getByTestId('voice-learned-why')).toHaveText('Pinned by you');
    await expect(items.first().getByRole('button', { name: /^Unpin example/ })).toBeVisible();
    await expect(page.getByTestId('voice-example-0')).toHaveValue('Bread in an hour, no kneading, no fuss.');

    const [voice] = await rpc<{ id: string; examples: string[]; learnFromPosts: boolean }[]>(host, 'voices:list');
    expect(voice).toMatchObject({ examples: ['Bread in an hour, no kneading, no fuss.'], learnFromPosts: true });
    const answer = await rpc<{ examples: { postId: string | null }[] }>(host, 'voices:examples', { voiceId: voice!.id });
    expect(answer.examples.map((e) => e.postId)).toEqual([null]);
    expect(answer.examples.map((e) => e.postId)).not.toContain(soup);
    expect(answer.examples.map((e) => e.postId)).not.toContain(bread);
  });
});
