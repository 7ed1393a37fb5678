import AxeBuilder from '@axe-core/playwright';
import type { PostDto } from '../../shared/contract';
import { dayFromToday, expect, fillComposer, test } from './support/fixtures';
import { rpc } from './support/host';

const ZONE = 'Europe/Berlin';

test('a person makes a post repeat from its panel, sees its copies, changes the rule and stops it', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  await rpc<PostDto>(host, 'posts:create', { text: 'Weekly reminder: the shop ships on Mondays.', platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 2), time: '10:00', zone: ZONE } });
  await rpc<PostDto>(host, 'posts:create', { text: 'An idea without a day yet', platforms: ['mastodon'], schedule: null });

  await openApp(host);
  // A draft has no time to keep: the panel says what repeating needs.
  await page.getByTestId('drafts-list').getByTestId('post-row').filter({ hasText: 'An idea without a day yet' }).click();
  await expect(page.getByTestId('post-repeat').getByTestId('repeat-needs-time')).toHaveText('Give it a day and time to repeat it: a repeat keeps its time of day.');

  const upcoming = page.getByTestId('upcoming-list').getByTestId('post-row').filter({ hasText: 'Weekly reminder' });
  await upcoming.click();
  const repeat = page.getByTestId('post-panel').getByTestId('post-repeat');
  await repeat.getByTestId('repeat-start').click();
  await expect(repeat.getByTestId('repeat-every')).toBeFocused();
  await expect(repeat.getByTestId('repeat-every')).toHaveValue('7');
  // Once is not a repeat: the core's words, on the field.
  await repeat.getByTestId('repeat-count').fill('1');
  await repeat.getByTestId('repeat-save').click();
  await expect(repeat.getByTestId('repeat-count-error')).toHaveText('A repeat goes out at least twice: the post itself and one copy');
  await repeat.getByTestId('repeat-count').fill('');
  await repeat.getByTestId('repeat-save').click();
  await expect(repeat.getByTestId('repeat-count-error')).toHaveText('Say how many times it should go out');
  // The form, its errors named on their fields, passes axe.
  const axe = await new AxeBuilder({ page }).include('[data-testid="post-panel"]').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await repeat.getByTestId('repeat-count').fill('5');
  await repeat.getByTestId('repeat-save').click();

  await expect(page.getByTestId('toast').filter({ hasText: 'Repeats every 7 days, 5 times in all' })).toBeVisible();
  await expect(repeat.getByTestId('repeat-rule')).toHaveText(`Goes out every 7 days at 10:00 (${ZONE}), 5 times in all.`);
  // The post and the copies made ahead (three posts in all on their way); the rest are made as their day comes near.
  await expect(repeat.getByTestId('repeat-occurrence')).toHaveCount(3);
  await expect(repeat.getByTestId('repeat-occurrence').first()).toContainText('this post');
  await expect(repeat.getByTestId('repeat-next')).toContainText('The next copy (4 of 5) is made as its day comes near');
  await expect(upcoming).toHaveCount(3);

  // A copy leads to the same series, itself marked.
  await repeat.getByTestId('repeat-occurrence').nth(2).getByRole('button').click();
  const copyRepeat = page.getByTestId('post-panel').getByTestId('post-repeat');
  await expect(copyRepeat.getByTestId('repeat-occurrence').nth(2)).toHaveAttribute('data-current', 'true');

  // Every two weeks instead, until a day six weeks on: the copies not out yet (this one too) are
  // made again under it, and the panel moves to the first post of the series.
  await copyRepeat.getByTestId('repeat-change').click();
  await expect(copyRepeat.getByTestId('repeat-form')).toContainText('a change made to one of them is lost');
  await copyRepeat.getByTestId('repeat-every').fill('14');
  await copyRepeat.getByTestId('repeat-ends-date').check();
  await copyRepeat.getByTestId('repeat-date').fill(dayFromToday(ZONE, 2 + 42));
  await copyRepeat.getByTestId('repeat-save').click();
  await expect(repeat.getByTestId('repeat-rule')).toContainText('Goes out every 14 days at 10:00');
  await expect(repeat.getByTestId('repeat-rule')).toContainText('(4 times in all)');
  await expect(repeat.getByTestId('repeat-occurrence').first()).toContainText('this post');
  await expect(upcoming).toHaveCount(3);

  // Stopping asks first, removes the copies not out yet, and keeps the post itself.
  await repeat.getByTestId('repeat-stop').click();
  await expect(repeat.getByTestId('repeat-stop-confirm')).toContainText('Stop repeating? The 2 copies not out yet are deleted; posts already out stay, and so does the first post.');
  await repeat.getByTestId('repeat-stop-go').click();
  await expect(page.getByTestId('toast').filter({ hasText: /^Stopped repeating; 2 copies not yet out removed/ })).toBeVisible();
  await expect(upcoming).toHaveCount(1);
  await expect(repeat.getByTestId('repeat-start')).toBeVisible();
});

