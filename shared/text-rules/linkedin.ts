// LinkedIn "little" text format: reserved characters in `commentary` must be backslash-escaped,
// otherwise LinkedIn may silently truncate the post.

/** The reserved characters, in the order LinkedIn's docs list them. */
export const LINKEDIN_RESERVED_CHARACTERS = ['\\', '|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '*', '_', '~'] as const;

const RESERVED = /[\\|{}@[\]()<>#*_~]/g;

/** Backslash-escapes every reserved character so LinkedIn shows the text literally. */
export function escapeLinkedInCommentary(text: string): string {
  return text.replace(RESERVED, '\\$&');
}

/** How many reserved characters the text contains (each gains a backslash when sent). */
export function countLinkedInReserved(text: string): number {
  return text.match(RESERVED)?.length ?? 0;
}
