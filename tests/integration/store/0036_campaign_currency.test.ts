import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 35 → 36: each campaign has a currency. Those saved before take the one of the creator's
// locale (Settings), else USD, with their amounts (kept as hundredths) counted in its minor unit.
describe('migration 0036_campaign_currency', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  let n = 0;

  /** Campaigns (id, cost, revenue in hundredths) under a locale setting (absent: none saved), after migrating to 36. */
  function migrate(locale: string | null, campaigns: [string, number, number][]) {
    expect(MIGRATIONS[35]?.name).toBe('campaign_currency');
    const path = join(dir.path, `currency-${++n}.sqlite`);
    const v35 = openStore(path, MIGRATIONS.slice(0, 35));
    if (locale !== null) v35.db.prepare("INSERT INTO settings (key, value) VALUES ('locale', ?)").run(JSON.stringify(locale));
    for (const [id, cost, revenue] of campaigns) {
      v35.db.prepare('INSERT INTO campaigns (id, name, cost_cents, revenue_cents, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)').run(id, id, cost, revenue);
    }
    v35.close();
    const v36 = openStore(path, MIGRATIONS.slice(0, 36));
    try {
      expect(v36.schemaVersion).toBe(36);
      expect(v36.db.pragma('integrity_check', { simple: true })).toBe('ok');
      return v36.db.prepare('SELECT id, currency, cost_cents AS cost, revenue_cents AS revenue FROM campaigns ORDER BY id').all();
    } finally {
      v36.close();
    }
  }

  it("gives existing campaigns the currency of the creator's locale, their amounts as they were", () => {
    expect(migrate('de-DE', [['a', 125_050, 0], ['b', 0, 9_900]])).toEqual([
      { id: 'a', currency: 'EUR', cost: 125_050, revenue: 0 },
      { id: 'b', currency: 'EUR', cost: 0, revenue: 9_900 },
    ]);
    expect(migrate('en-GB', [['a', 100, 200]])).toEqual([{ id: 'a', currency: 'GBP', cost: 100, revenue: 200 }]);
    // A region after a script; a language alone; extension keys are not regions (-u-ca- is not Canada).
    expect(migrate('zh-Hans-CN', [['a', 1, 1]])).toEqual([{ id: 'a', currency: 'CNY', cost: 1, revenue: 1 }]);
    expect(migrate('fr', [['a', 1, 1]])).toEqual([{ id: 'a', currency: 'EUR', cost: 1, revenue: 1 }]);
    expect(migrate('en-GB-u-ca-gregory', [['a', 1, 1]])).toEqual([{ id: 'a', currency: 'GBP', cost: 1, revenue: 1 }]);
  });

  it('falls back to USD without a locale setting, or with one that names no currency we know', () => {
    expect(migrate(null, [['a', 5_000, 7_500]])).toEqual([{ id: 'a', currency: 'USD', cost: 5_000, revenue: 7_500 }]);
    expect(migrate('sq-AL', [['a', 5_000, 7_500]])).toEqual([{ id: 'a', currency: 'USD', cost: 5_000, revenue: 7_500 }]);
  });

  it('counts hundredths again in a currency with other digits, and keeps USD where rounding would lose some', () => {
    // ja-JP: "120" was kept as 12000 and is ¥120; "120.50" can't be yen without rounding, so it stays in USD.
    expect(migrate('ja-JP', [['whole', 12_000, 30_000], ['cents', 12_050, 0]])).toEqual([
      { id: 'cents', currency: 'USD', cost: 12_050, revenue: 0 },
      { id: 'whole', currency: 'JPY', cost: 120, revenue: 300 },
    ]);
    // ar-KW: 12.05 is 12.050 KWD, 12050 fils.
    expect(migrate('ar-KW', [['a', 1_205, 0]])).toEqual([{ id: 'a', currency: 'KWD', cost: 12_050, revenue: 0 }]);
  });

  it('keeps a campaign written without a currency in USD and refuses a code that is not one', () => {
    const path = join(dir.path, 'defaults.sqlite');
    const store = openStore(path, MIGRATIONS.slice(0, 36));
    try {
      store.db.exec("INSERT INTO campaigns (id, name, created_at, updated_at) VALUES ('a', 'A', 1, 1)");
      expect(store.db.prepare("SELECT currency FROM campaigns WHERE id = 'a'").pluck().get()).toBe('USD');
      expect(() => store.db.exec("INSERT INTO campaigns (id, name, currency, created_at, updated_at) VALUES ('b', 'B', 'eur', 1, 1)")).toThrow(/CHECK constraint/);
    } finally {
      store.close();
    }
  });
});
