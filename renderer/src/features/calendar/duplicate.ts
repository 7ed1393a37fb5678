import { navigate } from '../../app/router';
import { showToast } from '../../app/ui.store';
import { duplicatePost } from '../../data/usePosts';
import { toProblem } from '../../lib/errors';

/**
 * Reusing a post: the core makes a draft of it without a time (words, media, thread, first
 * comment, per-platform texts, accounts, campaign, pillar), and the composer opens on it so the
 * creator can change what they like and pick a time. Nothing is scheduled until they do.
 */
export async function duplicateAndEdit(id: string): Promise<boolean> {
  try {
    const copy = await duplicatePost(id);
    navigate('compose', copy.id);
    showToast('Duplicated as a draft', { detail: 'It has no time yet: change what you like, then pick a time and schedule it.' });
    return true;
  } catch (err) {
    showToast('The post was not duplicated', { detail: toProblem(err).message, tone: 'attention' });
    return false;
  }
}
