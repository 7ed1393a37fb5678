import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, MAX_KEPT_EDITS, edited, keptEdits, readEdits, unsaved, type EditSession } from '../../renderer/src/features/compose/compose-state';

const form = (text: string) => ({ ...EMPTY_FORM, text, platforms: ['mastodon' as const] });
const session = (id: string, typed: string | null, extra: Partial<EditSession> = {}): EditSession => ({
  id,
  version: 2,
  form: form(typed ?? 'As saved'),
  original: form('As saved'),
  ...extra,
});

describe('unfinished edits of posts', () => {
  it('counts a session as unsaved when its words differ from the post or it keeps words from an older version', () => {
    expect(unsaved(undefined)).toBe(false);
    expect(unsaved(session('a', null))).toBe(false);
    expect(edited(session('a', 'Typed'))).toBe(true);
    expect(unsaved(session('a', 'Typed'))).toBe(true);
    const kept = session('a', null, { earlier: { version: 1, form: form('Older words'), at: 1 } });
    expect(edited(kept)).toBe(false);
    expect(unsaved(kept)).toBe(true);
  });

  it('keeps across a reload only what holds unsaved words, the most recently opened first', () => {
    const edits: Record<string, EditSession> = { clean: session('clean', null) };
    for (let n = 0; n < MAX_KEPT_EDITS + 5; n++) edits[`p${n}`] = session(`p${n}`, `Typed ${n}`);
    const kept = keptEdits(edits);
    expect(Object.keys(kept)).toHaveLength(MAX_KEPT_EDITS);
    expect(kept.clean).toBeUndefined();
    expect(kept.p0).toBeUndefined();
    expect(kept[`p${MAX_KEPT_EDITS + 4}`]!.form.text).toBe(`Typed ${MAX_KEPT_EDITS + 4}`);
  });

  it('reads back what storage holds, leaving out damaged entries instead of opening a broken form', () => {
    const good = session('good', 'Typed', { typedAt: 5, earlier: { version: 1, form: form('Older'), at: 3 } });
    const read = readEdits({
      good,
      renamed: { ...session('other', 'x') },
      noForm: { id: 'noForm', version: 1, original: form('x') },
      badVersion: { ...session('badVersion', 'x'), version: '2' },
      badEarlier: { ...session('badEarlier', 'x'), earlier: { version: 1, form: null, at: 2 } },
    });
    expect(read).toEqual({ good, badEarlier: session('badEarlier', 'x') });
    expect(readEdits(null)).toEqual({});
    expect(readEdits('text')).toEqual({});
    expect(readEdits([good])).toEqual({});
  });
});
