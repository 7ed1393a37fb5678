import { describe, expect, it } from 'vitest';
import { exampleAmount, moneyProblemText } from '../../renderer/src/features/campaigns/money';

describe('why the campaign form refuses an amount, in the creator’s words', () => {
  it('says a negative cost or revenue is refused and what to enter instead', () => {
    const example = exampleAmount('EUR');
    expect(moneyProblemText('cost', 'negative', 'EUR')).toBe(`The cost can’t be negative: enter 0 or more, such as ${example}`);
    expect(moneyProblemText('revenue', 'negative', 'EUR')).toBe(`The revenue can’t be negative: enter 0 or more, such as ${example}`);
  });

  it('keeps the other reasons apart from the sign', () => {
    expect(moneyProblemText('cost', 'invalid', 'EUR')).toBe(`Enter the cost as an amount such as ${exampleAmount('EUR')}`);
    expect(moneyProblemText('cost', 'decimals', 'JPY')).toMatch(/^JPY has no smaller unit/);
  });
});
