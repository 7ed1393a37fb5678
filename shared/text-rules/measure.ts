import { isBlank } from './counting';
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
    problems.push(
      `${FIELD_PREFIX[field]}${draft.length} ${UNIT_WORDS[draft.unit]}; ${PLATFORM_NAMES[platform]} allows at most ${draft.limit}`,
    );
  }
  problems.push(...draft.problems);
  return {
    platform,
    field,
    length: draft.length,
    limit: draft.limit,
    valid: problems.length === 0,
    unit: draft.unit,
    notes: draft.notes,
    problems,
  };
}
