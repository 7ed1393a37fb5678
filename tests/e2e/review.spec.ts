import AxeBuilder from '@axe-core/playwright';
import { join, resolve } from 'node:path';
import type { PostDto } from '../../shared/contract';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';
import { startSite, TITLE } from './support/site';

const OUT = resolve(__dirname, '../../docs/screenshots');
const ZONE = 'Europe/Berlin';

/** A call an agent makes over the local API, as `loomcast mcp` would (it names itself claude-ai). */
async function asAgent<T = unknown>(host: RunningHost, channel: string, input: unknown): Promise<T> {
  const res = await fetch(`${host.origin}/rpc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}`, 'x-loomcast-actor': 'agent', 'x-loomcast-client': 'claude-ai' },
    body: JSON.stringify(input),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

test('posts written with auto-approve off wait in Review; A approves one, R rejects the other with a reason', async ({ page, host, openApp }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });
  const launch = await rpc<PostDto>(host, 'posts:create', {
    text: 'Launch week starts Monday: a new episode every day.',
    platforms: ['mastodon', 'bluesky'],
    schedule: { date: dayFromToday(ZONE, 2), time: '09:30' },
  });
  await rpc(host, 'posts:update', { id: launch.id, text: 'Launch week starts Monday: a fresh episode every morning at nine.' });
  const take = await rpc<PostDto>(host, 'posts:create', {
    text: 'Hot take: nobody reads threads past the third post.',
    platforms: ['x'],
    schedule: { date: dayFromToday(ZONE, 3), time: '12:00' },
  });
  expect(take.targets.map((t) => t.state)).toEqual(['in_review']);

  await openApp(host, '#/review');
  const items = page.getByTestId('review-item');
  await expect(items).toHaveCount(2);
  await expect(page.getByTestId('nav-review')).toContainText('2');
  const detail = page.getByTestId('review-detail');
  await expect(detail).toHaveAttribute('data-post-id', launch.id);
  await expect(detail.locator('del')).toHaveText(['new ', 'day.']);
  await expect(detail.locator('ins')).toHaveText(['fresh ', 'morning at nine.']);
  await page.mouse.move(0, 799);
  await page.screenshot({ path: join(OUT, 'review.png') });

  // J and K move through the list.
  await page.keyboard.press('j');
  await expect(detail).toHaveAttribute('data-post-id', take.id);
  await page.keyboard.press('k');
  await expect(detail).toHaveAttribute('data-post-id', launch.id);

  await page.keyboard.press('a');
  await expect(items).toHaveCount(1);
  await expect(detail).toHaveAttribute('data-post-id', take.id);
  expect((await rpc<PostDto>(host, 'posts:get', { id: launch.id })).targets.map((t) => t.state)).toEqual(['scheduled', 'scheduled']);

  await page.keyboard.press('r');
  const dialog = page.getByTestId('review-reject-dialog');
  await expect(dialog.getByTestId('review-reason')).toBeFocused();
  await expect(dialog.getByTestId('review-reason')).toHaveValue('');
  await dialog.getByTestId('review-reject-confirm').click();
  await expect(dialog.getByTestId('review-reason-error')).toHaveText('Say why the post is rejected');
  await dialog.getByTestId('review-reason').fill('Too harsh for a Monday');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('review-empty')).toBeVisible();
  const rejected = await rpc<PostDto>(host, 'posts:get', { id: take.id });
  expect(rejected.targets.map((t) => [t.state, t.lastError])).toEqual([['draft', 'Rejected: Too harsh for a Monday']]);
});

test('ticked posts are approved at once; one without a time becomes approved, not scheduled', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });
  const timed = await rpc<PostDto>(host, 'posts:create', { text: 'Timed post', platforms: ['bluesky'], schedule: { date: dayFromToday(ZONE, 2), time: '10:00' } });
  const untimed = await rpc<PostDto>(host, 'posts:create', { text: 'Untimed post', platforms: ['bluesky'], schedule: null });
  await rpc(host, 'review:send', { postIds: [untimed.id] });
  const third = await rpc<PostDto>(host, 'posts:create', { text: 'Still waiting', platforms: ['bluesky'], schedule: { date: dayFromToday(ZONE, 3), time: '10:00' } });

  await openApp(host, '#/review');
  await expect(page.getByTestId('review-item')).toHaveCount(3);
  // Each says when it would go out (or that it has no time yet), then where.
  await expect(page.getByTestId('review-item').filter({ hasText: 'Untimed post' })).toContainText('No time yet · Bluesky');
  await expect(page.getByTestId('review-item').filter({ hasText: /^Timed post/ })).toContainText(/10:00 · Bluesky/);
  await expect(page.getByTestId('review-approve-selected')).toBeDisabled();
  await page.getByTestId('review-select').nth(0).check();
  await page.getByTestId('review-select').nth(1).check();
  await page.getByTestId('review-approve-selected').click();
  await expect(page.getByTestId('review-item')).toHaveText([/^Still waiting.* 10:00 · Bluesky$/]);
  expect((await rpc<PostDto>(host, 'posts:get', { id: timed.id })).targets[0]!.state).toBe('scheduled');
  expect((await rpc<PostDto>(host, 'posts:get', { id: untimed.id })).targets[0]!.state).toBe('approved');
  expect((await rpc<PostDto>(host, 'posts:get', { id: third.id })).targets[0]!.state).toBe('in_review');
});

