import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createRollups } from '../../electron/core/analytics/rollups';
import { expect, test } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';
import { seeder } from '../support/analytics-seed';

const DAY = 86_400_000;
interface ExperimentDto { id: string; posts: { postId: string; arm: number }[] }

/** Marks posts published two days ago with their numbers a day after, as the sweep would. */
function publish(host: RunningHost, posts: { postId: string; likes: number; views: number }[]): void {
  const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    const rollups = createRollups(db);
    for (const p of posts) {
      const at = Date.now() - 2 * DAY;
      const ts = db.prepare("UPDATE targets SET state = 'published', published_at = ? WHERE post_id = ? RETURNING id").all(at, p.postId) as { id: string }[];
      for (const t of ts) rollups.record(t.id, at + DAY, { views: p.views, likes: p.likes, replies: 0, reposts: 0 });
    }
  } finally {
    db.close();
  }
}

test('the verdict card: one big post does not crown a version, rates read in percent, and a decided test offers End, not Stop', async ({ page, host, openApp }) => {
  test.setTimeout(120_000);
  const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
  const x = seeder(db, Date.now()).account('x', '@loomstudio');
  db.close();
  await rpc(host, 'settings:update', { locale: 'en-GB' });
  await rpc(host, 'queue:setSlots', { accountId: x, slots: [{ weekday: 2, time: '09:00' }, { weekday: 4, time: '17:30' }] });
  const make = async (name: string, stopping: 'fixed_horizon' | 'expected_loss') => {
    const e = await rpc<ExperimentDto>(host, 'experiments:create', { name, arms: [{ text: `${name} A words` }, { text: `${name} B words` }], accountIds: [x], postsPerArm: 5, stopping });
    return [0, 1].map((arm) => e.posts.filter((p) => p.arm === arm).map((p) => p.postId)) as [string[], string[]];
  };
  const [oa, ob] = await make('Outlier', 'expected_loss');
  publish(host, [
    ...[20, 21, 19, 22, 20].map((likes, i) => ({ postId: oa[i]!, likes, views: 1000 })),
    { postId: ob[0]!, likes: 4000, views: 40000 },
    ...[10, 9, 11, 10].map((likes, i) => ({ postId: ob[i + 1]!, likes, views: 1000 })),
  ]);
  const [ta, tb] = await make('Tiny gap', 'fixed_horizon');
  publish(host, [
    ...[30, 42, 25, 38, 33].map((likes, i) => ({ postId: ta[i]!, likes, views: 1000 })),
    ...[35, 40, 28, 41, 36].map((likes, i) => ({ postId: tb[i]!, likes, views: 1000 })),
  ]);

  await openApp(host, '#/experiments');
  const open = async (name: string) => {
    await page.getByTestId('experiment-open').filter({ hasText: name }).click();
    await expect(page.getByTestId('experiment-detail')).toHaveAttribute('aria-label', name);
  };

  // Pooled over views B looks far ahead, post by post it is not: no winner, and the card says why.
  await open('Outlier');
  await expect(page.getByTestId('experiment-verdict-state')).toHaveText('Collecting');
  const reason = page.getByTestId('experiment-verdict-reason');
  await expect(reason).toContainText('B looks better pooled over views, but post by post the difference is not clear: one post with 40,000 views carries it.');
  await expect(reason).toContainText('above the 0.2 % threshold');
  await expect(reason).toContainText('permutation p = 1.0');
  await expect(page.getByTestId('experiment-pbest')).toHaveText('A 0 %, B 100 %');
  // Still running: Stop is there, with what it does beside it.
  await expect(page.getByTestId('experiment-stop')).toBeVisible();
  await expect(page.getByTestId('experiment-action-note')).toContainText('Stop ends the test early');

  // Decided with no winner: the sentence writes rates as the card does; End, not Stop.
  await open('Tiny gap');
  await expect(page.getByTestId('experiment-verdict-state')).toHaveText('No clear difference');
  await expect(reason).toContainText('No clear difference between B and A: 3.6 % vs 3.4 % (+7 %); 95 % interval of the difference −0.');
  await expect(reason).not.toContainText('0.036');
  await expect(page.getByTestId('experiment-stop')).toHaveCount(0);
  await expect(page.getByTestId('experiment-action-note')).toHaveText('Decided with no winner. End the experiment to file it away; the decision stays and no post changes.');
  await page.getByTestId('experiment-end').click();
  await expect(page.getByTestId('experiment-end')).toHaveCount(0);
  await expect(page.getByTestId('experiment-verdict-state')).toHaveText('No clear difference');
  await expect(reason).toContainText('No clear difference between B and A');
  await expect(page.getByTestId('experiment-row-state').filter({ hasText: 'Stopped' })).toHaveCount(1);
});
