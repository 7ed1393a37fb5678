import type { Locator, Page } from '@playwright/test';
import { DateTime } from 'luxon';
import type { PostDto } from '../../shared/contract';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';
import { connectMastodon, test as withMastodon } from './support/mastodon';
import { startOpenAiFake, type OpenAiFake } from '../fakes/ai/openai-server';

/**
 * The main jobs done with the keyboard alone: after every action the focus is somewhere a
 * person can go on from (a neighbour when something left, never the top of the page).
 */
const ZONE = 'Europe/Berlin';

/** Tabs forward until `target` has the focus (at most `max` presses), as a person would. */
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await target.and(page.locator(':focus')).count()) > 0) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

const reviewItem = (page: Page, id: string) => page.locator(`[data-review-item="${id}"]`);

test.describe('Review from the keyboard', () => {
  test('approving or rejecting from the queue moves to the next post; a post with a blank does not take the focus from J and K; filled blanks lead to Approve', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });
    const posts: PostDto[] = [];
    for (const [i, text] of ['First for review', 'Second for review', 'Third, about {topic}', 'Fourth for review'].entries())
      posts.push(await rpc<PostDto>(host, 'posts:create', { text, platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 2 + i), time: '10:00' } }));
    const [first, second, third, fourth] = posts as [PostDto, PostDto, PostDto, PostDto];

    await openApp(host, '#/review');
    await expect(page.getByTestId('review-item')).toHaveCount(4);
    await tabTo(page, reviewItem(page, first.id));
    await page.keyboard.press('j');
    await expect(reviewItem(page, second.id)).toBeFocused();

    // A approves the second; the keyboard goes on to the third (its neighbour), not to the page.
    await page.keyboard.press('a');
    await expect(page.getByTestId('toast').last()).toContainText('Approved');
    await expect(page.getByTestId('review-item')).toHaveCount(3);
    await expect(reviewItem(page, third.id)).toBeFocused();
    await expect(page.getByTestId('review-detail')).toHaveAttribute('data-post-id', third.id);
    // The third has a blank to fill; its form does not pull the focus out of the list.
    await expect(page.getByTestId('review-blanks')).toBeVisible();
    await page.keyboard.press('j');
    await expect(reviewItem(page, fourth.id)).toBeFocused();

    // R rejects the fourth with a reason; it was the last, so the one above takes the focus.
    await page.keyboard.press('r');
    await expect(page.getByTestId('review-reason')).toBeFocused();
    await page.keyboard.type('Not on brand');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('toast').last()).toContainText('Sent back to drafts with your reason');
    await expect(page.getByTestId('review-reject-dialog')).toHaveCount(0);
    await expect(reviewItem(page, third.id)).toBeFocused();
    expect((await rpc<PostDto>(host, 'posts:get', { id: third.id })).text).toContain('{topic}');

    // Fill the blank; saving it leads to Approve, the next step, and says it was saved.
    await tabTo(page, page.getByTestId('review-blank-0'));
    await page.keyboard.type('lighting');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('review-status')).toHaveText('Blanks filled in');
    await expect(page.getByTestId('review-approve')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('review-item')).toHaveCount(1);
    await expect.poll(async () => (await rpc<PostDto>(host, 'posts:get', { id: third.id })).targets.map((t) => t.state)).toEqual(['scheduled']);
  });

  test('blanks saved with a blank still in them do not pull the focus to Approve once the creator moves on', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });
    const blank = await rpc<PostDto>(host, 'posts:create', { text: 'About {topic}', platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 2), time: '10:00' } });
    const plain = await rpc<PostDto>(host, 'posts:create', { text: 'Nothing to fill', platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 3), time: '10:00' } });
    await openApp(host, '#/review');
    await expect(page.getByTestId('review-item')).toHaveCount(2);
    await expect(page.getByTestId('review-detail')).toHaveAttribute('data-post-id', blank.id);
    // Filled with text that is itself a blank: saved, and the post still cannot be approved.
    await page.getByTestId('review-blank-0').fill('{angle}');
    await page.getByTestId('review-blank-0').press('Enter');
    await expect(page.getByTestId('review-status')).toHaveText('Blanks filled in');
    await expect(page.getByTestId('review-blank-0')).toHaveValue('');
    // Moving on with J: the focus follows the list, not to the next post's Approve.
    await reviewItem(page, blank.id).focus();
    await page.keyboard.press('j');
    await expect(page.getByTestId('review-detail')).toHaveAttribute('data-post-id', plain.id);
    await expect(reviewItem(page, plain.id)).toBeFocused();
    await expect(page.getByTestId('review-approve')).not.toBeFocused();
  });
});