test('a post with a blank left shows the fill-in form; Approve waits, saying why, until it is filled', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });
  const post = await rpc<PostDto>(host, 'posts:create', {
    text: 'Welcome to the studio, {first name}! Ask me about {topic}.',
    platforms: ['mastodon'],
    schedule: { date: dayFromToday(ZONE, 2), time: '10:00' },
  });
  expect(post.targets.map((t) => t.state)).toEqual(['in_review']);

  await openApp(host, '#/review');
  await page.getByTestId('review-item').first().click();
  const approve = page.getByTestId('review-approve');
  await expect(approve).toBeDisabled();
  await expect(page.getByTestId('review-approve-why')).toHaveText("Fill in {first name}, {topic} first: a post can't go out with a blank in it.");
  // The A key does nothing while a blank is left.
  await page.getByTestId('review-item').first().focus();
  await page.keyboard.press('a');
  expect((await rpc<PostDto>(host, 'posts:get', { id: post.id })).targets.map((t) => t.state)).toEqual(['in_review']);

  const form = page.getByTestId('review-blanks');
  await expect(form).toContainText('Fill in 2 blanks before approving');
  await form.getByTestId('review-blank-0').fill('Ada');
  await expect(form.getByTestId('review-blanks-save')).toBeDisabled();
  await form.getByTestId('review-blank-1').fill('lighting');
  await form.getByTestId('review-blanks-save').click();
  await expect(page.getByTestId('review-blanks')).toHaveCount(0);
  expect((await rpc<PostDto>(host, 'posts:get', { id: post.id })).text).toBe('Welcome to the studio, Ada! Ask me about lighting.');
  await expect(approve).toBeEnabled();
  await approve.click();
  await expect(page.getByTestId('review-empty')).toBeVisible();
  expect((await rpc<PostDto>(host, 'posts:get', { id: post.id })).targets.map((t) => t.state)).toEqual(['scheduled']);
});

test('a post edited from Review comes back to Review, saying it still waits there', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });
  const post = await rpc<PostDto>(host, 'posts:create', { text: 'Behind the scenes: how one episode is made.', platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 2), time: '10:00' } });
  await openApp(host, '#/review');
  await expect(page.getByTestId('review-detail')).toHaveAttribute('data-post-id', post.id);
  await page.getByTestId('review-edit').click();
  const text = page.getByTestId('compose-text');
  await expect(text).toHaveValue('Behind the scenes: how one episode is made.');
  await text.fill('Behind the scenes: how one episode is made, start to finish.');
  await page.getByTestId('compose-schedule').click();
  await expect(page).toHaveURL(/#\/review$/);
  await expect(page.getByTestId('toast').filter({ hasText: 'Saved; waiting in Review' })).toBeVisible();
  await expect(page.getByTestId('review-detail')).toHaveAttribute('data-post-id', post.id);
  const saved = await rpc<PostDto>(host, 'posts:get', { id: post.id });
  expect([saved.text, saved.targets.map((t) => t.state)]).toEqual(['Behind the scenes: how one episode is made, start to finish.', ['in_review']]);
});

test('a post an agent schedules waits in Review, says which agent made it, and the creator approves it', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: true });
  // What `loomcast mcp` sends for Claude Desktop: the app's token, naming itself as an agent.
  const made = await asAgent<PostDto>(host, 'posts:create', { text: 'Three things we learned shipping the winter release.', platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 2), time: '10:00' } });
  expect(made.createdBy).toEqual({ actor: 'agent', client: 'claude-ai' });
  expect(made.targets.map((t) => t.state)).toEqual(['in_review']);

  await openApp(host, '#/review');
  const item = page.getByTestId('review-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Made by an agent · claude-ai');
  await expect(page.getByTestId('review-made-by')).toHaveText(/Made by an agent · claude-ai/);
  await page.keyboard.press('a');
  await expect(page.getByTestId('review-empty')).toBeVisible();
  expect((await rpc<PostDto>(host, 'posts:get', { id: made.id })).targets.map((t) => t.state)).toEqual(['scheduled']);
});

