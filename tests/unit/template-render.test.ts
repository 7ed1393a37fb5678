import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, splitThread, variableKey, wordsFound } from '../../shared/domain/template-text';

describe('parsing template variables', () => {
  it('lists each variable once, in the order the body first uses it', () => {
    const { variables, problems } = parseTemplate('{product} helps {audience}. Try {product} for {benefit}.');
    expect(variables.map((v) => v.key)).toEqual(['product', 'audience', 'benefit']);
    expect(problems).toEqual([]);
  });

  it('treats case and spacing inside the braces as the same variable, keeping the first spelling as the label', () => {
    const { variables } = parseTemplate('{Target  Audience} and { target audience } and {TARGET AUDIENCE}');
    expect(variables).toEqual([{ key: 'target audience', label: 'Target Audience' }]);
  });

  it('accepts names in any alphabet with digits, hyphens, underscores and apostrophes', () => {
    const { variables, problems } = parseTemplate('{größe} {tip_1} {call-to-action} {creator’s name} {O\'Brien} {価格}');
    expect(variables.map((v) => v.key)).toEqual(['größe', 'tip_1', 'call-to-action', 'creator’s name', "o'brien", '価格']);
    expect(problems).toEqual([]);
  });

  it('reads {{ and }} as literal braces, not variables', () => {
    const { variables, tokens } = parseTemplate('Use {{product}} literally, then {product}');
    expect(variables.map((v) => v.key)).toEqual(['product']);
    expect(tokens[0]).toEqual({ kind: 'text', text: 'Use {product} literally, then ' });
  });

  it('reports a brace that never closes on its line, naming the line', () => {
    const { variables, problems } = parseTemplate('first line\nBuy {product now\n{benefit}');
    expect(variables.map((v) => v.key)).toEqual(['benefit']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ text: '{product now', line: 1 });
    expect(problems[0]!.message).toMatch(/never closed/);
  });

  it('reports brace groups that cannot be names, saying why', () => {
    const { variables, problems } = parseTemplate('{} {1st tip} {price!} {' + 'a'.repeat(41) + '}');
    expect(variables).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/is empty/),
      expect.stringMatching(/does not start with a letter/),
      expect.stringMatching(/characters a name can’t have/),
      expect.stringMatching(/longer than 40 characters/),
    ]);
  });

  it('does not let a variable reach across a line break or swallow another brace', () => {
    const { variables, problems } = parseTemplate('{a\nb} {outer {inner}');
    expect(variables.map((v) => v.key)).toEqual(['inner']);
    expect(problems.map((p) => p.text)).toEqual(['{a', '{outer ']);
  });

  it('normalises keys the same way for values', () => {
    expect(variableKey('  Call   To Action ')).toBe('call to action');
  });
});

describe('rendering a template', () => {
  it('fills every occurrence of each variable', () => {
    const r = renderTemplate('{product} gives {benefit}. {Product}!', { product: 'Loomcast', benefit: 'calm mornings' });
    expect(r).toEqual({ text: 'Loomcast gives calm mornings. Loomcast!', missing: [], unknown: [] });
  });

  it('matches values to variables regardless of case and spacing in the value names', () => {
    expect(renderTemplate('Hi {target audience}', { 'Target  Audience': 'makers' }).text).toBe('Hi makers');
  });

  it('reports unfilled and blank variables once each and leaves them visible as written', () => {
    const r = renderTemplate('{product} for { audience }, {benefit}, {product}', { product: '', audience: '   ' });
    expect(r.missing).toEqual(['product', 'audience', 'benefit']);
    expect(r.text).toBe('{product} for { audience }, {benefit}, {product}');
  });

  it('reports values for names the template does not have', () => {
    const r = renderTemplate('Try {product}', { product: 'Loomcast', prodcut: 'typo', Extra: 'x' });
    expect(r.unknown).toEqual(['prodcut', 'extra']);
    expect(r.text).toBe('Try Loomcast');
  });

  it('does not fill in variables that appear inside a value', () => {
    const r = renderTemplate('{a} and {b}', { a: '{b}', b: 'bee' });
    expect(r.text).toBe('{b} and bee');
    expect(r.missing).toEqual([]);
  });

  it('keeps dollar signs and regex-looking text in values exactly as typed', () => {
    expect(renderTemplate('Price: {price}', { price: '$& $1 \\n' }).text).toBe('Price: $& $1 \\n');
  });

  it('writes literal braces for {{ and }} and keeps unfixable groups as they were', () => {
    expect(renderTemplate('{{x}} {x} {9}', { x: 'y' }).text).toBe('{x} y {9}');
  });

  it('renders a body without variables unchanged', () => {
    expect(renderTemplate('Just text, no variables.\nTwo lines.', {})).toEqual({ text: 'Just text, no variables.\nTwo lines.', missing: [], unknown: [] });
  });
});

describe('splitting a thread', () => {
  it('splits at lines that hold only --- and trims each part', () => {
    expect(splitThread('First post\n---\nSecond\n  ---  \nThird\n---')).toEqual(['First post', 'Second', 'Third']);
  });

  it('keeps dashes that are part of a sentence and drops empty parts', () => {
    expect(splitThread('A --- B\n---\n\n---\nC')).toEqual(['A --- B', 'C']);
  });

  it('handles Windows line endings', () => {
    expect(splitThread('one\r\n---\r\ntwo')).toEqual(['one', 'two']);
  });
});

describe('finding a voice’s words in a text', () => {
  it('finds whole words and phrases regardless of case, not parts of other words', () => {
    const text = 'Our Game-changer is cheaper than ever. Leverage it!';
    expect(wordsFound(text, ['game-changer', 'cheap', 'leverage', 'synergy', 'than ever'])).toEqual(['game-changer', 'leverage', 'than ever']);
  });

  it('ignores empty words and treats regex characters literally', () => {
    expect(wordsFound('Costs $5 (really)', ['', '$5', '(really)', '.*'])).toEqual(['$5', '(really)']);
  });
});
