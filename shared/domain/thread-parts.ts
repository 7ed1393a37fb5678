/** Whether two threads say the same, part for part (a post's, a version's, an edit's). */
export const sameThread = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
