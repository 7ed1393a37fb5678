import { isBlank } from './counting';
import { RUN_BUDGET } from './pieces';
import { RULES, resolveField } from './platforms';
import { PLATFORM_NAMES, type Field, type Measure, type MeasureOptions, type Platform, type Unit } from './types';

const UNIT_WORDS: Readonly<Record<Unit, string>> = {
  weighted: 'weighted characters',
  graphemes: 'characters',
  characters: 'characters',
  bytes: 'bytes',
};

const FIELD_PREFIX: Readonly<Record<Field, string>> = { text: '', title: 'Title: ', description: 'Description: ' };

/**
 * Measures `text` against one platform's rules. `field` defaults to the platform's main
 * field ('description' on YouTube and Pinterest, 'text' elsewhere); fields a platform does
 * not have fall back to that default, and the result says which field was measured.
 */
export function measure(platform: Platform, text: string, opts: MeasureOptions = {}): Measure {
  const field = resolveField(platform, opts.field);
  const draft = RULES[platform](text, field, opts);
  const problems: string[] = [];
  if (draft.requireText && isBlank(text)) problems.push('Text is empty');
  if (draft.length > draft.limit) {
    const count = draft.atLeast ? `at least ${draft.length}` : `${draft.length}`;
    problems.push(
      `${FIELD_PREFIX[field]}${count} ${UNIT_WORDS[draft.unit]}; ${PLATFORM_NAMES[platform]} allows at most ${draft.limit}`,
    );
  } else if (draft.atLeast) {
    // Part of the text was too long to count: never call it valid on a guess.
    problems.push(
      `${FIELD_PREFIX[field]}at least ${draft.length} ${UNIT_WORDS[draft.unit]}, but its long stretches without ` +
        `a space or line break (over ${RUN_BUDGET} characters in all) are too much to count the way ` +
        `${PLATFORM_NAMES[platform]} does; break them up or shorten them`,
    );
  }
  problems.push(...draft.problems);
  return {
    platform,
    field,
    length: draft.length,
    ...(draft.atLeast ? { atLeast: true } : {}),
    limit: draft.limit,
    valid: problems.length === 0,
    unit: draft.unit,
    notes: draft.notes,
    problems,
  };
}
