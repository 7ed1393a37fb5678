import { LIST_SECTION_STEP } from '../../shared/domain/list-sections';
import { startOpenAiFake, type OpenAiFake } from '../fakes/ai/openai-server';
import { startMastodonFake, type StartedMastodonFake } from '../fakes/mastodon';
import { expect, test } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';
import type { Page } from '@playwright/test';
import { connectMastodonInPanel } from './support/mastodon';
import { needKeychain } from './support/keychain';

const FIRST = {
  variants: [
    { text: 'Knife skills night: one cut, ten minutes, every weeknight. Follow for more #cooking', hook: 'Knife skills night', cta: 'Follow for more' },
    { text: 'Dull knife, slow dinner. Sharpen once a week and follow along for the rest #kitchen', hook: 'Dull knife, slow dinner', cta: 'Follow along' },
  ],
};
const SECOND = {
  variants: [
    { text: 'Pasta water is seasoning you already paid for. Save a cup tonight and follow for more #pasta', hook: 'Pasta water', cta: 'Follow for more' },
    { text: 'Salt the water like the sea and your sauce does half the work. Follow along #cooking', hook: 'Salt the water', cta: 'Follow along' },
  ],
};
const REWRITE = { text: 'Knife skills, Mastodon edition: one cut, ten minutes, every weeknight. What do you cut first? #cooking', thread: [] };

let ai: OpenAiFake;
let mastodon: StartedMastodonFake;
test.beforeAll(async () => {
  ai = await startOpenAiFake();
  ai.models = [{ id: 'llama3.1', label: 'llama3.1' }];
  mastodon = await startMastodonFake();
});
test.afterAll(async () => {
  await ai.stop();
  await mastodon.stop();
});

/**
 * The model set up and a Mastodon account connected in the app; answers a way to ask for two
 * variants of the "Follow for more" template for that account.
 */
async function writingWithMastodon(page: Page, host: RunningHost, openApp: (host: RunningHost, hash?: string) => Promise<void>) {
  await needKeychain(host, 'Connecting an account and saving a model key');
  await rpc(host, 'writing:set', { provider: { kind: 'openai', baseURL: `${ai.url}/v1`, model: 'llama3.1', label: 'Ollama' } });
  await rpc(host, 'writing:setKey', { key: ai.apiKey });
  await openApp(host);
  await connectMastodonInPanel(page, mastodon, { openPanel: true });
  const [account] = await rpc<{ id: string }[]>(host, 'accounts:list');
  const templates = await rpc<{ id: string; name: string }[]>(host, 'templates:list', {});
  const template = templates.find((t) => t.name.includes('Follow for more'));
  return (values: Record<string, string>) => rpc<{ id: string }>(host, 'generation:variants', { templateId: template!.id, values, accountIds: [account!.id], count: 2 });
}

