import { create } from 'zustand';
import type { PostDto } from '../../../../../shared/contract';
import type { IdeaDto } from '../../../../../shared/contract/features/ideas';

/** Something in the sidebar that can go on a day: a draft without a time, or an unused idea. */
export type SidebarItem = { kind: 'draft'; post: PostDto } | { kind: 'idea'; idea: IdeaDto };

export const itemKey = (item: SidebarItem) => (item.kind === 'draft' ? `draft:${item.post.id}` : `idea:${item.idea.id}`);
export const itemText = (item: SidebarItem) => (item.kind === 'draft' ? item.post.text : item.idea.text);

const OPEN_KEY = 'loomcast.calendar.sidebar';
/** Below this window width (about 1,200 px beside the app's own sidebar) the sidebar starts closed: the grid needs the room more. */
export const ROOMY_WIDTH = 1400;

/** The creator's own choice, when they made one; otherwise open only on a roomy window. */
function initialOpen(): boolean {
  try {
    const saved = localStorage.getItem(OPEN_KEY);
    if (saved === 'open' || saved === 'closed') return saved === 'open';
  } catch {
    // Storage may be unavailable (private mode); the default serves.
  }
  return typeof window !== 'undefined' && window.innerWidth >= ROOMY_WIDTH;
}

interface SidebarState {
  open: boolean;
  query: string;
  /** The item being dragged onto the grid. */
  dragging: SidebarItem | null;
  /** Set just after a drag starts (once the drag image is taken): an overlaid sidebar steps aside. */
  lifted: boolean;
  /** The item whose "Schedule on…" dialog is open. */
  picking: SidebarItem | null;
  /** Items being scheduled right now: their buttons wait. */
  busy: string[];
}

export const useSidebarStore = create<SidebarState>(() => ({ open: initialOpen(), query: '', dragging: null, lifted: false, picking: null, busy: [] }));

export function setSidebarOpen(open: boolean): void {
  useSidebarStore.setState({ open });
  try {
    localStorage.setItem(OPEN_KEY, open ? 'open' : 'closed');
  } catch {
    // Not remembered this time; the toggle still works.
  }
}

export function setBusy(key: string, busy: boolean): void {
  useSidebarStore.setState((s) => ({ busy: busy ? [...s.busy, key] : s.busy.filter((k) => k !== key) }));
}
