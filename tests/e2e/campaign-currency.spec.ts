import type { CampaignDto } from '../../shared/contract/features/campaigns';
import { expect, test } from './support/fixtures';
import { rpc } from './support/host';

/**
 * A creator in Germany: amounts typed and read as de-DE writes them, each campaign in its own
 * currency, and totals kept apart per currency.
 */
test.describe('campaign currencies in de-DE', () => {
  test.use({ locale: 'de-DE' });

  test('creates a campaign in EUR with a German amount, reads it back with €, and never adds it to one in yen', async ({ page, host, openApp }) => {
    await openApp(host, '#/campaigns');
    await page.getByTestId('campaign-new').click();
    const editor = page.getByTestId('campaign-editor');
    // No campaign yet: the currency of the creator's locale, with nothing to check.
    await expect(editor.getByTestId('campaign-currency')).toHaveValue('EUR');
    await expect(editor.getByTestId('campaign-currency-unknown')).toHaveCount(0);
    await editor.getByTestId('campaign-currency').selectOption('EUR');
    await expect(editor.getByText('Cost (EUR)')).toBeVisible();
    await editor.getByTestId('campaign-name').fill('Herbstaktion');
    await editor.getByTestId('campaign-cost').fill('1.250,50');
    await editor.getByTestId('campaign-revenue').fill('3.000');
    await editor.getByTestId('campaign-save').click();
    await expect(editor).toHaveCount(0);

    const autumn = page.getByTestId('campaign-row').filter({ hasText: 'Herbstaktion' });
    await expect(autumn.getByTestId('campaign-cost-value')).toHaveText(/^1\.250,50\s€$/);
    await expect(autumn.getByTestId('campaign-revenue-value')).toHaveText(/^3\.000,00\s€$/);
    // Its return beside the money in the same locale: the team's "number, space, %" with a German comma.
    await expect(autumn.getByTestId('campaign-roi')).toHaveText('+139,9 %');
    const [saved] = await rpc<CampaignDto[]>(host, 'campaigns:list', {});
    expect(saved).toMatchObject({ name: 'Herbstaktion', currency: 'EUR', costCents: 125_050, revenueCents: 300_000 });

    // Editing shows the amount as it was typed.
    await autumn.getByTestId('campaign-edit').click();
    await expect(editor.getByTestId('campaign-cost')).toHaveValue('1.250,50');
    await editor.getByTestId('campaign-cancel').click();

    // The next one starts in the currency used last; yen have no smaller unit.
    await page.getByTestId('campaign-new').click();
    await expect(editor.getByTestId('campaign-currency')).toHaveValue('EUR');
    await editor.getByTestId('campaign-name').fill('Tokio');
    await editor.getByTestId('campaign-currency').selectOption('JPY');
    await editor.getByTestId('campaign-cost').fill('12,5');
    await editor.getByTestId('campaign-save').click();
    await expect(editor.getByTestId('campaign-error-cost')).toHaveText('JPY has no smaller unit: enter the cost as a whole amount such as 1.250');
    await editor.getByTestId('campaign-cost').fill('1.250');
    await editor.getByTestId('campaign-save').click();
    await expect(editor).toHaveCount(0);
    const tokyo = page.getByTestId('campaign-row').filter({ hasText: 'Tokio' });
    await expect(tokyo.getByTestId('campaign-cost-value')).toHaveText(/^1\.250\s¥$/);

    // One campaign per currency: each row says its own amounts, nothing to add up.
    const totals = page.getByTestId('campaign-totals');
    await expect(totals).toHaveCount(0);
    // Totals per currency once there is something to add, said not to add up across them.
    await rpc(host, 'campaigns:save', { name: 'Winteraktion', currency: 'EUR', costCents: 50_000 });
    await openApp(host, '#/campaigns');
    await expect(totals.getByTestId('campaign-total')).toHaveText([/^2 campaigns in EUR: cost 1\.750,50\s€, revenue 3\.000,00\s€$/, /^1 campaign in JPY: cost 1\.250\s¥, revenue 0\s¥$/]);
    await expect(totals).toContainText('Amounts in different currencies are not added together');
  });
});

/**
 * A creator whose locale names no country: es-419 is Spanish for Latin America, where no one
 * currency is used. Euros would be a wrong guess (Spain's); the editor starts in US dollars and
 * says so beside the select until the creator picks.
 */
test.describe('campaign currencies in es-419', () => {
  test.use({ locale: 'es-419' });

  test('starts a new campaign in USD and asks the creator to pick, instead of guessing euros', async ({ page, host, openApp }) => {
    await openApp(host, '#/campaigns');
    await page.getByTestId('campaign-new').click();
    const editor = page.getByTestId('campaign-editor');
    const select = editor.getByTestId('campaign-currency');
    await expect(select).toHaveValue('USD');
    const note = editor.getByTestId('campaign-currency-unknown');
    await expect(note).toHaveText('Your locale (es-419) names no country, so this starts in USD (US Dollar): pick the currency you are paid in.');
    await expect(select).toHaveAttribute('aria-describedby', 'campaign-currency-note');
    await select.selectOption('MXN');
    await expect(note).toHaveCount(0);
    await editor.getByTestId('campaign-name').fill('Campaña de otoño');
    await editor.getByTestId('campaign-save').click();
    await expect(editor).toHaveCount(0);
    const [saved] = await rpc<CampaignDto[]>(host, 'campaigns:list', {});
    expect(saved).toMatchObject({ name: 'Campaña de otoño', currency: 'MXN' });
    // The next one starts in the currency used last: nothing left to check.
    await page.getByTestId('campaign-new').click();
    await expect(select).toHaveValue('MXN');
    await expect(note).toHaveCount(0);
  });
});
