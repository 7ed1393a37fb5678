import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';

/**
 * What the weekly report's words rest on: an experiment's verdict with its posts per version and
 * rule, said as the experiment's and not the week's; a campaign's return as its own to date and
 * out of the week's headline when it had no posts in the week; a figure nobody reported said in
 * words, not "from 0"; and one heading level for every part of the report, on screen and in print.
 * The week is two weeks before today (so every post is old enough to compare at 24 h), named in the URL.
 */
const ZONE = 'Europe/Berlin';
const DAY = 86_400_000;

/** Publishes the post at `at`, its numbers looked at exactly 24 h later, as the metrics sweep would. */
function publish(host: RunningHost, postId: string, at: number, m: { views: number; likes: number }): void {
  const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    const targets = db.prepare("UPDATE targets SET state = 'published', published_at = ? WHERE post_id = ? RETURNING id, platform, account_id").all(at, postId) as { id: string; platform: string; account_id: string | null }[];
    for (const t of targets) {
      db.prepare('INSERT INTO metric_snapshots (target_id, at, views, likes) VALUES (?, ?, ?, ?)').run(t.id, at + DAY, m.views, m.likes);
      db.prepare('INSERT INTO metric_latest (target_id, account_id, platform, published_at, at, views, likes) VALUES (?, ?, ?, ?, ?, ?, ?)').run(t.id, t.account_id, t.platform, at, at + DAY, m.views, m.likes);
    }
  } finally {
    db.close();
  }
}

test('the weekly report says what its experiment verdicts and campaign returns rest on, and whose they are', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  const monday = DateTime.now().setZone(ZONE).startOf('week').minus({ weeks: 2 });
  const at = (d: DateTime) => d.set({ hour: 12 }).toMillis();
  const post = async (text: string, when: number, m: { views: number; likes: number }) => {
    const p = await rpc<{ id: string }>(host, 'posts:create', { text, platforms: ['x'], schedule: null });
    publish(host, p.id, when, m);
    return p.id;
  };
  // Version A went out the week before; B once then and once in the report's week. No clicks anywhere.
  const a1 = await post('Plain opener one', at(monday.minus({ days: 6 })), { views: 1000, likes: 20 });
  const a2 = await post('Plain opener two', at(monday.minus({ days: 5 })), { views: 1000, likes: 22 });
  const b1 = await post('Question opener one', at(monday.minus({ days: 4 })), { views: 1000, likes: 40 });
  const b2 = await post('Question opener two', at(monday.plus({ days: 1 })), { views: 1000, likes: 42 });
  await post('Knife skills in five minutes', at(monday.plus({ days: 2 })), { views: 1000, likes: 30 });
  await rpc(host, 'campaigns:save', {
    name: 'Autumn workshop series', currency: 'EUR', costCents: 125_050, revenueCents: 310_000,
    startsOn: monday.minus({ days: 7 }).toISODate(), endsOn: monday.plus({ days: 21 }).toISODate(),
  });
  const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
  try {
    db.prepare(`INSERT INTO experiments (id, name, state, winner_arm, min_posts_per_arm, created_at, decided_at) VALUES ('e1', 'Opening line', 'decided', 1, 2, ?, ?)`).run(
      monday.minus({ weeks: 2 }).toMillis(), at(monday.plus({ days: 3 })),
    );
    db.prepare(`INSERT INTO experiment_arms (experiment_id, arm, label, text, planned_share) VALUES ('e1', 0, 'A', 'a', 0.5), ('e1', 1, 'B', 'b', 0.5)`).run();
    const ins = db.prepare(`INSERT INTO experiment_posts (experiment_id, post_id, arm, slot_key) VALUES ('e1', ?, ?, 'Tue 12:00')`);
    for (const [id, arm] of [[a1, 0], [a2, 0], [b1, 1], [b2, 1]] as const) ins.run(id, arm);
  } finally {
    db.close();
  }

  await openApp(host, `#/reports/${monday.plus({ days: 2 }).toISODate()}`);
  const summary = page.getByTestId('report-summary');
  await expect(summary).toContainText('2 posts published (2 copies)');
  await expect(summary).toContainText('Experiment “Opening line” (decided this week): B won on 4 posts compared (A 2, B 2), by its rule “fixed horizon: 2 posts per version”. That is the experiment’s verdict over all its posts, not this week’s; 1 of its posts went out this week.');
  // A campaign with nothing this week is no part of the week's headline; its row stays, with 0 this week.
  await expect(summary).not.toContainText('Autumn workshop series');
  await expect(summary).not.toContainText('returned');

  const experiments = page.getByRole('table', { name: 'Experiments' });
  await expect(experiments.getByRole('columnheader')).toHaveText(['Experiment', 'State', 'Verdict (all its posts)', 'Posts compared, per version', 'Stopping rule', 'Posts this week']);
  await expect(experiments.getByTestId('report-experiment').locator('th, td')).toHaveText(['Opening line', 'decided', 'B won', 'A 2, B 2 (4 posts)', 'fixed horizon: 2 posts per version', '1']);
  const campaigns = page.getByRole('table', { name: 'Campaigns' });
  await expect(campaigns.getByRole('columnheader')).toHaveText(['Campaign', 'Cost to date', 'Revenue to date', 'Return to date', 'Posts this week']);
  await expect(campaigns.getByTestId('report-campaign').locator('th, td')).toHaveText(['Autumn workshop series', '€1,250.50', '€3,100.00', '2.48×', '0']);

  // A figure no platform reported says so in words, like the summary, not "from 0"; the others name their n.
  await expect(page.getByTestId('report-clicks')).toHaveText('—');
  await expect(page.getByTestId('report-clicks-n')).toHaveText('No platform reported link clicks this week');
  await expect(summary).toContainText('No platform reported link clicks this week.');
  await expect(page.getByTestId('report-reach-n')).toHaveText('from 2 copies');

  // Every part of the report under a level-2 heading of one size, on screen and on paper.
  const headingSizes = () => page.evaluate<{ text: string; size: string }[]>(`[...document.querySelectorAll('.report h2, .report h3, .report caption')].map((h) => ({ text: h.tagName + ' ' + h.textContent, size: getComputedStyle(h).fontSize }))`);
  for (const media of ['screen', 'print'] as const) {
    await page.emulateMedia({ media });
    const hs = await headingSizes();
    expect(hs.map((h) => h.text)).toEqual(['H2 By platform', 'H2 Best post', 'H2 Experiments', 'H2 Campaigns']);
    expect(new Set(hs.map((h) => h.size)).size, `one heading size in ${media}: ${JSON.stringify(hs)}`).toBe(1);
    await expect(page.getByRole('heading', { level: 2, name: 'Best post' })).toBeVisible();
  }
});