test('a new post can repeat from the composer once it has a day and time', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  await openApp(host);
  await page.getByTestId('new-post').click();
  await fillComposer(page, { text: 'Tip of the week: water in the morning.', platforms: ['mastodon'] });
  // No time yet: nothing to repeat from.
  await expect(page.getByTestId('compose-repeat-field')).toHaveCount(0);
  await page.getByTestId('compose-date').fill(dayFromToday(ZONE, 3));
  await page.getByTestId('compose-time').fill('08:15');
  await page.getByTestId('compose-repeat').selectOption({ label: 'Every week' });
  await expect(page.getByTestId('compose-repeat-times')).toHaveValue('4');
  await page.getByTestId('compose-repeat-times').fill('');
  await page.getByTestId('compose-schedule').click();
  await expect(page.getByTestId('compose-repeat-times-error')).toHaveText('Say how many posts the series has in all: from 2 (the post and one copy) to 1,000.');
  await page.getByTestId('compose-repeat-times').fill('3');
  await page.getByTestId('compose-schedule').click();

  await expect(page.getByTestId('toast').filter({ hasText: 'repeats every 7 days, 3 times in all' })).toBeVisible();
  const repeat = page.getByTestId('post-panel').getByTestId('post-repeat');
  await expect(repeat.getByTestId('repeat-rule')).toHaveText(`Goes out every 7 days at 08:15 (${ZONE}), 3 times in all.`);
  await expect(page.getByTestId('upcoming-list').getByTestId('post-row').filter({ hasText: 'Tip of the week' })).toHaveCount(3);
  // The composer starts the next post afresh, without a repeat.
  await page.getByTestId('new-post').click();
  await fillComposer(page, { text: 'Reminder: the shop closes early on Fridays.', platforms: ['mastodon'], date: dayFromToday(ZONE, 3), time: '09:00' });
  await expect(page.getByTestId('compose-repeat')).toHaveValue('');
  // Sent for review, the series waits there with it: no copy is scheduled ahead of the post.
  await page.getByTestId('compose-repeat').selectOption({ label: 'Every 2 weeks' });
  await page.getByTestId('compose-repeat-times').fill('3');
  await page.getByTestId('compose-send-review').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Sent for review' })).toBeVisible();
  const posts = await rpc<PostDto[]>(host, 'posts:list', { scope: 'all' });
  const series = posts.filter((p) => p.text === 'Reminder: the shop closes early on Fridays.');
  expect(series).toHaveLength(3);
  expect(series.flatMap((p) => p.targets.map((t) => t.state))).toEqual(['in_review', 'in_review', 'in_review']);
});

test('the calendar marks the posts of a repeating series, and stops marking them when it stops', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  const day = dayFromToday(ZONE, 2);
  const origin = await rpc<PostDto>(host, 'posts:create', { text: 'Tip of the day: back up your files.', platforms: ['mastodon'], schedule: { date: day, time: '08:00', zone: ZONE } });
  await rpc<PostDto>(host, 'posts:create', { text: 'A one-off announcement', platforms: ['mastodon'], schedule: { date: day, time: '12:00', zone: ZONE } });
  await rpc(host, 'queue:setRecurrence', { postId: origin.id, everyDays: 1, until: { count: 3 } });

  await openApp(host, `#/calendar/week/${day}`);
  const chips = page.getByTestId('calendar-chip');
  const tips = chips.filter({ hasText: 'Tip of the day' });
  await expect(tips).toHaveCount(3);
  for (const chip of await tips.all()) await expect(chip).toHaveAttribute('data-repeats', 'true');
  await expect(tips.first()).toHaveAccessibleName(/^08:00 Tip of the day: back up your files\., Mastodon, Scheduled, repeats/);
  const oneOff = chips.filter({ hasText: 'A one-off announcement' });
  await expect(oneOff).not.toHaveAttribute('data-repeats', 'true');

  // The list says it in words.
  await openApp(host, '#/calendar/list');
  const rows = page.getByTestId('upcoming-list').getByTestId('post-row');
  await expect(rows.filter({ hasText: 'Tip of the day' }).getByTestId('post-repeats')).toHaveCount(3);
  await expect(rows.filter({ hasText: 'A one-off announcement' }).getByTestId('post-repeats')).toHaveCount(0);

  await rpc(host, 'queue:clearRecurrence', { postId: origin.id });
  await expect(rows.filter({ hasText: 'Tip of the day' })).toHaveCount(1);
  await expect(page.getByTestId('post-repeats')).toHaveCount(0);
  await openApp(host, `#/calendar/week/${day}`);
  await expect(tips).toHaveCount(1);
  await expect(tips).not.toHaveAttribute('data-repeats', 'true');
});
