// twitter-text's own conformance suites (Apache-2.0 test data vendored in tests/fixtures/twitter-text):
// our X counting and entity extraction must agree with every case.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { extractHashtags, extractMentions, extractUrls, measure } from '../../shared/text-rules';

interface Case<Expected> {
  description: string;
  text: string;
  expected: Expected;
}

interface WeightedExpected {
  weightedLength: number;
  valid: boolean;
}

const dir = path.resolve(__dirname, '../fixtures/twitter-text');

function load<T>(file: string): T {
  return parse(readFileSync(path.join(dir, file), 'utf8')) as T;
}

const validate = load<{ tests: { WeightedTweetsWithDiscountedEmojiCounterTest: Case<WeightedExpected>[] } }>(
  'validate.yml',
);
const extract = load<{
  tests: { hashtags: Case<string[]>[]; mentions: Case<string[]>[]; urls: Case<string[]>[] };
}>('extract.yml');

/** Prefixes the case number so repeated descriptions stay distinct. */
function named<T>(cases: Case<T>[]): [string, Case<T>][] {
  return cases.map((c, i) => [`#${i + 1} ${c.description}`, c]);
}

describe('validate.yml WeightedTweetsWithDiscountedEmojiCounterTest (X v3 weighting)', () => {
  const cases = validate.tests.WeightedTweetsWithDiscountedEmojiCounterTest;

  it('has cases to run', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(named(cases))('%s', (_name, c) => {
    const m = measure('x', c.text);
    expect({ weightedLength: m.length, valid: m.valid }).toEqual({
      weightedLength: c.expected.weightedLength,
      valid: c.expected.valid,
    });
  });
});

const extractors = [
  ['hashtags', extract.tests.hashtags, extractHashtags],
  ['mentions', extract.tests.mentions, extractMentions],
  ['urls', extract.tests.urls, extractUrls],
] as const;

for (const [section, cases, fn] of extractors) {
  describe(`extract.yml ${section}`, () => {
    it('has cases to run', () => {
      expect(cases.length).toBeGreaterThan(0);
    });

    it.each(named(cases))('%s', (_name, c) => {
      expect(fn(c.text)).toEqual(c.expected);
    });
  });
}
