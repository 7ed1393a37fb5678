import { describe, expect, it } from 'vitest';
import { createMeasureCache, createPreviewCache, type CheckedRow } from '../../electron/core/features/io/check-cache';
import { IMPORT_FIELDS, type ImportFieldsDto } from '../../shared/contract/features/io';
import { measure } from '../../shared/text-rules';

const fields = (text: string, more: Partial<ImportFieldsDto> = {}): ImportFieldsDto => ({
  ...(Object.fromEntries(IMPORT_FIELDS.map((f) => [f, ''])) as ImportFieldsDto),
  when: '2030-01-02 09:30',
  text,
  ...more,
});

const checked = (line: number, f: ImportFieldsDto): CheckedRow => ({
  result: { line, fields: f, skip: false, errors: [], warnings: [], at: null, zone: 'Europe/Berlin', targets: [], mediaCount: 0 },
  plan: null,
});

describe('what an import keeps from its preview for the commit', () => {
  it('answers a line’s check only while every one of its fields is the same, under the same token and circumstances', () => {
    const cache = createPreviewCache();
    const rows = [checked(2, fields('First post')), checked(3, fields('Second post', { accounts: 'x' })), checked(4, fields('Second post', { accounts: 'x' }))];
    const token = cache.keep('here', rows);
    const lookup = cache.lookup(token, 'here')!;
    expect(lookup(2, fields('First post'))).toBe(rows[0]);
    // Same words on another line: that line's own check, never a neighbour's.
    expect(lookup(4, fields('Second post', { accounts: 'x' }))).toBe(rows[2]);
    expect(lookup(5, fields('Second post', { accounts: 'x' }))).toBeUndefined();
    // Any field edited since, in any column, means a fresh check.
    for (const f of IMPORT_FIELDS) expect(lookup(3, { ...fields('Second post', { accounts: 'x' }), [f]: `${rows[1]!.result.fields[f]}!` }), f).toBeUndefined();
    // Other circumstances (accounts, options, campaigns) or a token never given: nothing is reused.
    expect(cache.lookup(token, 'elsewhere')).toBeNull();
    expect(cache.lookup('not-a-token', 'here')).toBeNull();
    expect(cache.lookup(undefined, 'here')).toBeNull();
    cache.forget(token);
    expect(cache.lookup(token, 'here')).toBeNull();
  });

  it('keeps two previews at most, dropping the oldest', () => {
    const cache = createPreviewCache();
    const tokens = [1, 2, 3].map((n) => cache.keep('here', [checked(2, fields(`Post ${n}`))]));
    expect(cache.lookup(tokens[0], 'here')).toBeNull();
    expect(cache.lookup(tokens[1], 'here')!(2, fields('Post 2'))).toBeDefined();
    expect(cache.lookup(tokens[2], 'here')!(2, fields('Post 3'))).toBeDefined();
  });

  it('measures a text once per platform, and each platform by its own rules', () => {
    const problems = createMeasureCache();
    const long = `${'word '.repeat(70)}the end`; // 357 characters: over X's and Bluesky's limits, within Mastodon's 500.
    expect(problems('x', long)).toEqual(measure('x', long).problems);
    expect(problems('bluesky', long)).toEqual(measure('bluesky', long).problems);
    expect(problems('mastodon', long)).toEqual([]);
    expect(problems('x', long).length).toBeGreaterThan(0);
    // Asked again, the same answer (the very same list: kept, not measured anew).
    expect(problems('x', long)).toBe(problems('x', long));
    expect(problems('bluesky', long)).not.toBe(problems('x', long));
  });
});
