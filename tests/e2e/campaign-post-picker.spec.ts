import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { join } from 'node:path';
import type { PostDto } from '../../shared/contract';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';

/*
 * Found in an audit: "Add a post" listed ten choices that read "No hashtags at all" and "With
 * #craft #weaving", five times each, with nothing to tell them apart. Each choice now says when
 * the post goes (or went) out in the creator's zone, where to, its state and its first words,
 * grouped into scheduled and published, with a search once the list is long.
 */

const ZONE = 'Pacific/Auckland'; // far from the machine's zone: a time shown in any other zone shows
const SAME = 'With #craft #weaving';

test('each post offered to a campaign says when, where and in which state it is, grouped, and can be searched', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: true });
  const scheduled: { post: PostDto; date: string }[] = [];
  for (const [days, platforms] of [[2, ['mastodon']], [3, ['x']], [4, ['mastodon', 'bluesky']], [5, ['linkedin']], [6, ['x']]] as const) {
    const date = dayFromToday(ZONE, days);
    scheduled.push({ post: await rpc<PostDto>(host, 'posts:create', { text: SAME, platforms: [...platforms], schedule: { date, time: '09:30' } }), date });
  }
  const published: PostDto[] = [];
  for (let i = 0; i < 5; i++) published.push(await rpc<PostDto>(host, 'posts:create', { text: 'No hashtags at all', platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 9 + i), time: '18:00' } }));
  // Published three to seven days ago, as the publisher leaves them.
  const wentOut = DateTime.now().setZone(ZONE).startOf('day').minus({ days: 7 }).set({ hour: 8, minute: 15 });
  const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
  try {
    published.forEach((p, i) => {
      const at = wentOut.plus({ days: i }).toMillis();
      db.prepare("UPDATE targets SET state = 'published', scheduled_at = ?, published_at = ? WHERE post_id = ?").run(at, at, p.id);
    });
  } finally {
    db.close();
  }
  await rpc(host, 'campaigns:save', { name: 'Spring collection launch' });

  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(host, '#/campaigns');
  await page.getByTestId('campaign-row').filter({ hasText: 'Spring collection' }).getByTestId('campaign-open').click();
  const panel = page.getByTestId('campaign-posts');
  const select = panel.getByTestId('campaign-assign-select');

  // Grouped: the scheduled posts, soonest first, then the published ones, newest first.
  const scheduledGroup = select.getByTestId('campaign-assign-group-scheduled');
  const publishedGroup = select.getByTestId('campaign-assign-group-published');
  await expect(scheduledGroup).toHaveAttribute('label', 'Scheduled');
  await expect(publishedGroup).toHaveAttribute('label', 'Published');
  await expect(scheduledGroup.locator('option')).toHaveCount(5);
  await expect(publishedGroup.locator('option')).toHaveCount(5);

  const labels = await scheduledGroup.locator('option').allTextContents();
  // Ten posts that begin alike are ten different choices.
  const all = [...labels, ...(await publishedGroup.locator('option').allTextContents())];
  expect(new Set(all).size).toBe(10);
  // When (in the creator's zone, as en-GB writes a date), where, state, first words.
  // With the year only when it is not this year's.
  const dayOfTime = (at: DateTime) => `${at.setLocale('en-GB').toFormat('ccc d LLL')}${at.year === DateTime.now().setZone(ZONE).year ? '' : ` ${at.year}`}`;
  const dayOf = (date: string) => dayOfTime(DateTime.fromISO(date, { zone: ZONE }));
  expect(labels[0]).toBe(`${dayOf(scheduled[0]!.date)}, 09:30 · Mastodon · Scheduled · ${SAME}`);
  expect(labels[2]).toBe(`${dayOf(scheduled[2]!.date)}, 09:30 · Mastodon, Bluesky · Scheduled · ${SAME}`);
  expect(labels[3]).toContain('LinkedIn');
  const newest = wentOut.plus({ days: 4 });
  expect((await publishedGroup.locator('option').first().textContent())!).toBe(`${dayOfTime(newest)}, 08:15 · Mastodon · Published · No hashtags at all`);

  // A long list can be searched by any of those words.
  await panel.getByTestId('campaign-assign-search').fill('linkedin');
  await expect(select.locator('option:not([value=""])')).toHaveCount(1);
  await expect(select.locator('option').first()).toHaveText('Choose a post… (1)');
  await panel.getByTestId('campaign-assign-search').fill('');
  await select.selectOption({ label: labels[3]! });
  await panel.getByTestId('campaign-assign').click();
  await expect(panel.getByTestId('campaign-post')).toHaveCount(1);
  await expect(panel.getByTestId('campaign-post')).toHaveAttribute('data-post-id', scheduled[3]!.post.id);
});
