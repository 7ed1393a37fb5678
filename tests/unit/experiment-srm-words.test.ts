/** The Experiments screen's sample-ratio line: no claim before any post has numbers, and its n after. */
import { describe, expect, it } from 'vitest';
import { srmWords } from '../../renderer/src/features/experiments/srm-words';

const arms = (measured: number[]) => measured.map((m, i) => ({ arm: i, label: 'AB'[i]!, text: '', plannedShare: 1, planned: 5, published: m, measured: m, rates: [], mean: null }));

describe('sample-ratio words', () => {
  it('claims nothing about the shares before any post has numbers', () => {
    const words = srmWords({ armsTable: arms([0, 0]), result: { srm: { pValue: null, ok: true, n: 0 } } });
    expect(words).toBe('A 0/5, B 0/5 · shares are checked once posts have numbers');
    expect(words).not.toContain('as planned');
  });

  it('says what the check rests on once posts are out', () => {
    expect(srmWords({ armsTable: arms([4, 3]), result: { srm: { pValue: 0.71, ok: true, n: 7 } } })).toBe('A 4/5, B 3/5 · shares as planned (sample-ratio p 0.71, from 7 posts)');
    expect(srmWords({ armsTable: arms([5, 0]), result: { srm: { pValue: 0.002, ok: false, n: 5 } } })).toBe('A 5/5, B 0/5 · shares off the plan: check the assignment (sample-ratio p 0.0020, from 5 posts)');
  });
});
