/** One run of a word-level diff: text both versions share, or text only one of them has. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Each word with the whitespace after it (and any leading whitespace alone), so joining the tokens gives the text back exactly. */
const tokens = (text: string): string[] => text.match(/^\s+|\S+\s*/g) ?? [];

/** Past this many token pairs the table gets slow; the texts are then shown as replaced whole. */
const MAX_CELLS = 2_000_000;

const push = (out: DiffPart[], kind: DiffPart['kind'], text: string) => {
  const last = out[out.length - 1];
  if (last && last.kind === kind) last.text += text;
  else out.push({ kind, text });
};

/**
 * What changed from `before` to `after`, word by word (a longest-common-subsequence diff).
 * Joining the `same` and `removed` parts gives `before`; the `same` and `added` parts give `after`.
 */
export function diffWords(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : [];
  const a = tokens(before);
  const b = tokens(after);
  const out: DiffPart[] = [];
  if (a.length * b.length > MAX_CELLS) {
    if (before) out.push({ kind: 'removed', text: before });
    if (after) out.push({ kind: 'added', text: after });
    return out;
  }
  // lcs[i][j]: the longest common run of a[i..] and b[j..].
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push(out, 'same', a[i]!);
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) {
      push(out, 'removed', a[i++]!);
    } else {
      push(out, 'added', b[j++]!);
    }
  }
  while (i < a.length) push(out, 'removed', a[i++]!);
  while (j < b.length) push(out, 'added', b[j++]!);
  return out;
}
