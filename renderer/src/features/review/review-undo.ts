import type { PostDto } from '../../../../shared/contract';
import type { PostUndoDto } from '../../../../shared/contract/features/undo';
import { undoInputFor } from '../../../../shared/domain/undo-input';
import { api } from '../../api/client';
import { showToast } from '../../app/ui.store';
import { refreshPosts } from '../../data/usePosts';
import { toProblem } from '../../lib/errors';
import { refreshReview, useReviewStore } from './useReview';

/**
 * After a decision in Review, the toast offers Undo (and Ctrl+Z): the copies go back exactly
 * where they were, in Review, all the posts together or none. `before` is each post as the
 * queue showed it when the decision was taken.
 */
export function offerReviewUndo(message: string, before: readonly PostDto[], after: readonly PostDto[]): void {
  const undo: PostUndoDto[] = [];
  for (const post of after) {
    const was = before.find((p) => p.id === post.id);
    const input = was ? undoInputFor(was, post) : null;
    // Without a faithful picture of before, Undo would guess: better not to offer it.
    if (!input) {
      showToast(message);
      return;
    }
    undo.push(input);
  }
  const ids = after.map((p) => p.id);
  showToast(message, {
    action: {
      label: 'Undo',
      undo: true,
      run: async () => {
        try {
          await api.call('posts:undo', { posts: undo });
          await Promise.all([refreshReview(), refreshPosts()]);
          useReviewStore.setState({ currentId: ids[0] ?? null });
          showToast(ids.length === 1 ? 'Back in Review' : `${ids.length} posts back in Review`);
        } catch (err) {
          showToast('Not undone', { detail: toProblem(err).message, tone: 'attention' });
        }
      },
    },
  });
}

/** The posts as the queue shows them now: what an Undo goes back to. */
export const reviewSnapshot = (ids: readonly string[]): PostDto[] => (useReviewStore.getState().list ?? []).filter((i) => ids.includes(i.post.id)).map((i) => i.post);