test.describe('the calendar from the keyboard', () => {
  test('deleting a post from its panel puts the focus on the next post of its day, or on the day when none is left', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    // The 10th of next month: always ahead, and in the month the calendar opens on.
    const tenth = DateTime.now().setZone(ZONE).startOf('month').plus({ months: 1, days: 9 });
    const day = tenth.toFormat('yyyy-LL-dd');
    const nextDay = tenth.plus({ days: 1 }).toFormat('yyyy-LL-dd');
    await rpc(host, 'posts:create', { text: 'Morning notes', platforms: ['x'], schedule: { date: day, time: '09:00' } });
    const evening = await rpc<PostDto>(host, 'posts:create', { text: 'Evening recap', platforms: ['mastodon'], schedule: { date: day, time: '18:00' } });
    await rpc(host, 'posts:create', { text: 'Late thoughts', platforms: ['x'], schedule: { date: day, time: '21:00' } });
    await rpc(host, 'posts:create', { text: 'Alone on its day', platforms: ['x'], schedule: { date: nextDay, time: '10:00' } });

    await openApp(host, `#/calendar/month/${day}`);
    const cell = (d: string) => page.locator(`[data-testid="month-day"][data-day="${d}"]`);
    await expect(page.getByTestId('calendar-chip')).toHaveCount(4);
    await tabTo(page, page.getByTestId('month-view').locator('[tabindex="0"]'));
    for (let i = 1; i < tenth.day; i++) await page.keyboard.press('ArrowRight');
    await expect(cell(day)).toBeFocused();

    // Into the day, Down to the evening post, Enter opens it; Delete, then confirm.
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('post-panel')).toContainText('Evening recap');
    await tabTo(page, page.getByTestId('post-delete'));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('cancel-delete')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByTestId('confirm-delete')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('toast').last()).toContainText('Post deleted');
    await expect(page.getByTestId('post-panel')).toHaveCount(0);
    await expect(cell(day).getByTestId('calendar-chip')).toHaveCount(2);
    // The next post of the day has the focus (and the grid's one Tab stop).
    await expect(cell(day).getByTestId('calendar-chip').nth(1)).toBeFocused();
    await expect(cell(day).getByTestId('calendar-chip').nth(1)).toContainText('Late thoughts');
    await expect(page.getByTestId('month-view').locator('[tabindex="0"]')).toHaveCount(1);
    expect((await rpc<PostDto[]>(host, 'posts:list', { scope: 'all' })).some((p) => p.id === evening.id)).toBe(false);

    // A post alone on its day: the day keeps the focus.
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowRight');
    await expect(cell(nextDay)).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('post-panel')).toContainText('Alone on its day');
    await tabTo(page, page.getByTestId('post-delete'));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(cell(nextDay).getByTestId('calendar-chip')).toHaveCount(0);
    await expect(cell(nextDay)).toBeFocused();
  });
});

