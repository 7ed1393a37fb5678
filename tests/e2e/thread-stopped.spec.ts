import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from './support/fixtures';
import { rpc } from './support/host';
import { connectMastodon, faultOnWrite, postThreadNow, test } from './support/mastodon';

test.describe('a thread that stopped', () => {
  test('a person sends the stopped part and the rest again from the post, and the thread ends whole on the instance', async ({ page, host, openApp, mastodon }) => {
    test.setTimeout(120_000);
    await rpc(host, 'settings:update', { timeZone: 'Europe/Berlin', autoApproveOwnPosts: true });
    await connectMastodon(page, host, mastodon);
    // The first post goes out; the instance has a bad moment on part 2 (checked again later).
    faultOnWrite(mastodon, 2, { kind: 'server_error', status: 503 });

    await openApp(host);
    await page.getByTestId('new-post').click();
    const stamp = Date.now().toString(36);
    const [first, second, third] = [`Launch week, day one (1/3) ${stamp}`, `What we shipped (2/3) ${stamp}`, `What comes next (3/3) ${stamp}`];
    await postThreadNow(page, [first, second, third]);
    const panel = page.getByTestId('post-panel');
    await expect(panel.getByTestId('target-state-mastodon')).toHaveText('Published', { timeout: 30_000 });
    await expect(panel.getByTestId('target-error')).toContainText('Part 2 of the thread:', { timeout: 15_000 });
    expect(mastodon.posts.map((p) => p.text)).toEqual([first]);

    // Then the thread stops there, as after a refusal or the last attempt (reaching that through the
    // instance takes six attempts and their backoff; tests/integration/thread-continue.test.ts does).
    const [post] = await rpc<{ id: string; targets: { id: string }[] }[]>(host, 'posts:list', { scope: 'all' });
    const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
    db.transaction(() => {
      db.prepare(`UPDATE target_parts SET state = 'failed', next_attempt_at = NULL, last_error = 'Gave up after 6 attempts.' WHERE target_id = ? AND position = 1`).run(post!.targets[0]!.id);
      db.prepare(`UPDATE targets SET last_error = ? WHERE id = ?`).run('The thread stopped at part 2 of 3: Gave up after 6 attempts. The parts already published stay up; Loomcast will not repeat them.', post!.targets[0]!.id);
    })();
    db.close();
    await page.reload();
    await page.getByTestId('published-list').getByTestId('post-row').filter({ hasText: 'Launch week' }).click();
    await expect(panel.getByTestId('target-error')).toContainText('The thread stopped at part 2 of 3');

    // The parts say where they stand: part 2 did not go out, part 3 waits behind it.
    const parts = panel.getByTestId('thread-parts-mastodon');
    await expect(parts).toContainText('Thread: 1 of 3 posts out');
    await expect(parts.getByTestId('thread-part')).toHaveText([/Part 2\s*Did not go out/, /Part 3\s*Follows the part before/]);
    const stopped = panel.getByTestId('thread-stopped');
    await expect(stopped).toHaveAttribute('data-state', 'failed');
    await stopped.getByTestId('thread-send-again').click();
    await expect(panel.getByTestId('thread-stopped')).toHaveCount(0, { timeout: 30_000 });
    await expect.poll(() => mastodon.posts.map((p) => p.text), { timeout: 30_000 }).toEqual([first, second, third]);
    const [root, two, three] = [...mastodon.statuses.values()];
    expect([two!.inReplyToId, three!.inReplyToId]).toEqual([root!.id, two!.id]);
    await expect(panel.getByTestId('target-error')).toHaveCount(0);
    await expect(parts).toContainText('Thread: all 3 posts are out', { timeout: 10_000 });
    await expect(parts.getByTestId('thread-part-link')).toHaveCount(2);
    expect(mastodon.duplicates()).toBe(0);
  });
});
