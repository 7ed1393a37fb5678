import { create } from 'zustand';
import type { PublishingStatusDto } from '../../../../shared/contract/features/publishing';
import { api } from '../../api/client';
import { showToast } from '../../app/ui.store';
import { toProblem } from '../../lib/errors';

interface PublishingState {
  status: PublishingStatusDto | null;
  /** A pause or resume on its way to the core (its button waits). */
  busy: boolean;
}

/** Publishing as the core tells it: paused or not, and what waits. Kept fresh by publishing:changed. */
export const usePublishingStore = create<PublishingState>(() => ({ status: null, busy: false }));

let listening = false;

export function watchPublishing(): void {
  if (listening) return;
  listening = true;
  // Subscribe first, so a change while the first read is on its way is not lost.
  api.subscribe('publishing:changed', (status) => usePublishingStore.setState({ status }));
  api
    .call('publishing:status', {})
    .then((status) => usePublishingStore.setState({ status }))
    .catch(() => {
      // The status line keeps saying what it can from the posts; the next push fills this in.
      listening = false;
    });
}

/** Pauses or resumes publishing; says so, or why not. */
export async function setPublishingPaused(pause: boolean): Promise<void> {
  usePublishingStore.setState({ busy: true });
  try {
    const status = await api.call(pause ? 'publishing:pause' : 'publishing:resume', {});
    usePublishingStore.setState({ status });
    if (pause) showToast('Publishing paused: nothing goes out until you resume', { detail: 'Scheduled posts stay in place. When you resume, posts that fell due meanwhile follow your missed-post setting.' });
    else showToast('Publishing resumed');
  } catch (err) {
    const problem = toProblem(err);
    showToast(pause ? 'Publishing could not be paused' : 'Publishing could not be resumed', { detail: problem.message, tone: 'attention' });
  } finally {
    usePublishingStore.setState({ busy: false });
  }
}
