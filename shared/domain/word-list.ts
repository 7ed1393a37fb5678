/**
 * A list as a sentence reads it: "A", "A and B", "A, B and C". For names the creator needs to
 * see every one of (accounts to fix); the renderer's platformList shortens long lists instead.
 */
export function andList(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
