import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignDto } from '../../shared/contract/features/campaigns';
import { call, createTestCore, refusalOf, type TestCore } from '../support/core';

// Each campaign has a currency; its amounts are counts of that currency's minor unit.
describe('campaign currencies', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  const save = (input: Record<string, unknown>) => call<CampaignDto>(t.core, 'campaigns:save', input);

  it('saves a currency with a campaign, keeps it on edits that leave it out, and changes it when asked', async () => {
    t = await createTestCore({ locale: 'en-GB' });
    const spring = await save({ name: 'Spring', currency: 'eur', costCents: 125_050, revenueCents: 300_000 });
    expect(spring).toMatchObject({ currency: 'EUR', costCents: 125_050, revenueCents: 300_000 });
    expect(spring.roi).toBeCloseTo(1.399, 3);

    t.clock.advance(1_000);
    const renamed = await save({ id: spring.id, name: 'Spring sale', costCents: 125_050 });
    expect(renamed).toMatchObject({ currency: 'EUR', costCents: 125_050 });

    t.clock.advance(1_000);
    const yen = await save({ id: spring.id, name: 'Spring sale', currency: 'JPY', costCents: 1_250 });
    expect(yen).toMatchObject({ currency: 'JPY', costCents: 1_250 });
    expect((await call<CampaignDto[]>(t.core, 'campaigns:list', {})).map((c) => c.currency)).toEqual(['JPY']);
  });

  it("starts a new campaign in the currency used last, else in the one of the creator's locale", async () => {
    t = await createTestCore({ locale: 'de-DE' });
    expect((await save({ name: 'First' })).currency).toBe('EUR');
    t.clock.advance(1_000);
    await save({ name: 'In yen', currency: 'JPY' });
    t.clock.advance(1_000);
    expect((await save({ name: 'Next' })).currency).toBe('JPY');
  });

  it('refuses a currency that is not one, naming the field, and saves nothing', async () => {
    t = await createTestCore();
    for (const currency of ['EURO', 'XYZ', '', 42]) {
      const error = await refusalOf(t.core, 'campaigns:save', { name: 'Launch', currency, costCents: 100 });
      expect(error.code).toBe('invalid_input');
      expect(error.issues?.map((i) => i.path)).toEqual([['currency']]);
    }
    const bad = await refusalOf(t.core, 'campaigns:save', { name: 'Launch', currency: 'EURO' });
    expect(bad.issues?.[0]?.message).toBe('“EURO” is not a currency Loomcast knows: use an ISO 4217 code such as EUR, USD or JPY');
    expect(await call<CampaignDto[]>(t.core, 'campaigns:list', {})).toEqual([]);
  });

  it("caps amounts at 100 million of the campaign's own currency, in its minor units", async () => {
    t = await createTestCore();
    expect((await save({ name: 'Big euro', currency: 'EUR', costCents: 10_000_000_000 })).costCents).toBe(10_000_000_000);
    const yen = await refusalOf(t.core, 'campaigns:save', { name: 'Big yen', currency: 'JPY', costCents: 100_000_001, revenueCents: 100_000_000 });
    expect(yen.code).toBe('invalid_input');
    expect(yen.issues).toEqual([{ path: ['costCents'], message: 'The cost is larger than Loomcast records (up to 100,000,000 JPY)' }]);
    // An edit that leaves the currency out is checked in the campaign's own.
    const [euro] = await call<CampaignDto[]>(t.core, 'campaigns:list', {});
    await save({ id: euro!.id, name: 'Big euro', currency: 'JPY', costCents: 100_000_000 });
    const over = await refusalOf(t.core, 'campaigns:save', { id: euro!.id, name: 'Big euro', revenueCents: 100_000_001 });
    expect(over.issues?.map((i) => i.path)).toEqual([['revenueCents']]);
    expect((await call<CampaignDto[]>(t.core, 'campaigns:list', {})).map((c) => [c.name, c.currency, c.costCents, c.revenueCents])).toEqual([['Big euro', 'JPY', 100_000_000, 0]]);
  });
});
