import { closePost, useUiStore } from '../../../app/ui.store';
import { Icon } from '../../../ui/Icon';
import { setSidebarOpen, useSidebarStore } from './sidebar.store';

/**
 * Shows or hides the drafts and ideas beside the grid. The post panel and the sidebar share the
 * right side: with a post open, this closes the post and shows the sidebar.
 */
export function SidebarToggle() {
  const open = useSidebarStore((s) => s.open);
  const postOpen = useUiStore((s) => s.openPostId !== null);
  const shown = open && !postOpen;
  return (
    <button
      type="button"
      className="btn btn-small sidebar-toggle"
      aria-pressed={shown}
      aria-controls={shown ? 'calendar-sidebar' : undefined}
      data-testid="calendar-sidebar-toggle"
      onClick={() => {
        if (postOpen) {
          closePost();
          setSidebarOpen(true);
        } else setSidebarOpen(!open);
      }}
    >
      <Icon name="draft" size={14} />
      Drafts and ideas
    </button>
  );
}
