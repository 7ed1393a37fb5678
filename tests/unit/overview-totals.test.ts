import { describe, expect, it } from 'vitest';
import { totalsOf, type TotalsRow } from '../../electron/core/analytics/overview-sql';

const row = (r: Partial<TotalsRow>): TotalsRow => ({ posts: 0, views: null, viewsReported: 0, engagements: null, engagementsReported: 0, re: null, rr: null, rateReported: 0, newest: null, ...r });

describe('the overview’s totals from its per-platform totals', () => {
  it('adds what was reported and keeps "not reported" apart from zero', () => {
    const x = row({ posts: 3, views: 300, viewsReported: 3, engagements: 12, engagementsReported: 3, re: 12, rr: 300, rateReported: 3, newest: 50 });
    const masto = row({ posts: 2, views: null, viewsReported: 0, engagements: 0, engagementsReported: 2, newest: 70 });
    expect(totalsOf([x, masto])).toEqual({ posts: 5, views: 300, viewsReported: 3, engagements: 12, engagementsReported: 5, re: 12, rr: 300, rateReported: 3, newest: 70 });
    // Nothing reported anywhere: null, as SQL's sum() of nothing is; a reported zero stays zero.
    expect(totalsOf([masto])).toMatchObject({ views: null, engagements: 0, re: null, newest: 70 });
    expect(totalsOf([])).toEqual(row({}));
  });
});
