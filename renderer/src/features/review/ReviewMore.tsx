import { useState } from 'react';
import { showMoreReview, useReviewStore } from './useReview';
import { count } from '../../lib/numbers';
import { LIST_SECTION_MAX, LIST_SECTION_STEP } from '../../../../shared/domain/list-sections';

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
        {count(shown)} of {count(total)} shown; {count(after)} more {after === 1 ? 'waits' : 'wait'} after these
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
          Show {count(Math.min(after, LIST_SECTION_STEP))} more
        </button>
      )}
    </li>
  );
}

/** The most posts one decision takes (review:approve and the Undo after it). */
const AT_ONCE = 500;

/**
 * Ticks every post shown (the first 500 when more are shown), or clears them when they all are:
 * a big import is approved a page at a time rather than one tick at a time.
 */
export function SelectAllShown({ ids, selected }: { ids: string[]; selected: string[] }) {
  const within = ids.slice(0, AT_ONCE);
  const picked = new Set(selected);
  const all = within.every((id) => picked.has(id));
  const some = !all && within.some((id) => picked.has(id));
  return (
    <label className="review-select-all">
      <input
        type="checkbox"
        data-testid="review-select-all"
        checked={all}
        ref={(el) => {
          if (el) el.indeterminate = some;
        }}
        onChange={() => useReviewStore.setState({ selected: all ? [] : within })}
      />
      {ids.length > AT_ONCE ? `Select the first ${AT_ONCE} (the most at once)` : `Select all ${count(ids.length)} shown`}
    </label>
  );
}
