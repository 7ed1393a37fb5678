import { openPost, showToast } from '../../app/ui.store';
import { restorePosts } from '../../data/usePosts';
import { plural } from '../../lib/format';
import { toProblem } from '../../lib/errors';

/** Brings deleted posts back and says so; one post opens again in the panel it was deleted from. */
export async function bringBack(ids: string[], { reopen = false }: { reopen?: boolean } = {}): Promise<boolean> {
  try {
    const back = await restorePosts(ids);
    showToast(back.length === 1 ? 'Post brought back' : `${plural(back.length, 'post')} brought back`);
    if (reopen && back.length === 1) openPost(back[0]!.id);
    return true;
  } catch (err) {
    showToast('Not brought back', { detail: toProblem(err).message, tone: 'attention' });
    return false;
  }
}

/** The notice after a delete: Undo (or Ctrl+Z) brings the posts back whole. */
export function deletedToast(ids: string[], opts: { detail?: string; reopen?: boolean } = {}): void {
  if (ids.length === 0) return;
  showToast(ids.length === 1 ? 'Post deleted' : `${plural(ids.length, 'post')} deleted`, {
    ...(opts.detail ? { detail: opts.detail } : {}),
    action: { label: 'Undo', undo: true, run: () => void bringBack(ids, { reopen: opts.reopen ?? false }) },
  });
}
