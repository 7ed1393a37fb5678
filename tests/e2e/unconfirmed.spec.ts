import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import type { PostDto } from '../../shared/contract';
import { expect } from './support/fixtures';
import { rpc } from './support/host';
import { connectMastodon, test } from './support/mastodon';

test.describe('a copy Loomcast could not confirm', () => {
  test('a person looks, marks one published with the link they found, and has the other sent again', async ({ page, host, openApp, mastodon }) => {
    test.setTimeout(90_000);
    await rpc(host, 'settings:update', { timeZone: 'Europe/Berlin', autoApproveOwnPosts: true });
    const account = await connectMastodon(page, host, mastodon);
    const stamp = Date.now().toString(36);
    const day = DateTime.now().setZone('Europe/Berlin').plus({ days: 2 }).toISODate()!;
    const make = (text: string) => rpc<PostDto>(host, 'posts:create', { text, accounts: [account.id], schedule: { date: day, time: '10:00', zone: 'Europe/Berlin' } });
    const found = await make(`Behind the scenes of the tour ${stamp}`);
    const lost = await make(`Our spring lineup, at last ${stamp}`);
    // As the scheduler leaves a copy whose request went unanswered where nothing can check it:
    // sent ten minutes ago, outcome unknown. (Reaching this through a platform takes six
    // attempts and their backoff; tests/integration/unconfirmed.test.ts goes that way.)
    const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
    const sent = Date.now() - 10 * 60_000;
    db.prepare(`UPDATE targets SET state = 'unconfirmed', scheduled_at = ?, attempt_started_at = ?, attempts = 1,
      last_error = 'Mastodon may or may not have received the post: the connection was cut.' WHERE post_id IN (?, ?)`).run(sent, sent, found.id, lost.id);
    db.close();

    await openApp(host);
    const attention = page.getByTestId('attention-list');
    await expect(attention.getByTestId('post-row')).toHaveCount(2);

    // The first: it is on Mastodon. A link that is not a web address is refused in words.
    await attention.getByTestId('post-row').filter({ hasText: 'Behind the scenes' }).click();
    const panel = page.getByTestId('post-panel');
    await expect(panel.getByTestId('target-state-mastodon')).toHaveText('Unconfirmed');
    const actions = panel.getByTestId('unconfirmed-actions');
    await expect(actions).toContainText(`Look for it on Mastodon (${account.handle}). Is it there?`);
    await actions.getByTestId('unconfirmed-found').click();
    await expect(actions.getByTestId('unconfirmed-url')).toBeFocused();
    await actions.getByTestId('unconfirmed-url').fill('javascript:alert(1)');
    await actions.getByTestId('unconfirmed-mark-published').click();
    await expect(actions.getByTestId('unconfirmed-problem')).toHaveText('Paste the post’s link, starting with https://');
    const link = `${mastodon.url}/@ada/1234`;
    await actions.getByTestId('unconfirmed-url').fill(link);
    await actions.getByTestId('unconfirmed-mark-published').click();
    await expect(panel.getByTestId('target-state-mastodon')).toHaveText('Published');
    await expect(panel.getByTestId('target-link')).toHaveAttribute('href', link);
    await expect(panel.getByTestId('target-error')).toHaveText('You confirmed it went out; its numbers are collected from the link you gave.');
    await expect(panel.getByTestId('unconfirmed-actions')).toHaveCount(0);
    expect(mastodon.posts).toEqual([]);

    // The second: it is not there, so it goes out now, once.
    await page.keyboard.press('Escape');
    await attention.getByTestId('post-row').filter({ hasText: 'Our spring lineup' }).click();
    await panel.getByTestId('unconfirmed-missing').click();
    await expect(panel.getByTestId('unconfirmed-actions')).toContainText('Send it to Mastodon again now?');
    await expect(panel.getByTestId('unconfirmed-send-again')).toBeFocused();
    await panel.getByTestId('unconfirmed-send-again').click();
    await expect(panel.getByTestId('target-state-mastodon')).toHaveText('Published', { timeout: 30_000 });
    expect(mastodon.posts.map((p) => p.text)).toEqual([lost.text]);
    await expect(panel.getByTestId('target-link')).toHaveAttribute('href', new RegExp(`^${mastodon.url}/@ada/`));
    await expect(attention.getByTestId('post-row')).toHaveCount(0);
  });
});
