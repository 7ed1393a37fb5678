/*
 * The note Review leaves on a post it sends back: Reject puts "Rejected: <reason>" on each copy
 * (the copy's last note), and the post returns to drafts. The composer shows the reason above the
 * post until the words are changed and saved, or the post is sent to review again.
 */

import type { PostDto } from '../contract';

/** How a rejection's reason is stored on a copy. */
export const REJECTED_PREFIX = 'Rejected: ';

export const rejectionNote = (reason: string): string => `${REJECTED_PREFIX}${reason}`;

/** Whether a copy's note is Review's rejection (not a publishing problem). */
export const isRejectionNote = (note: string | null | undefined): note is string => typeof note === 'string' && note.startsWith(REJECTED_PREFIX);

/** The reason Review gave for sending this post back, while it is still a draft; null otherwise. */
export function rejectionReasonOf(post: Pick<PostDto, 'targets'> | null): string | null {
  const copy = post?.targets.find((t) => t.state === 'draft' && isRejectionNote(t.lastError));
  return copy ? copy.lastError!.slice(REJECTED_PREFIX.length) : null;
}
