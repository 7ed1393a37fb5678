import { useState } from 'react';
import { LIST_SECTION_MAX, LIST_SECTION_STEP } from '../../../../shared/domain/list-sections';
import { showMoreReview } from './useReview';

/**
 * The end of the queue as far as it was read: how many posts wait after these, and a button that
 * reads the next step (J on the last post does the same). A long queue (a big import) is read a
 * step at a time rather than every post at once.
 */
export function ReviewMore({ shown, total }: { shown: number; total: number }) {
  const [busy, setBusy] = useState(false);
  const after = total - shown;
  return (
    <li className="review-more" data-testid="review-more">
      <span className="muted">
        {shown.toLocaleString('en')} of {total.toLocaleString('en')} shown; {after.toLocaleString('en')} more {after === 1 ? 'waits' : 'wait'} after these
      </span>
      {shown >= LIST_SECTION_MAX ? (
        <span className="muted">; approve or reject these to reach the rest</span>
      ) : (
        <button
          type="button"
          className="btn btn-small"
          data-testid="review-show-more"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void showMoreReview().finally(() => setBusy(false));
          }}
        >
          Show {Math.min(after, LIST_SECTION_STEP).toLocaleString('en')} more
        </button>
      )}
    </li>
  );
}