test.describe('Campaigns from the keyboard', () => {
  test('Save puts the focus back on New campaign; a deleted campaign hands the focus to its neighbour, and says so', async ({ page, host, openApp }) => {
    await rpc(host, 'campaigns:save', { name: 'Spring launch' });
    await rpc(host, 'campaigns:save', { name: 'Summer tour' });
    await openApp(host, '#/campaigns');
    await expect(page.getByTestId('campaign-row')).toHaveCount(2);

    // New campaign, a name, Tab along to Save and press it: the focus comes back, not to the page.
    await tabTo(page, page.getByTestId('campaign-new'));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('campaign-name')).toBeFocused();
    await page.keyboard.type('Autumn sale');
    await tabTo(page, page.getByTestId('campaign-save'));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('campaign-row')).toHaveCount(3);
    await expect(page.getByTestId('campaign-editor')).toHaveCount(0);
    await expect(page.getByTestId('campaign-new')).toBeFocused();

    // Delete the middle one: its confirm starts on Keep it; Shift+Tab to Delete, Enter.
    const rows = page.getByTestId('campaign-row');
    const names = await rows.getByTestId('campaign-open').allTextContents();
    await tabTo(page, rows.nth(1).getByTestId('campaign-delete'));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('campaign-delete-no')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByTestId('campaign-delete-yes')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(rows).toHaveCount(2);
    await expect(page.getByTestId('toast').last()).toContainText(`Campaign “${names[1]}” deleted`);
    // The next campaign (now second) has the focus.
    await expect(rows.nth(1).getByTestId('campaign-open')).toBeFocused();
    await expect(rows.nth(1).getByTestId('campaign-open')).toHaveText(names[2]!);

    // The last one left on the list: the one above takes the focus.
    await tabTo(page, rows.nth(1).getByTestId('campaign-delete'));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(rows).toHaveCount(1);
    await expect(rows.nth(0).getByTestId('campaign-open')).toBeFocused();
  });
});

/** Whether the browser draws its focus ring on `target` (it has the focus, and shows it). */
const showsFocus = (target: Locator) => target.evaluate((el) => el === el.ownerDocument.activeElement && el.matches(':focus-visible'));

withMastodon.describe('Plan a month from the keyboard', () => {
  // With a model set up the planner stays on screen after Create; without, Review opens.
  let fake: OpenAiFake | null = null;
  withMastodon.afterEach(async () => {
    await fake?.stop();
    fake = null;
  });
  for (const model of [false, true])
    withMastodon(
      `every choice is reached and named; Preview keeps the focus and says what it planned; Create lands on ${model ? 'the drafts made, with a model set up' : 'Review’s heading'}`,
      async ({ page, host, openApp, mastodon }) => {
        withMastodon.setTimeout(90_000);
        if (model) {
          fake = await startOpenAiFake();
          await rpc(host, 'writing:set', { provider: { kind: 'openai', baseURL: `${fake.url}/v1`, model: 'llama3.1', label: 'Ollama' } });
          await rpc(host, 'writing:setKey', { key: fake.apiKey });
        }
        await rpc(host, 'settings:update', { timeZone: ZONE });
        const account = await connectMastodon(page, host, mastodon);
        // Monday and Thursday: any seven days hold one of each.
        await rpc(host, 'queue:setSlots', {
          accountId: account.id,
          slots: [
            { weekday: 1, time: '09:00' },
            { weekday: 4, time: '17:30' },
          ],
        });
        const pillar = await rpc<{ id: string }>(host, 'pillars:save', { name: 'Tips', color: '#336699' });
        const template = await rpc<{ id: string }>(host, 'templates:save', { name: 'Topic tip', category: 'hook', body: 'A tip about {topic}' });
        // The consent tab had the focus; the app's window takes it back.
        await page.bringToFront();
        await openApp(host, '#/planner');

        const days = page.getByTestId('planner-days');
        await tabTo(page, days, 80);
        await expect(days).toHaveAccessibleName('Days');
        await page.keyboard.press('Control+A');
        await page.keyboard.type('7');
        for (const [box, name] of [
          [`planner-pillars-${pillar.id}`, 'Tips'],
          [`planner-templates-${template.id}`, 'Topic tip'],
          [`planner-accounts-${account.id}`, /Mastodon/],
        ] as const) {
          await tabTo(page, page.getByTestId(box));
          await expect(page.getByTestId(box)).toHaveAccessibleName(name);
          expect(await showsFocus(page.getByTestId(box))).toBe(true);
          await page.keyboard.press('Space');
          await expect(page.getByTestId(box)).toBeChecked();
        }

        // Preview: the button keeps the focus (not the page), and a live region says what was planned.
        const preview = page.getByTestId('planner-preview-button');
        await tabTo(page, preview);
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('planner-row')).toHaveCount(2);
        await expect(page.getByTestId('planner-status')).toHaveAttribute('role', 'status');
        await expect(page.getByTestId('planner-status')).toContainText('2 drafts planned');
        await expect(preview).toBeFocused();
        expect(await showsFocus(preview)).toBe(true);

        await page.keyboard.press('Tab');
        await expect(page.getByTestId('planner-create')).toBeFocused();
        await page.keyboard.press('Enter');
        if (model) {
          // The planner stays: the heading of what was made takes the focus, and Tab goes on to its choices.
          await expect(page.getByTestId('planner-made-title')).toBeFocused();
          await expect(page.getByTestId('planner-made-title')).toHaveText('2 drafts made, waiting in Review');
          await page.keyboard.press('Tab');
          await expect(page.getByTestId('planner-write-model')).toBeFocused();
          return;
        }
        // Review opens with its heading in focus; the toast (a live region) says what was made.
        await expect(page).toHaveURL(/#\/review$/);
        await expect(page.getByTestId('toast').last()).toContainText('2 drafts written offline');
        const heading = page.getByRole('heading', { level: 1, name: 'Review' });
        await expect(heading).toBeFocused();
        expect(await showsFocus(heading)).toBe(true);
      },
    );
});

