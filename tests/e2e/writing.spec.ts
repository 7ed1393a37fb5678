import { expect, test } from './support/fixtures';
import { rpc } from './support/host';
import { needKeychain } from './support/keychain';
import { startOpenAiFake, type OpenAiFake } from '../fakes/ai/openai-server';

let fake: OpenAiFake;
test.beforeAll(async () => {
  fake = await startOpenAiFake();
  fake.models = [{ id: 'llama3.1', label: 'llama3.1' }];
});
test.afterAll(async () => {
  await fake.stop();
});

test('Settings → Writing: a local model says the text stays on this computer; its key goes to the keychain; the connection test answers in words', async ({ page, host, openApp }) => {
  await needKeychain(host, 'Saving a model key');
  await openApp(host, '#/settings');
  const card = page.getByTestId('settings-writing');
  await expect(card.getByTestId('writing-where')).toContainText('offline writer');

  await card.getByTestId('writing-kind-openai').click();
  await card.getByTestId('writing-base-url').fill(`${fake.url}/v1`);
  await card.getByTestId('writing-model').fill('llama3.1');
  await card.getByTestId('writing-label').fill('Ollama');
  await card.getByTestId('writing-save').click();
  await expect(card.getByTestId('writing-where')).toHaveText('Drafts are written on this computer (Ollama, llama3.1).');

  await card.getByTestId('writing-key').fill(fake.apiKey);
  await card.getByTestId('writing-save-key').click();
  await expect(card.getByTestId('writing-key-state')).toContainText('saved in the system keychain');
  await expect(card.getByTestId('writing-key')).toHaveValue('');

  await card.getByTestId('writing-test').click();
  await expect(card.getByTestId('writing-test-result')).toBeVisible();
  expect(fake.requests.some((r) => r.path === '/v1/models' && r.headers.authorization === `Bearer ${fake.apiKey}`)).toBe(true);
});

test('Settings → Writing: a model per task from the tested list, an empty task left to the main model, and two requests at once', async ({ page, host, openApp }) => {
  fake.models = [
    { id: 'llama3.1', label: 'llama3.1' },
    { id: 'qwen2.5:3b', label: 'qwen2.5:3b' },
  ];
  await needKeychain(host, 'Testing the connection with a model key');
  await rpc(host, 'writing:setKey', { key: fake.apiKey });
  await openApp(host, '#/settings');
  const card = page.getByTestId('settings-writing');
  await card.getByTestId('writing-kind-openai').click();
  await card.getByTestId('writing-base-url').fill(`${fake.url}/v1`);
  await card.getByTestId('writing-model').fill('llama3.1');
  await card.getByTestId('writing-save').click();
  await expect(card.getByTestId('writing-where')).toContainText('llama3.1');

  // The models the connection test found are offered for each task.
  await card.getByTestId('writing-test').click();
  await expect(card.getByTestId('writing-test-result')).toBeVisible();
  await expect(card.locator('#writing-models option[value="qwen2.5:3b"]')).toHaveCount(1);
  await expect(card.getByTestId('writing-task-model-rewrites')).toHaveAttribute('list', 'writing-models');
  await expect(card.getByTestId('writing-task-model-drafts')).toHaveAttribute('placeholder', 'llama3.1');

  await card.getByLabel('Rewrites (for a platform, shorter, as a thread)').fill('qwen2.5:3b');
  await card.getByTestId('writing-concurrency-2').click();
  await card.getByTestId('writing-save').click();
  await expect(card.getByTestId('writing-problem')).toHaveCount(0);
  await expect
    .poll(async () => (await rpc<{ provider: { taskModels: object; concurrency: number } | null }>(host, 'writing:get')).provider)
    .toMatchObject({ model: 'llama3.1', taskModels: { rewrites: 'qwen2.5:3b' }, concurrency: 2 });
  const saved = await rpc<{ provider: { taskModels: Record<string, string> } }>(host, 'writing:get');
  expect(saved.provider.taskModels).not.toHaveProperty('drafts');

  // After a reload the choices are shown as saved.
  await page.reload();
  await expect(card.getByTestId('writing-task-model-rewrites')).toHaveValue('qwen2.5:3b');
  await expect(card.getByTestId('writing-concurrency-2').getByRole('radio')).toBeChecked();
});