test('an agent’s rewrite of the creator’s scheduled post goes back to Review, said to be the agent’s there and in the post’s history', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: true });
  const mine = await rpc<PostDto>(host, 'posts:create', { text: 'Notes from the studio this week.', platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 3), time: '09:00' } });
  // The agent rewrites it over the local API, as `loomcast mcp` would: it goes back to Review.
  await asAgent(host, 'posts:update', { id: mine.id, text: 'Notes from the studio this week: three new scarves and a loom repair.' });

  await openApp(host, '#/review');
  await expect(page.getByTestId('review-detail')).toHaveAttribute('data-post-id', mine.id);
  // Made by the creator, but these words are the agent's.
  await expect(page.getByTestId('review-made-by')).toHaveCount(0);
  await expect(page.getByTestId('review-source')).toHaveText('Written by an agent · claude-ai');

  await openApp(host, '#/calendar/list');
  await page.getByTestId('post-row').filter({ hasText: 'three new scarves' }).click();
  const versions = page.getByTestId('post-panel').getByTestId('version-item');
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0)).toContainText('Written by an agent · claude-ai');
  await expect(versions.nth(1)).toContainText('Written by you');
});

test('while a post’s history loads Review says so, and when it can’t be read it says why and asks again on Try again', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: true });
  const mine = await rpc<PostDto>(host, 'posts:create', { text: 'Notes from the studio this week.', platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 3), time: '09:00' } });
  await asAgent(host, 'posts:update', { id: mine.id, text: 'Notes from the studio this week: a loom repair.' });

  // The history's answer is held, then refused once, then let through.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let answers = 0;
  await page.route('**/rpc/posts:versions', async (route) => {
    answers++;
    if (answers === 1) {
      await held;
      await route.fulfill({ status: 503, json: { ok: false, error: { code: 'unavailable', message: 'The database is busy.' } } });
      return;
    }
    await route.continue();
  });
  await openApp(host, '#/review');
  const detail = page.getByTestId('review-detail');
  await expect(detail).toHaveAttribute('data-post-id', mine.id);
  // Not "Edited" with the words as if nothing changed: the changes are on their way.
  await expect(detail.getByTestId('review-changes-loading')).toHaveText('Loading what changed…');
  await expect(detail.getByText('Changes since version 1')).toBeVisible();
  await expect(page.getByTestId('review-source')).toHaveText('Loading…');
  await expect(detail.getByTestId('review-text').locator('ins, del')).toHaveCount(0);

  release();
  const problem = detail.getByTestId('review-changes-problem');
  await expect(problem).toContainText('could not read the post’s history, so the changes since version 1 aren’t shown: The database is busy.');
  await expect(detail.getByTestId('review-changes-loading')).toHaveCount(0);
  await problem.getByRole('button', { name: 'Try again' }).click();
  await expect(problem).toHaveCount(0);
  await expect(detail.getByTestId('review-text').locator('ins')).toContainText('a loom repair');
  await expect(page.getByTestId('review-source')).toHaveText('Written by an agent · claude-ai');
  expect(answers).toBe(2);
});

