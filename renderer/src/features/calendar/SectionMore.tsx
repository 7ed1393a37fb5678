import { useState } from 'react';
import { LIST_SECTION_MAX, LIST_SECTION_STEP } from '../../../../shared/domain/list-sections';
import { usePostsStore } from '../../data/posts.store';
import { showMorePosts } from '../../data/usePosts';
import { count } from '../../lib/numbers';

/**
 * The end of a section the core sent in part (upcoming, drafts): how many posts it holds after
 * these, and a button that reads the next step. Search and filters look only at the posts read
 * so far, and the note says so, rather than a filtered list passing for the whole.
 */
export function SectionMore({ section, more, narrowed }: { section: 'upcoming' | 'drafts'; more: number; narrowed: boolean }) {
  const [busy, setBusy] = useState(false);
  const read = usePostsStore((s) => s.limits[section]);
  if (more === 0) return null;
  const n = count(more);
  const what = section === 'upcoming' ? `${n} more ${more === 1 ? 'post' : 'posts'} on the way out after these` : `${n} older ${more === 1 ? 'draft' : 'drafts'} after these`;
  return (
    <div className="list-more section-more" data-testid={`${section}-more`}>
      <span className="muted">
        {what}
        {narrowed ? ', not searched or filtered yet' : ''}
      </span>
      {read >= LIST_SECTION_MAX ? (
        // As many as one read holds: the rest are in the calendar (what is coming) or found by search.
        <span className="muted">{section === 'upcoming' ? '; the calendar shows the rest' : '; search finds the rest'}</span>
      ) : (
        <button
          type="button"
          className="btn btn-small"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void showMorePosts(section).finally(() => setBusy(false));
          }}
        >
          Show {count(Math.min(more, LIST_SECTION_STEP))} more
        </button>
      )}
    </div>
  );
}