test.describe('Ideas from the keyboard', () => {
  test('an idea saved from quick capture takes the focus in the list; Turn into post opens the composer with the focus in its text', async ({ page, host, openApp }) => {
    await rpc(host, 'ideas:capture', { text: 'An older thought' });
    await openApp(host, '#/ideas');
    await expect(page.getByTestId('idea-row')).toHaveCount(1);
    await tabTo(page, page.getByTestId('idea-to-post'));

    // I, a line, Ctrl+Enter: the new idea's words take the focus, and Tab goes on to what it can become.
    await page.keyboard.press('i');
    await expect(page.getByTestId('idea-text')).toBeFocused();
    await page.keyboard.type('Knife care on Sundays');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('idea-dialog')).toHaveCount(0);
    await expect(page.getByTestId('toast').last()).toContainText('Idea saved');
    const row = page.getByTestId('idea-row').filter({ hasText: 'Knife care on Sundays' });
    await expect(row.getByTestId('idea-row-text')).toBeFocused();
    expect(await showsFocus(row.getByTestId('idea-row-text'))).toBe(true);
    await page.keyboard.press('Tab');
    await expect(row.getByTestId('idea-to-post')).toBeFocused();

    // Turn it into a post: pick Mastodon with Space, make the draft; the composer's text has the focus.
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('to-post-dialog')).toBeVisible();
    await tabTo(page, page.getByTestId('to-post-platform-mastodon'));
    await page.keyboard.press('Space');
    await expect(page.getByTestId('to-post-platform-mastodon')).toHaveAttribute('aria-pressed', 'true');
    await tabTo(page, page.getByTestId('to-post-create'));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/compose\/./);
    await expect(page.getByTestId('compose-text')).toHaveValue('Knife care on Sundays');
    await expect(page.getByTestId('compose-text')).toBeFocused();
  });
});

test.describe('Compose from the keyboard', () => {
  test('keys typed straight after N, before the composer has loaded, land in its text', async ({ page, host, openApp }) => {
    await openApp(host, '#/calendar');
    await expect(page.getByTestId('calendar-screen')).toBeVisible();
    await page.keyboard.press('n');
    // No wait: the words start while the composer is still on its way (I and N are shortcuts elsewhere).
    await page.keyboard.type('Big news: it is live now');
    await expect(page.getByTestId('compose-text')).toHaveValue('Big news: it is live now');
    await expect(page.getByTestId('compose-text')).toBeFocused();
    await expect(page.getByTestId('idea-dialog')).toHaveCount(0);
  });
});
