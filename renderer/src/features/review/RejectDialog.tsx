import { useRef, useState, type FormEvent } from 'react';
import { toProblem, type Problem } from '../../lib/errors';
import { ProblemNote } from '../../ui/ProblemNote';
import { Dialog } from '../ideas/Dialog';
import { rejectPost } from './useReview';

const MAX = 500;

/** Sends a post back to drafts; the reason is required and shown on the post afterwards. */
export function RejectDialog({ postId, onClose, onDone }: { postId: string; onClose: () => void; onDone: (message: string) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = reason.trim();
    if (!trimmed) {
      setError('Say why the post is rejected');
      field.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await rejectPost(postId, trimmed);
      onDone('Sent back to drafts with your reason');
      onClose();
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title="Reject this post" titleId="review-reject-title" onClose={onClose} initialFocus={field} testId="review-reject-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="review-reason" className="field-label">
            Why? It goes back to drafts with this note.
          </label>
          <textarea
            id="review-reason"
            ref={field}
            className="review-reason"
            data-testid="review-reason"
            rows={3}
            maxLength={MAX}
            value={reason}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'review-reason-error' : undefined}
            onChange={(e) => {
              setReason(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) void submit(e);
            }}
          />
          {error ? (
            <p id="review-reason-error" className="field-error" data-testid="review-reason-error">
              {error}
            </p>
          ) : null}
        </div>
        {problem ? <ProblemNote problem={problem} testId="review-reject-problem" /> : null}
        <div className="dialog-actions">
          <button type="button" className="btn btn-ghost" data-testid="review-reject-cancel" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" data-testid="review-reject-confirm" disabled={busy}>
            {busy ? 'Rejecting…' : 'Reject'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
