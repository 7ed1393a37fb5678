import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';
import { seedHistory, seeder } from '../support/analytics-seed';

/**
 * A creator in Germany reads every number as de-DE writes it, as campaign money already is
 * (campaign-currency.spec.ts): counts grouped with ".", rates with a decimal comma, and the
 * team's "number, space, %"; a rate typed the same way is read back as the same rate.
 */
test.describe('numbers in de-DE', () => {
  test.use({ locale: 'de-DE' });

  function seed(host: RunningHost, now: number): void {
    const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
    try {
      const s = seeder(db, now);
      seedHistory(s, [{ id: s.account('linkedin', 'Loom Studio'), platform: 'linkedin' }], now, 30);
    } finally {
      db.close();
    }
  }

  test('analytics writes rates with a decimal comma, and a target rate typed as "2,5" is 2.5 %', async ({ page, host, openApp }) => {
    test.setTimeout(60_000);
    seed(host, Date.now());
    await openApp(host, '#/analytics');
    await page.getByTestId('analytics-preset').selectOption('90');
    await expect(page.getByTestId('analytics-rate-value')).toHaveText(/^\d+,\d %$/);
    await expect(page.getByTestId('analytics-views-value')).toHaveText(/^\d{1,3}(\.\d{3})*$/);
    await expect(page.getByTestId('analytics-band-words').first()).toHaveText(/^\d+,\d % from \d+ posts: .* the 3,0 %–5,0 % target$/);

    await page.getByTestId('analytics-bands-open').click();
    const editor = page.getByTestId('analytics-bands-editor');
    const low = editor.getByLabel('linkedin low end, percent', { exact: true });
    await expect(low).toHaveValue('3');
    await low.fill('2,5');
    await editor.getByRole('button', { name: 'Save targets' }).click();
    await expect(editor).toHaveCount(0);
    const bands = await rpc<{ platform: string; low: number }[]>(host, 'analytics:bands', {});
    expect(bands.find((b) => b.platform === 'linkedin')?.low).toBeCloseTo(0.025, 10);
    await page.getByTestId('analytics-bands-open').click();
    await expect(low).toHaveValue('2,5');
  });
});
