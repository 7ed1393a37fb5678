import { DateTime } from 'luxon';
import { startOpenAiFake, type OpenAiFake } from '../fakes/ai/openai-server';
import { startMastodonFake, type StartedMastodonFake } from '../fakes/mastodon';
import { expect, test } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';
import { connectMastodon } from './support/mastodon';
import { needKeychain } from './support/keychain';

const ZONE = 'Europe/Berlin';
const WHERE = 'on this computer (Ollama, llama3.1)';

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
test.beforeEach(() => ai.reset());

async function setUpModel(host: RunningHost): Promise<void> {
  await rpc(host, 'writing:set', { provider: { kind: 'openai', baseURL: `${ai.url}/v1`, model: 'llama3.1', label: 'Ollama' } });
  await rpc(host, 'writing:setKey', { key: ai.apiKey });
}

test('an idea written by the model in a chosen voice lands in Review with the model’s words', async ({ page, host, openApp }) => {
  test.setTimeout(90_000);
  await needKeychain(host, 'Connecting an account and saving a model key');
  const { id: accountId } = await connectMastodon(page, host, mastodon);
  await rpc(host, 'ideas:capture', { text: 'Why I sharpen my knives every Sunday', tags: ['cooking'] });
  const voice = await rpc<{ id: string }>(host, 'voices:save', { name: 'Kitchen friend', tone: 'warm and a little dry' });
  const POST = 'Sunday is knife day: ten minutes on the stone and the whole week cooks faster. #cooking';
  ai.script({ json: { text: POST, thread: [] } });

  // No model yet: the button says why it can't be used.
  await openApp(host, '#/ideas');
  const row = page.getByTestId('idea-row').filter({ hasText: 'sharpen my knives' });
  await expect(row.getByTestId('idea-write-model')).toBeDisabled();
  await expect(page.getByTestId('ideas-no-model')).toContainText('Settings → Writing');

  await setUpModel(host);
  await expect(row.getByTestId('idea-write-model')).toBeEnabled();
  await expect(page.getByTestId('ideas-no-model')).toHaveCount(0);
  await row.getByTestId('idea-write-model').click();
  const dialog = page.getByTestId('write-model-dialog');
  await expect(dialog.getByTestId('write-model-where')).toHaveText(`Where the words go: ${WHERE}.`);
  // Asking without an account says what is missing.
  await dialog.getByTestId('write-model-queue').click();
  await expect(dialog.getByTestId('write-model-accounts-error')).toHaveText('Pick at least one account');
  await dialog.getByTestId(`write-model-account-${accountId}`).click();
  await dialog.getByTestId('write-model-voice').selectOption(voice.id);
  await dialog.getByTestId('write-model-queue').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Queued — the draft will appear in Review')).toBeVisible();

  await expect.poll(async () => (await rpc<{ items: { post: { text: string } }[] }>(host, 'review:list', {})).items.map((r) => r.post.text), { timeout: 20_000 }).toEqual([POST]);
  // The model was asked about this idea, in the chosen voice.
  const asked = JSON.stringify(ai.requests.find((r) => r.path === '/v1/chat/completions')?.body);
  expect(asked).toContain('sharpen my knives');
  expect(asked).toContain('warm and a little dry');

  await page.getByTestId('nav-review').click();
  await page.getByTestId('review-item').first().click();
  await expect(page.getByTestId('review-text')).toContainText('Sunday is knife day');
});

test('drafts from Plan a month are handed to the model and Review shows its words', async ({ page, host, openApp }) => {
  test.setTimeout(90_000);
  await needKeychain(host, 'Connecting an account and saving a model key');
  await rpc(host, 'settings:update', { timeZone: ZONE });
  const { id: accountId } = await connectMastodon(page, host, mastodon);
  // Monday and Thursday: any seven days hold one of each, so the week makes two drafts.
  await rpc(host, 'queue:setSlots', { accountId, slots: [{ weekday: 1, time: '09:00' }, { weekday: 4, time: '17:30' }] });
  const pillar = await rpc<{ id: string }>(host, 'pillars:save', { name: 'Tips', color: '#336699' });
  const template = await rpc<{ id: string }>(host, 'templates:save', { name: 'Topic tip', category: 'hook', body: 'A tip about {topic}' });
  await setUpModel(host);
  const FIRST = 'Salt your pasta water like the sea, then taste it. Your sauce will thank you.';
  const SECOND = 'Rest your steak as long as you cooked it. The juice stays in the meat, not on the board.';
  ai.script({ json: { text: FIRST, thread: [] } }, { json: { text: SECOND, thread: [] } });

  await openApp(host, '#/planner');
  await page.getByTestId('planner-start').fill(DateTime.now().setZone(ZONE).plus({ days: 1 }).toISODate()!);
  await page.getByTestId('planner-days').fill('7');
  await page.getByTestId(`planner-pillars-${pillar.id}`).check();
  await page.getByTestId(`planner-templates-${template.id}`).check();
  await page.getByTestId(`planner-accounts-${accountId}`).check();
  await page.getByTestId('planner-preview-button').click();
  await expect(page.getByTestId('planner-row')).toHaveCount(2);
  await page.getByTestId('planner-create').click();

  // With a model set up, the planner stays and offers it the drafts, saying where words go.
  const made = page.getByTestId('planner-made');
  await expect(made).toContainText('2 drafts made, waiting in Review');
  await expect(made.getByTestId('planner-write-model')).toHaveText(`Write them with my model (${WHERE})`);
  // Nothing is sent until asked.
  expect(ai.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(0);
  await made.getByTestId('planner-write-model').click();
  await expect(made.getByTestId('planner-slots-status')).toHaveText('Your model wrote 2 of 2 drafts.', { timeout: 20_000 });

  const texts = (await rpc<{ items: { post: { text: string } }[] }>(host, 'review:list', {})).items.map((r) => r.post.text);
  expect(texts.sort()).toEqual([FIRST, SECOND].sort());
  expect(JSON.stringify(ai.requests.find((r) => r.path === '/v1/chat/completions')?.body)).toContain('A tip about');

  await made.getByTestId('planner-open-review').click();
  await expect(page).toHaveURL(/#\/review$/);
  await expect(page.getByTestId('review-item')).toHaveCount(2);
  await page.getByTestId('review-item').filter({ hasText: 'Salt your pasta' }).click();
  // The model's words are a new version of the offline draft: Review shows what changed.
  await expect(page.getByText('Changes since version 1')).toBeVisible();
  await expect(page.getByTestId('review-text').locator('ins').first()).toBeVisible();
  const kept = () => page.getByTestId('review-text').evaluate((el) => [...el.childNodes].filter((n) => n.nodeName !== 'DEL').map((n) => n.textContent).join(''));
  await expect.poll(kept).toBe(FIRST);
});
