import { create } from 'zustand';

export interface Toast {
  id: number;
  message: string;
  /** A second line, e.g. an alert's explanation. */
  detail?: string;
  /** 'attention' for alerts: something went wrong and stays in the alerts list. */
  tone?: 'calm' | 'attention';
  /** A button on the toast, e.g. Undo; an `undo` action also answers Ctrl+Z / Cmd+Z while the toast is up. */
  action?: ToastAction;
}

export interface ToastAction {
  label: string;
  run: () => void | Promise<void>;
  undo?: boolean;
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
  /** The sidebar opened from the menu button; only narrow windows (200 % zoom) fold it away. */
  navOpen: boolean;
}

export const useUiStore = create<UiState>(() => ({ search: '', openPostId: null, toasts: [], composeFocus: 0, composeReturn: null, navOpen: false }));

/** Opens a post in the composer from Review, so saving or cancelling comes back to Review. */
export function editFromReview(postId: string): void {
  useUiStore.setState({ composeReturn: 'review' });
  window.location.hash = `#/compose/${encodeURIComponent(postId)}`;
}

let nextToast = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();
const lifetime = (t: Toast) => (t.action ? 10_000 : t.detail ? 9_000 : 4_000);
const dropToast = (id: number) => {
  clearTimeout(timers.get(id));
  timers.delete(id);
  useUiStore.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
};
const arm = (t: Toast, ms = lifetime(t)) => {
  clearTimeout(timers.get(t.id));
  timers.set(t.id, setTimeout(() => dropToast(t.id), ms));
};

/**
 * A short confirmation ("Post deleted"); it leaves by itself after a few seconds. Alerts pass a
 * detail line and the attention tone, and stay longer: they take more than a glance to read.
 * A toast with an action (Undo) stays longer still, and while the pointer or focus is on it.
 */
export function showToast(message: string, opts: { detail?: string; tone?: 'calm' | 'attention'; action?: ToastAction } = {}): void {
  const id = nextToast++;
  const toast: Toast = { id, message, ...(opts.detail ? { detail: opts.detail } : {}), ...(opts.tone ? { tone: opts.tone } : {}), ...(opts.action ? { action: opts.action } : {}) };
  useUiStore.setState((s) => {
    const kept = s.toasts.slice(-2);
    for (const gone of s.toasts.slice(0, -2)) clearTimeout(timers.get(gone.id));
    return { toasts: [...kept, toast] };
  });
  arm(toast);
}

/** The pointer or focus is on a toast: it stays until they leave, then a few seconds more. */
export function holdToast(id: number, hold: boolean): void {
  const t = useUiStore.getState().toasts.find((x) => x.id === id);
  if (!t) return;
  if (hold) clearTimeout(timers.get(id));
  else arm(t, 4_000);
}

/** Runs a toast's action once; the toast leaves first, so a second click or Ctrl+Z can't repeat it. */
export function runToastAction(id: number): boolean {
  const t = useUiStore.getState().toasts.find((x) => x.id === id);
  if (!t?.action) return false;
  dropToast(id);
  void t.action.run();
  return true;
}

/** Ctrl+Z / Cmd+Z: undoes what the newest toast with Undo offers. False when none is up. */
export function undoLatest(): boolean {
  const t = [...useUiStore.getState().toasts].reverse().find((x) => x.action?.undo);
  return t ? runToastAction(t.id) : false;
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

/** Opens or closes the folded sidebar; closing puts focus back on the menu button unless told otherwise. */
export function setNavOpen(open: boolean, opts: { refocus?: boolean } = {}): void {
  useUiStore.setState({ navOpen: open });
  if (!open && opts.refocus) document.getElementById('nav-menu-button')?.focus();
}