test('the writing queue shows each job in words, cancels a stalled one, queues a rewrite from Review, retries and opens the drafts', async ({ page, host, openApp }) => {
  test.setTimeout(120_000);
  const variants = await writingWithMastodon(page, host, openApp);

  const queueButton = page.getByTestId('writing-queue-button');
  await expect(queueButton).toHaveAccessibleName('Writing: nothing waiting');

  // Job 1 is written at once; two drafts wait in Review.
  ai.script({ json: FIRST });
  const first = await variants({ topic: 'knife skills', cadence: 'weeknight' });
  await queueButton.click();
  const panel = page.getByTestId('writing-queue');
  await expect(panel.getByRole('heading', { name: 'Writing queue' })).toBeFocused();
  const job1 = panel.locator(`[data-job-id="${first.id}"]`);
  await expect(job1.getByTestId('queue-job-state')).toHaveText('Done — 2 drafts in Review');
  await expect(job1.getByTestId('queue-job-attempts')).toHaveText('1 try');

  // Job 2: the model stops sending mid-answer, so it stays "Writing…" with the text so far.
  ai.fault({ kind: 'stall', afterChunks: 6 });
  ai.script({ json: SECOND }, { json: REWRITE }, { json: SECOND });
  const second = await variants({ topic: 'pasta water', cadence: 'weeknight' });
  const job2 = panel.locator(`[data-job-id="${second.id}"]`);
  await expect(job2.getByTestId('queue-job-state')).toHaveText('Writing…');
  await expect(job2.getByTestId('queue-job-preview')).toContainText('Pasta water');
  await expect(job2.getByTestId('queue-job-progress')).toHaveText(/^[1-9]\d* characters written$/);
  await expect(page.getByTestId('writing-queue-count')).toHaveText('1');

  // Escape closes the panel and gives focus back to the button.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(queueButton).toBeFocused();

  // Job 3: a rewrite for Mastodon asked from Review's menu waits behind the stalled job.
  await page.getByTestId('nav-review').click();
  await page.getByTestId('review-item').filter({ hasText: 'Knife skills night' }).click();
  const detail = page.getByTestId('review-detail');
  await expect(detail.getByTestId('write-menu-where')).toContainText('on this computer (Ollama, llama3.1)');
  await detail.getByTestId('write-menu-button').click();
  await expect(page.getByRole('menuitem', { name: 'Turn into a thread' })).toBeVisible();
  await page.getByRole('menuitem', { name: 'Rewrite for Mastodon' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Queued — the new draft will appear in Review' })).toBeVisible();
  await expect(page.getByTestId('writing-queue-count')).toHaveText('2');

  await queueButton.click();
  const rewrite = panel.locator('[data-kind="rewrite"]');
  await expect(rewrite.getByTestId('queue-job-state')).toHaveText('Waiting its turn');
  // Newest first: the rewrite, then the stalled job, then the finished one.
  await expect(panel.getByTestId('queue-job')).toHaveCount(3);
  await expect(panel.getByTestId('queue-job').nth(0)).toHaveAttribute('data-kind', 'rewrite');
  await expect(panel.getByTestId('queue-job').nth(1)).toHaveAttribute('data-job-id', second.id);
  await rewrite.getByTestId('queue-job-raise').click();
  await expect(rewrite.getByTestId('queue-job-priority')).toHaveText('Priority 10');

  // Cancelling the stalled job frees the model: the rewrite is written next.
  await job2.getByTestId('queue-job-cancel').click();
  await expect(job2.getByTestId('queue-job-state')).toHaveText('Cancelled');
  await expect(rewrite.getByTestId('queue-job-state')).toHaveText('Done — 1 draft in Review');
  await expect(page.getByTestId('writing-queue-count')).toBeHidden();

  // Retried, it is written again from the start and its drafts wait in Review.
  await job2.getByTestId('queue-job-retry').click();
  await expect(job2.getByTestId('queue-job-state')).toHaveText('Done — 2 drafts in Review');
  await job2.getByTestId('queue-job-open').click();
  await expect(panel).toBeHidden();
  await expect(page).toHaveURL(/#\/review$/);
  await expect(page.getByTestId('review-item')).toHaveCount(5);
  await expect(page.getByTestId('review-text')).toHaveText(/Pasta water|Salt the water/);
  await expect(page.getByTestId('review-item').filter({ hasText: 'Mastodon edition' })).toHaveCount(1);
});

test('a draft opened from the writing queue opens in Review even when it waits past the first page of a long queue', async ({ page, host, openApp }) => {
  test.setTimeout(120_000);
  const variants = await writingWithMastodon(page, host, openApp);
  // A queue longer than one page waits already (the longest-waiting come first).
  const ids: string[] = [];
  for (let i = 0; i < LIST_SECTION_STEP + 10; i += 20) {
    const made = await Promise.all(Array.from({ length: 20 }, (_, k) => rpc<{ id: string }>(host, 'posts:create', { text: `Older post ${i + k + 1}`, platforms: ['x'], schedule: null })));
    ids.push(...made.map((p) => p.id));
  }
  await rpc(host, 'review:send', { postIds: ids });
  await openApp(host, '#/review');
  await expect(page.getByTestId('review-item')).toHaveCount(LIST_SECTION_STEP);

  // While Review shows the first page, the model writes two drafts; Open takes Review to the first of them.
  ai.script({ json: FIRST });
  const job = await variants({ topic: 'knife skills', cadence: 'weeknight' });
  await page.getByTestId('writing-queue-button').click();
  const row = page.getByTestId('writing-queue').locator(`[data-job-id="${job.id}"]`);
  await expect(row.getByTestId('queue-job-state')).toHaveText('Done — 2 drafts in Review');
  await row.getByTestId('queue-job-open').click();
  await expect(page.getByTestId('review-text')).toContainText(/Knife skills night|Dull knife/);
  // Read as far as the draft waits: every older post, then the draft.
  await expect(page.getByTestId('review-item')).toHaveCount(ids.length + 1);
  await expect(page.getByTestId('review-item').last()).toHaveAttribute('aria-current', 'true');
});
