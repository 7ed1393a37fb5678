import { useRef, useState, type FormEvent } from 'react';
import { create } from 'zustand';
import { toProblem, type Problem } from '../../lib/errors';
import { describedBy } from '../../ui/Field';
import { ProblemNote } from '../../ui/ProblemNote';
import { Dialog } from '../ideas/Dialog';
import { rejectPost } from './useReview';

const MAX = 500;

/** Reasons typed and not sent, by post: Escape or a click beside the dialog keeps them for the next R; Cancel lets them go. */
const useReasons = create<Record<string, string>>(() => ({}));
const keepReason = (postId: string, reason: string | null) =>
  useReasons.setState((s) => {
    const next = { ...s };
    if (reason) next[postId] = reason;
    else delete next[postId];
    return next;
  }, true);

/** Sends a post back to drafts; the reason is required and shown on the post afterwards. */
export function RejectDialog({ postId, onClose, onDone }: { postId: string; onClose: () => void; onDone: (message: string) => void }) {
  const reason = useReasons((s) => s[postId] ?? '');
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
      keepReason(postId, null);
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
            Why?
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
            aria-describedby={describedBy('review-reason-hint', error && 'review-reason-error')}
            onChange={(e) => {
              keepReason(postId, e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) void submit(e);
            }}
          />
          <span className="field-hint" id="review-reason-hint">
            It goes back to drafts with this note.
          </span>
          {error ? (
            <p id="review-reason-error" className="field-error" data-testid="review-reason-error">
              {error}
            </p>
          ) : null}
        </div>
        {problem ? <ProblemNote problem={problem} testId="review-reject-problem" /> : null}
        <div className="dialog-actions">
          <p className="dialog-hint">
            <kbd>Esc</kbd> closes, keeping what you typed
          </p>
          <button
            type="button"
            className="btn btn-ghost"
            data-testid="review-reject-cancel"
            onClick={() => {
              keepReason(postId, null);
              onClose();
            }}
          >
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
