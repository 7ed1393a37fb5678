import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { createRollups } from '../../electron/core/analytics/rollups';
import { expect } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';
import { connectMastodon, test } from './support/mastodon';
import type { StartedMastodonFake } from '../fakes/mastodon';
import type { Page } from '@playwright/test';

const DAY_MS = 86_400_000;

interface AccountDto {
  id: string;
  handle: string;
}
interface ExperimentDto {
  id: string;
  posts: { postId: string; arm: number }[];
}

/**
 * Marks posts published and records their numbers as the publisher and the metrics sweep would:
 * the host has no channel for either, so the test writes its database through the one writer of
 * metric rollups.
 */
function publish(host: RunningHost, posts: { postId: string; likes: number }[]): void {
  const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    const rollups = createRollups(db);
    for (const p of posts) {
      // Out two days ago, looked at when a day old: experiments compare every post at that age.
      const publishedAt = Date.now() - 2 * DAY_MS;
      const targets = db.prepare("UPDATE targets SET state = 'published', published_at = ? WHERE post_id = ? RETURNING id").all(publishedAt, p.postId) as { id: string }[];
      for (const t of targets) rollups.record(t.id, publishedAt + DAY_MS, { likes: p.likes, replies: 0, reposts: 0 });
    }
  } finally {
    db.close();
  }
}

/** Connects an account on the test's fake Mastodon and gives it two weekly posting times. */
async function connect(page: Page, host: RunningHost, mastodon: StartedMastodonFake): Promise<AccountDto> {
  const account = await connectMastodon(page, host, mastodon);
  await rpc(host, 'queue:setSlots', { accountId: account.id, slots: [{ weekday: 2, time: '09:00' }, { weekday: 4, time: '17:30' }] });
  return account;
}

test('an experiment keeps collecting with 3 posts per version and names a winner only at its minimum of 5', async ({ page, host, openApp, mastodon }) => {
  test.setTimeout(90_000);
  const account = await connect(page, host, mastodon);
  const campaign = await rpc<{ id: string }>(host, 'campaigns:save', { name: 'Autumn recipes' });
  // A post of the campaign still waiting to go out, a month from now: where the winner can go.
  const later = DateTime.now().plus({ days: 30 }).toISODate()!;
  const queued = await rpc<{ id: string }>(host, 'posts:create', { text: 'Old words for the autumn post', accounts: [account.id], schedule: { date: later, time: '12:00' } });
  await rpc(host, 'campaigns:assign', { postIds: [queued.id], campaignId: campaign.id });

  await openApp(host, '#/experiments');
  await expect(page.getByTestId('experiments-empty')).toBeVisible();
  await page.getByTestId('experiment-new').click();
  await page.getByTestId('experiment-name').fill('Opening line');
  await page.getByTestId('experiment-arm-0').fill('Plain: new recipe on the blog today');
  await page.getByTestId('experiment-arm-1').fill('Question: ever burnt garlic? Here is how not to');
  await page.getByTestId(`experiment-account-${account.id}`).check();
  await expect(page.getByTestId('experiment-posts-per-arm')).toHaveValue('5');
  await page.getByTestId('experiment-campaign').selectOption(campaign.id);
  await page.getByTestId('experiment-create-submit').click();

  const detail = page.getByTestId('experiment-detail');
  await expect(detail.getByTestId('experiment-arm-row')).toHaveCount(2);
  await expect(page.getByTestId('experiment-rule')).toHaveText('fixed horizon: 5 posts per version');
  // Every post waits in Review.
  await expect.poll(async () => (await rpc<{ total: number }>(host, 'review:list')).total).toBe(10);

  const [summary] = await rpc<{ id: string }[]>(host, 'experiments:list');
  const e = await rpc<ExperimentDto>(host, 'experiments:get', { id: summary!.id });
  const byArm = (arm: number) => e.posts.filter((p) => p.arm === arm).map((p) => p.postId);
  const [a, b] = [byArm(0), byArm(1)];

  // Three posts each, B far ahead: still collecting, no winner.
  publish(host, [0, 1, 2].flatMap((i) => [{ postId: a[i]!, likes: 4 + i }, { postId: b[i]!, likes: 60 + i }]));
  await page.reload();
  await page.getByTestId('experiment-open').click();
  await expect(page.getByTestId('experiment-verdict-state')).toHaveText('Collecting');
  await expect(page.getByTestId('experiment-verdict-reason')).toContainText('Waiting for 5 posts per version');
  await expect(page.getByTestId('experiment-arm-measured')).toHaveText(['3', '3']);
  await expect(page.getByTestId('experiment-row-verdict')).toHaveText('Collecting');

  // At the minimum the difference is named, with its evidence.
  publish(host, [3, 4].flatMap((i) => [{ postId: a[i]!, likes: 4 + i }, { postId: b[i]!, likes: 60 + i }]));
  await page.reload();
  await page.getByTestId('experiment-open').click();
  await expect(page.getByTestId('experiment-verdict-state')).toHaveText('Winner: B');
  await expect(page.getByTestId('experiment-verdict-reason')).toContainText('B wins');
  await expect(page.getByTestId('experiment-pvalue')).toContainText('p ');
  await expect(page.getByTestId('experiment-srm')).toContainText('A 5/5, B 5/5');
  await expect(page.getByTestId('experiment-rates').locator('tr')).toHaveCount(2);
  await expect(page.getByTestId('experiment-row-verdict')).toHaveText('Winner: B');
  await expect(page.getByTestId('experiment-row-state')).toHaveText('Decided');

  // Roll out the winner: its words become a new version of the campaign's waiting post, back in Review.
  await expect(page.getByTestId('experiment-rollout-post')).toBeChecked();
  await page.getByTestId('experiment-rollout-button').click();
  // The card says what was done and to which post, and offers nothing more to roll out.
  const done = page.getByTestId('experiment-rollout').getByRole('status');
  await expect(done).toContainText('1 post now in Review with B’s words:');
  await expect(page.getByTestId('experiment-rollout-moved')).toHaveText('Old words for the autumn post');
  await expect(done).toContainText('Nothing more to roll out');
  await expect(page.getByTestId('experiment-rollout-button')).toHaveCount(0);
  await expect(page.getByTestId('experiment-rollout-post')).toHaveCount(0);
  const after = await rpc<{ text: string; targets: { state: string }[] }>(host, 'posts:get', { id: queued.id });
  expect(after.text).toBe('Question: ever burnt garlic? Here is how not to');
  expect(after.targets.map((t) => t.state)).toEqual(['in_review']);
  // Once approved it stays approved: the experiment offers no roll-out to it any more.
  await rpc(host, 'review:approve', { postIds: [queued.id] });
  await page.reload();
  await page.getByTestId('experiment-open').click();
  await expect(page.getByTestId('experiment-verdict-state')).toHaveText('Winner: B');
  await expect(page.getByTestId('experiment-rollout')).toHaveCount(0);
  expect((await rpc<{ targets: { state: string }[] }>(host, 'posts:get', { id: queued.id })).targets.map((t) => t.state)).not.toContain('in_review');
});

