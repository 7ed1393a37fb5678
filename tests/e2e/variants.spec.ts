import { startOpenAiFake, type OpenAiFake } from '../fakes/ai/openai-server';
import { startMastodonFake, type StartedMastodonFake } from '../fakes/mastodon';
import { expect, test } from './support/fixtures';
import { rpc } from './support/host';
import { connectMastodonInPanel } from './support/mastodon';
import { needKeychain } from './support/keychain';
import { openTemplate } from './support/templates';

const THREE = {
  variants: [
    { text: 'Knife skills night: one cut, ten minutes, every weeknight. Follow for more #cooking', hook: 'Knife skills night', cta: 'Follow for more' },
    { text: 'Dull knife, slow dinner. Sharpen once a week and follow along for the rest #kitchen', hook: 'Dull knife, slow dinner', cta: 'Follow along' },
    { text: 'I cut prep time in half with one grip change. Want the next one? Follow #knifeskills', hook: 'I cut prep time in half', cta: 'Follow' },
  ],
};

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

test('pick a template, ask for three variants, watch them stream in, approve one in Review', async ({ page, host, openApp }) => {
  test.setTimeout(90_000);
  await needKeychain(host, 'Connecting an account and saving a model key');
  await rpc(host, 'writing:set', { provider: { kind: 'openai', baseURL: `${ai.url}/v1`, model: 'llama3.1', label: 'Ollama' } });
  await rpc(host, 'writing:setKey', { key: ai.apiKey });
  const voice = await rpc<{ id: string }>(host, 'voices:save', { name: 'Chef next door', tone: 'brisk and encouraging' });
  // Small pieces, so the text visibly arrives piece by piece.
  ai.script({ json: THREE });

  await openApp(host);
  await connectMastodonInPanel(page, mastodon, { openPanel: true });
  const [account] = await rpc<{ id: string }[]>(host, 'accounts:list');

  await page.getByTestId('nav-library').click();
  await openTemplate(page, 'cta', 'Follow for more');
  const detail = page.getByTestId('template-detail');
  await detail.getByTestId('template-var-topic').fill('knife skills');
  await detail.getByTestId('template-var-cadence').fill('weeknight');
  const variants = detail.getByTestId('variants');
  await expect(variants.getByTestId('variants-where')).toHaveText('Written on this computer (Ollama, llama3.1).');
  await variants.getByTestId(`variants-account-${account!.id}`).click();
  await expect(variants.getByTestId('variants-voice')).toHaveValue('');
  await variants.getByTestId('variants-voice').selectOption(voice.id);
  await variants.getByTestId('variants-start').click();

  await expect(variants.getByTestId('variants-text')).toHaveCount(3);
  for (const [i, v] of THREE.variants.entries()) await expect(variants.getByTestId('variants-text').nth(i)).toHaveText(v.text);
  await expect(variants.getByTestId('variants-job')).toHaveAttribute('data-state', 'done');
  // The model was asked for exactly three variants of the template's words.
  const asked = ai.requests.find((r) => r.path === '/v1/chat/completions');
  expect(JSON.stringify(asked?.body)).toContain('knife skills');
  // …in the voice picked.
  expect(JSON.stringify(asked?.body)).toContain('brisk and encouraging');

  await variants.getByTestId('variants-open-review').click();
  await expect(page.getByTestId('review-item')).toHaveCount(3);
  await page.getByTestId('review-item').filter({ hasText: 'Dull knife' }).click();
  await page.getByTestId('review-approve').click();
  await expect(page.getByTestId('review-item')).toHaveCount(2);
});
