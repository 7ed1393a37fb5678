import { describe, expect, it } from 'vitest';
import { bestTimesMeasureWords, bestTimeValue, pct } from '../../renderer/src/features/analytics/format';

describe('how a best-times number reads', () => {
  it('shows a rate as a percentage', () => {
    expect(bestTimeValue(0.034, 'rate')).toBe('3.4 %');
    expect(bestTimeValue(null, 'rate')).toBe('no rate');
    expect(bestTimesMeasureWords('rate')).toBe('Median engagement rate');
  });

  it('shows engagements as a count, never as a percentage (Bluesky, Mastodon report no views)', () => {
    expect(bestTimeValue(12, 'engagements')).toBe('12 engagements');
    expect(bestTimeValue(12.5, 'engagements')).toBe('12.5 engagements');
    expect(bestTimeValue(1, 'engagements')).toBe('1 engagement');
    expect(bestTimeValue(1200, 'engagements')).toBe('1,200 engagements');
    expect(bestTimeValue(null, 'engagements')).toBe('not reported');
    expect(bestTimesMeasureWords('engagements')).toMatch(/^Median engagements .*no rate/);
  });
});

describe('how an engagement rate reads on every analytics screen', () => {
  it('has one digit after the point, whole rates included, and no way to ask for another', () => {
    expect(pct(0.0557)).toBe('5.6 %');
    expect(pct(0.06)).toBe('6.0 %');
    expect(pct(0.0004)).toBe('0.0 %');
    expect(pct(null)).toBe('no rate');
    expect(bestTimeValue(0.06, 'rate')).toBe(pct(0.06));
    // @ts-expect-error One rule for every rate: the card, the tables, the bands and best times alike.
    expect(pct(0.0557, 2)).toBe('5.6 %');
  });
});
