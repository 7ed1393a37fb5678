import { expect, test } from './support/fixtures';
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
