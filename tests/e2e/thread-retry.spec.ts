import { expect } from './support/fixtures';
import { rpc } from './support/host';
import { connectMastodon, faultOnWrite, postThreadNow, test } from './support/mastodon';

test.describe('a thread after a platform hiccup', () => {
  test('a person posts a thread, the instance answers 503 to part 2, the post says part 2 is being checked, and the thread ends whole with each part’s link', async ({ page, host, openApp, mastodon }) => {
    test.setTimeout(120_000);
    await rpc(host, 'settings:update', { timeZone: 'Europe/Berlin', autoApproveOwnPosts: true });
    await connectMastodon(page, host, mastodon);
    // The instance takes the first post, then has a bad moment on the next write only.
    faultOnWrite(mastodon, 2, { kind: 'server_error', status: 503 });

    await openApp(host);
    await page.getByTestId('new-post').click();
    const stamp = Date.now().toString(36);
    const first = `Five things we learned shipping the tour (1/2) ${stamp}`;
    const second = `The fifth: ship on a Tuesday (2/2) ${stamp}`;
    await postThreadNow(page, [first, second]);

    // The post is out. A 503 from Mastodon may come after the status was made, so its copy says
    // part 2 is to be checked before it is sent again, and when.
    const panel = page.getByTestId('post-panel');
    await expect(panel.getByTestId('target-state-mastodon')).toHaveText('Published', { timeout: 30_000 });
    const note = panel.getByTestId('target-mastodon').getByTestId('target-error');
    await expect(note).toContainText(/^Part 2 of the thread: Mastodon answered HTTP 503.* Checking whether it went out at .*\d{2}:\d{2}\.$/, { timeout: 15_000 });
    expect(mastodon.posts.map((p) => p.text)).toEqual([first]);
    // Under the copy, the thread's later part says the same, in its own line.
    const parts = panel.getByTestId('thread-parts-mastodon');
    await expect(parts.getByTestId('thread-part')).toHaveAttribute('data-state', 'publishing');
    await expect(parts.getByTestId('thread-part')).toContainText(/Part 2\s*Checking whether it went out at \d{2}:\d{2}/);

    // 15 to 30 s later: within the hour Mastodon keeps the key, part 2 goes again under the same
    // key (it cannot make a second status), as a reply to the first post; the note goes away.
    await expect(note).toHaveCount(0, { timeout: 60_000 });
    expect(mastodon.posts.map((p) => p.text)).toEqual([first, second]);
    const [root, reply] = [...mastodon.statuses.values()];
    expect(reply!.inReplyToId).toBe(root!.id);
    expect(mastodon.duplicates()).toBe(0);
    await expect(panel.getByTestId('target-state-mastodon')).toHaveText('Published');
    // Part 2 is out, with its own link: the reply's page on the instance.
    await expect(parts).toContainText('Thread: all 2 posts are out');
    await expect(parts.getByTestId('thread-part')).toHaveAttribute('data-state', 'published');
    await expect(parts.getByTestId('thread-part-link')).toHaveAttribute('href', `${mastodon.url}/@${[...mastodon.accounts.values()][0]!.username}/${reply!.id}`);
  });
});
