/**
 * A list as a sentence reads it: "A", "A and B", "A, B and C" (or "A, B or C"). For names the
 * creator needs to see every one of (accounts to fix, numbers not collected); the renderer's
 * platformList shortens long lists instead.
 */
const joined = (words: readonly string[], last: 'and' | 'or'): string =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;

export const andList = (words: readonly string[]): string => joined(words, 'and');
export const orList = (words: readonly string[]): string => joined(words, 'or');