test('an agent’s change of only the thread goes back to Review showing what it changed, part by part', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: true });
  const mine = await rpc<PostDto>(host, 'posts:create', {
    text: 'Three things about warping a loom.',
    platforms: ['mastodon'],
    schedule: { date: dayFromToday(ZONE, 3), time: '09:00' },
    thread: ['One: wind it tight.', 'Two: count twice.'],
  });
  await asAgent(host, 'posts:update', { id: mine.id, thread: ['One: wind it tight.', 'Two: count three times.', 'Three: rest your back.'] });

  await openApp(host, '#/review');
  const detail = page.getByTestId('review-detail');
  await expect(detail).toHaveAttribute('data-post-id', mine.id);
  await expect(page.getByTestId('review-source')).toHaveText('Written by an agent · claude-ai');
  await expect(detail.getByText('Changes since version 1')).toBeVisible();
  await expect(detail.getByTestId('review-parts-only')).toHaveText('The words are the same; the thread changed.');
  await expect(detail.getByText('Thread, changed since version 1')).toBeVisible();
  const parts = detail.getByTestId('review-thread').locator('li');
  await expect(parts).toHaveCount(3);
  await expect(parts.nth(0).locator('ins, del')).toHaveCount(0);
  await expect(parts.nth(1).locator('del')).toContainText('twice');
  await expect(parts.nth(1).locator('ins')).toContainText('three times');
  await expect(parts.nth(2).locator('ins')).toHaveText('Three: rest your back.');
  expect((await new AxeBuilder({ page }).include('[data-testid="review-detail"]').analyze()).violations).toEqual([]);

  // The post's history names it too, and the creator's thread can be brought back from it.
  await openApp(host, '#/calendar/list');
  await page.getByTestId('post-row').filter({ hasText: 'warping a loom' }).click();
  const panel = page.getByTestId('post-panel');
  const versions = panel.getByTestId('version-item');
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0).getByTestId('version-parts-changed')).toHaveText('Thread changed');
  await expect(versions.nth(0)).toContainText('Written by an agent · claude-ai');
  await versions.nth(1).getByTestId('version-restore').click();
  await expect(panel.getByTestId('restore-confirm')).toContainText('Its words, thread and first comment become the newest version');
  await panel.getByTestId('confirm-restore').click();
  await expect(versions).toHaveCount(3);
  await expect(versions.nth(0).getByTestId('version-parts-changed')).toHaveText('Thread changed');
  expect((await rpc<PostDto>(host, 'posts:get', { id: mine.id })).thread).toEqual(['One: wind it tight.', 'Two: count twice.']);
});

test('a post in Review shows how it looks on each platform, with the link card Bluesky and LinkedIn will carry and a platform\'s own text', async ({ page, host, openApp }) => {
  const site = await startSite();
  try {
    await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });
    const post = await rpc<PostDto>(host, 'posts:create', {
      text: `The planting calendar is out: ${site.link}`,
      platforms: ['bluesky', 'linkedin'],
      schedule: { date: dayFromToday(ZONE, 2), time: '09:30' },
    });
    await rpc(host, 'compose:setOverrides', { postId: post.id, overrides: [{ platform: 'linkedin', text: `Our spring planting calendar, for every bed: ${site.link}` }] });

    await openApp(host, '#/review');
    const previews = page.getByTestId('review-detail').getByTestId('review-previews');
    // Closed until asked for: no page is read just by opening Review.
    await expect(previews).not.toHaveAttribute('open', '');
    expect(site.requests).toEqual([]);
    await previews.locator('summary').click();
    const bluesky = previews.getByTestId('compose-card-bluesky');
    await expect(bluesky.getByTestId('preview-link-card').getByTestId('preview-link-title')).toHaveText(TITLE);
    await expect(previews.getByTestId('compose-card-linkedin')).toContainText('Its own text');
    await expect(previews.getByTestId('compose-card-linkedin')).toContainText('Our spring planting calendar, for every bed');
    await expect(previews.getByTestId('compose-card-linkedin').getByTestId('preview-link-card')).toBeVisible();
    // Read-only: Review approves or rejects; the words are changed in the composer.
    await expect(previews.getByTestId('compose-customise-bluesky')).toHaveCount(0);
    expect(site.requests).toEqual(['/guide', '/card.png']);
  } finally {
    await site.stop();
  }
});

test('a reason typed to reject a post survives Escape: R brings it back, Cancel lets it go', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });
  const take = await rpc<PostDto>(host, 'posts:create', { text: 'Hot take: nobody reads threads past the third post.', platforms: ['x'], schedule: { date: dayFromToday(ZONE, 3), time: '12:00' } });
  await openApp(host, '#/review');
  await expect(page.getByTestId('review-detail')).toHaveAttribute('data-post-id', take.id);

  await page.keyboard.press('r');
  const dialog = page.getByTestId('review-reject-dialog');
  await dialog.getByTestId('review-reason').fill('Too harsh for a Monday, and the third post is the point');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.keyboard.press('r');
  await expect(dialog.getByTestId('review-reason')).toHaveValue('Too harsh for a Monday, and the third post is the point');

  await dialog.getByTestId('review-reject-cancel').click();
  await expect(dialog).toHaveCount(0);
  await page.keyboard.press('r');
  await expect(dialog.getByTestId('review-reason')).toHaveValue('');
  expect((await rpc<PostDto>(host, 'posts:get', { id: take.id })).targets.map((t) => t.state)).toEqual(['in_review']);
});