/** What the content engine records when it writes two variants together ("Quick recipe", made at 1 s past the epoch). */
function seedVariantSet(dataDir: string, first: string, second: string): void {
  const db = new Database(join(dataDir, 'loomcast.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    db.prepare("INSERT INTO variant_sets (id, job_id, template_id, template_name, created_at) VALUES ('set-1', NULL, NULL, 'Quick recipe', 1000)").run();
    db.prepare("INSERT INTO variant_arms (set_id, arm, post_id) VALUES ('set-1', 0, ?), ('set-1', 1, ?)").run(first, second);
  } finally {
    db.close();
  }
}

test('an experiment starts from variants the model wrote, with each draft’s current words', async ({ page, host, openApp, mastodon }) => {
  test.setTimeout(90_000);
  const account = await connect(page, host, mastodon);
  const one = await rpc<{ id: string }>(host, 'posts:create', { text: 'Five-minute pasta, no tricks', accounts: [account.id], schedule: null });
  const two = await rpc<{ id: string }>(host, 'posts:create', { text: 'First words', accounts: [account.id], schedule: null });
  await rpc(host, 'posts:update', { id: two.id, text: 'Pasta in five minutes? Here is the trick' });
  seedVariantSet(host.dataDir, one.id, two.id);

  await openApp(host, '#/experiments');
  await page.getByTestId('experiment-new').click();
  await page.getByTestId('experiment-name').fill('Pasta hooks');
  await page.getByTestId('experiment-source-set').check();
  await expect(page.locator('.experiment-set-arms li')).toHaveText(['Five-minute pasta, no tricks', 'Pasta in five minutes? Here is the trick']);
  await page.getByTestId(`experiment-account-${account.id}`).check();
  await page.getByTestId('experiment-posts-per-arm').fill('3');
  await expect(page.getByTestId('experiment-create-submit')).toHaveText('Create 6 posts in Review');
  await page.getByTestId('experiment-create-submit').click();

  await expect(page.getByTestId('experiment-arm-row').locator('td:nth-child(2)')).toHaveText(['Five-minute pasta, no tricks', 'Pasta in five minutes? Here is the trick']);
  await expect(page.getByTestId('experiment-rule')).toHaveText('fixed horizon: 3 posts per version');
  await expect(page.getByTestId('experiment-verdict-state')).toHaveText('Collecting');
  await expect(page.getByTestId('experiment-row')).toHaveCount(1);
});

test('a new experiment the core refuses says what to fix beside each field, in words, and keeps what was typed', async ({ page, host, openApp }) => {
  await openApp(host, '#/experiments');
  await page.getByTestId('experiment-new').click();
  await page.getByTestId('experiment-arm-0').fill('Plain: new recipe on the blog today');
  await page.getByTestId('experiment-create-submit').click();

  // Each of the core's reasons sits at its field, which says it is the one to fix.
  await expect(page.getByTestId('experiment-error-name')).toHaveText('Give the experiment a name');
  await expect(page.getByTestId('experiment-name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('experiment-error-arm-1')).toHaveText('Write something first: the text is empty');
  await expect(page.getByTestId('experiment-arm-1')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('experiment-error-arm-0')).toHaveCount(0);
  await expect(page.getByTestId('experiment-error-accounts')).toHaveText('Pick an account');
  // No channel names or field paths from the core's own message.
  await expect(page.getByTestId('experiment-create-problem')).toHaveCount(0);
  await expect(page.getByTestId('experiment-create')).not.toContainText('experiments:create');
  await expect(page.getByTestId('experiment-create')).not.toContainText('arms.1.text');
  await expect(page.getByTestId('experiment-arm-0')).toHaveValue('Plain: new recipe on the blog today');

  // Fixing a field clears its message.
  await page.getByTestId('experiment-name').fill('Opening line');
  await expect(page.getByTestId('experiment-error-name')).toHaveCount(0);
  await expect(page.getByTestId('experiment-name')).not.toHaveAttribute('aria-invalid');
});

test('a blank “Posts per version” reads as blank, not as 0 posts', async ({ page, host, openApp }) => {
  await openApp(host, '#/experiments');
  await page.getByTestId('experiment-new').click();
  const field = page.getByTestId('experiment-posts-per-arm');
  const submit = page.getByTestId('experiment-create-submit');
  await expect(submit).toHaveText('Create 10 posts in Review');
  await field.fill('');
  await expect(field).toHaveValue('');
  await expect(submit).not.toContainText('0 posts');
  await expect(submit).toBeDisabled();
  await expect(page.getByTestId('experiment-error-postsPerArm')).toHaveText('Enter a number');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('4');
  await expect(submit).toHaveText('Create 8 posts in Review');
  await expect(submit).toBeEnabled();
  await expect(page.getByTestId('experiment-error-postsPerArm')).toHaveCount(0);
});

test('a variant set is dated in the creator’s zone and format, not as a UTC date', async ({ page, host, openApp }) => {
  // 1970-01-01T00:00:01Z is still 31 December 1969 in Los Angeles.
  await rpc(host, 'settings:update', { timeZone: 'America/Los_Angeles' });
  const one = await rpc<{ id: string }>(host, 'posts:create', { text: 'Five-minute pasta, no tricks', platforms: ['x'], schedule: null });
  const two = await rpc<{ id: string }>(host, 'posts:create', { text: 'Pasta in five minutes? Here is the trick', platforms: ['x'], schedule: null });
  seedVariantSet(host.dataDir, one.id, two.id);

  await openApp(host, '#/experiments');
  await page.getByTestId('experiment-new').click();
  await page.getByTestId('experiment-source-set').check();
  await expect(page.getByTestId('experiment-set').locator('option')).toHaveText(['Quick recipe · 2 versions · Wed 31 Dec 1969']);
});

test('Escape closes the new-experiment form and keeps what was typed, through a reload, until it is cancelled', async ({ page, host, openApp }) => {
  await openApp(host, '#/experiments');
  await page.getByTestId('experiment-new').click();
  const form = page.getByTestId('experiment-create');
  await expect(form.getByTestId('experiment-draft-kept')).toHaveCount(0);
  await form.getByTestId('experiment-name').fill('Opening line');
  await form.getByTestId('experiment-add-arm').click();
  await form.getByTestId('experiment-arm-2').fill('Third: a list of three');
  await form.getByTestId('experiment-posts-per-arm').fill('4');
  await form.getByTestId('experiment-arm-2').press('Escape');
  await expect(form).toHaveCount(0);

  await page.reload();
  await page.getByTestId('experiment-new').click();
  await expect(form.getByTestId('experiment-name')).toHaveValue('Opening line');
  await expect(form.getByTestId('experiment-arm-2')).toHaveValue('Third: a list of three');
  await expect(form.getByTestId('experiment-create-submit')).toHaveText('Create 12 posts in Review');
  await expect(form.getByTestId('experiment-draft-kept')).toHaveText('Your unsaved changes are back. Cancel lets them go.');

  // Cancel lets the words go.
  await form.getByTestId('experiment-create-cancel').click();
  await expect(form).toHaveCount(0);
  await page.getByTestId('experiment-new').click();
  await expect(form.getByTestId('experiment-name')).toHaveValue('');
  await expect(form.getByTestId('experiment-arm-2')).toHaveCount(0);
  await expect(form.getByTestId('experiment-draft-kept')).toHaveCount(0);
});
