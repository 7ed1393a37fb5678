import { create } from 'zustand';

export interface Toast {
  id: number;
  message: string;
  /** A second line, e.g. an alert's explanation. */
  detail?: string;
  /** 'attention' for alerts: something went wrong and stays in the alerts list. */
  tone?: 'calm' | 'attention';
}

/** UI state shared by the frame and the screens: search text, the open post, notices. */
interface UiState {
  search: string;
  /** The post shown in the side panel on the calendar. */
  openPostId: string | null;
  toasts: Toast[];
  /** Bumped to move focus into the composer's text area. */
  composeFocus: number;
  /** Where the composer goes back to when it was opened from somewhere other than the calendar (Review). */
  composeReturn: 'review' | null;
}

export const useUiStore = create<UiState>(() => ({ search: '', openPostId: null, toasts: [], composeFocus: 0, composeReturn: null }));

/** Opens a post in the composer from Review, so saving or cancelling comes back to Review. */
export function editFromReview(postId: string): void {
  useUiStore.setState({ composeReturn: 'review' });
  window.location.hash = `#/compose/${encodeURIComponent(postId)}`;
}

let nextToast = 1;

/**
 * A short confirmation ("Post deleted"); it leaves by itself after a few seconds. Alerts pass a
 * detail line and the attention tone, and stay longer: they take more than a glance to read.
 */
export function showToast(message: string, opts: { detail?: string; tone?: 'calm' | 'attention' } = {}): void {
  const id = nextToast++;
  const toast: Toast = { id, message, ...(opts.detail ? { detail: opts.detail } : {}), ...(opts.tone ? { tone: opts.tone } : {}) };
  useUiStore.setState((s) => ({ toasts: [...s.toasts.slice(-2), toast] }));
  setTimeout(() => useUiStore.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), opts.detail ? 9_000 : 4_000);
}

export const openPost = (id: string | null) => useUiStore.setState({ openPostId: id });

/** Closes the side panel and puts focus back on the post's row, where the keyboard left off. */
export function closePost(): void {
  const id = useUiStore.getState().openPostId;
  useUiStore.setState({ openPostId: null });
  if (id) requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-post-id="${CSS.escape(id)}"]`)?.focus());
}
export const setSearch = (search: string) => useUiStore.setState({ search });

/** Asks the composer to put the cursor in its text area (after "New post" or N). */
export const requestComposeFocus = () => useUiStore.setState((s) => ({ composeFocus: s.composeFocus + 1 }));
