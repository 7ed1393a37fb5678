/** Whether two threads say the same, part for part (a post's, a version's, an edit's). */
export const sameThread = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

type Parts = { thread: readonly string[]; firstComment: string | null };

/** What changed between two posts' or versions' thread and first comment. */
export const changedParts = (before: Parts, after: Parts): { thread: boolean; comment: boolean } => ({
  thread: !sameThread(before.thread, after.thread),
  comment: before.firstComment !== after.firstComment,
});
