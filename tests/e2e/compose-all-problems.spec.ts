import type { PostDto } from '../../shared/contract';
import { expect, fillComposer, test } from './support/fixtures';
import { expectMessagesOutsideLabels } from './support/field-messages';
import { rpc } from './support/host';

const ZONE = 'Europe/Berlin';

test('the composer says every problem at once, each beside its field, and puts the keyboard on the first', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  await openApp(host);
  await page.getByTestId('new-post').click();
  // Three problems: no text, an empty second part of the thread, no day or time to schedule it.
  await fillComposer(page, { text: '', platforms: ['x', 'bluesky'] });
  await page.getByTestId('compose-thread-add').click();
  await page.getByTestId('compose-schedule').click();

  const summary = page.getByTestId('compose-summary');
  await expect(summary).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('compose-summary-title')).toHaveText('4 things keep this post from being scheduled:');
  await expect(summary.getByTestId('compose-summary-item')).toHaveText([
    'Write something first: the text is empty.',
    'Part 2 of the thread is empty. Write it, or remove it.',
    'Pick a day or one of the free posting times, or save it as a draft.',
    'Pick a time.',
  ]);
  // Each beside its field, tied to it for screen readers, the first with the keyboard.
  await expect(page.getByTestId('compose-text-error')).toHaveText('Write something first: the text is empty.');
  await expect(page.getByTestId('compose-thread-0-error')).toHaveText('Part 2 of the thread is empty. Write it, or remove it.');
  await expect(page.getByTestId('compose-date-error')).toBeVisible();
  await expect(page.getByTestId('compose-time-error')).toBeVisible();
  await expect(page.getByTestId('compose-text')).toBeFocused();
  for (const [field, error] of [
    ['compose-text', 'compose-text-error'],
    ['compose-thread-0', 'compose-thread-0-error'],
    ['compose-date', 'compose-date-error'],
    ['compose-time', 'compose-time-error'],
  ]) {
    await expect(page.getByTestId(field!)).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId(field!)).toHaveAttribute('aria-describedby', error!);
  }
  expect(await expectMessagesOutsideLabels(page.getByTestId('compose-layout'))).toEqual(['compose-text-error', 'compose-thread-0-error', 'compose-date-error', 'compose-time-error']);
  expect(await rpc<PostDto[]>(host, 'posts:list', { scope: 'all' })).toEqual([]);

  // A line of the summary takes the keyboard to its field; fixing one leaves the others standing.
  await summary.getByTestId('compose-summary-item').nth(1).click();
  await expect(page.getByTestId('compose-thread-0')).toBeFocused();
  await page.getByTestId('compose-thread-0').fill('And the second part.');
  await expect(page.getByTestId('compose-thread-0-error')).toHaveCount(0);
  await expect(page.getByTestId('compose-thread-0')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('compose-text-error')).toBeVisible();
  await expect(page.getByTestId('compose-summary-title')).toHaveText('3 things keep this post from being scheduled:');

  // A platform's own text left empty is said under it, in the preview pane, after the form's own fields.
  await page.getByTestId('compose-text').fill('The first part.');
  await page.getByTestId('compose-customise-x').click();
  await page.getByTestId('compose-override-x').fill('');
  await page.getByTestId('compose-save-draft').click();
  await expect(page.getByTestId('compose-summary-title')).toHaveText('One thing keeps this post from being saved:');
  await expect(page.getByTestId('compose-override-x-error')).toHaveText('The text for X is empty. Write it, or switch back to the shared text.');
  await expect(page.getByTestId('compose-override-x')).toBeFocused();
  await expectMessagesOutsideLabels(page.getByTestId('compose-layout'));
});

test("a refusal only the core gives after a save is said under the thread part it names, not the post's text", async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  // The core's gates refuse the thread's third part (their path: [platform, ...field.split('.')], gates.ts).
  const message = "Thread part 3 doesn't fit X: 301 of 280 characters.";
  await page.route('**/rpc/posts:create', (route) => route.fulfill({ status: 422, json: { error: { code: 'gate_failed', message, issues: [{ path: ['x', 'thread', '3'], message }] } } }));
  await openApp(host);
  await page.getByTestId('new-post').click();
  await fillComposer(page, { text: 'The first part.', platforms: ['x'] });
  await page.getByTestId('compose-thread-add').click();
  await page.getByTestId('compose-thread-0').fill('The second part.');
  await page.getByTestId('compose-thread-add').click();
  await page.getByTestId('compose-thread-1').fill('The third part.');
  await page.getByTestId('compose-save-draft').click();

  await expect(page.getByTestId('compose-thread-1-error')).toHaveText(message);
  await expect(page.getByTestId('compose-thread-1')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('compose-text-error')).toHaveCount(0);
  expect(await expectMessagesOutsideLabels(page.getByTestId('compose-layout'))).toEqual(['compose-thread-1-error']);
});
