import type { PostDto } from '../../../../shared/contract';
import { rejectionReasonOf } from '../../../../shared/domain/review-note';

/**
 * Why Review sent this post back, read-only, at the top of the composer: the reason was typed in
 * Review (R) and must reach the creator where the words are changed. It goes once new words are
 * saved or the post is sent to review again (the core drops the note; the post leaves drafts).
 */
export function RejectionNote({ post }: { post: PostDto | 'gone' | null | undefined }) {
  const reason = post && post !== 'gone' ? rejectionReasonOf(post) : null;
  if (!reason) return null;
  return (
    <div className="waiting-note compose-rejected" role="note" aria-label="Sent back from Review" data-testid="compose-rejection">
      <p>
        <strong>Sent back from Review:</strong> <span data-testid="compose-rejection-reason">{reason}</span>
      </p>
    </div>
  );
}
