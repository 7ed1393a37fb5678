import type { DragEvent } from 'react';
import { PlatformMarks } from '../../../ui/PlatformMark';
import { useCalendarStore } from '../calendar.store';
import { itemKey, itemText, useSidebarStore, type SidebarItem } from './sidebar.store';

const firstLine = (text: string) => text.trim().split('\n')[0]!.slice(0, 140);

/**
 * One draft or idea: dragged onto a day to schedule it, or "Schedule on…" to pick the day
 * with the keyboard. The card itself is not focusable; its button is, and names the item.
 */
export function SidebarCard({ item }: { item: SidebarItem }) {
  const key = itemKey(item);
  const busy = useSidebarStore((s) => s.busy.includes(key));
  const words = firstLine(itemText(item));
  const platforms = item.kind === 'draft' ? [...new Set(item.post.targets.map((t) => t.platform))] : [];
  const tags = item.kind === 'idea' ? item.idea.tags.map((t) => `#${t}`).join(' ') : '';

  const onDragStart = (e: DragEvent<HTMLLIElement>) => {
    if (busy) {
      e.preventDefault();
      return;
    }
    e.dataTransfer.setData('text/plain', words);
    e.dataTransfer.effectAllowed = 'move';
    useSidebarStore.setState({ dragging: item });
    // After the browser has taken the drag image: an overlaid sidebar fades and lets the days under it take the drop.
    setTimeout(() => useSidebarStore.getState().dragging && useSidebarStore.setState({ lifted: true }), 0);
    useCalendarStore.setState({ drag: null, dragSpot: null, move: null });
  };
  const onDragEnd = () => {
    useSidebarStore.setState({ dragging: null, lifted: false });
    useCalendarStore.setState({ dragSpot: null });
  };

  return (
    <li className="sidebar-card" data-testid={item.kind === 'draft' ? 'sidebar-draft' : 'sidebar-idea'} data-id={item.kind === 'draft' ? item.post.id : item.idea.id} data-busy={busy ? 'true' : undefined} draggable={!busy} onDragStart={onDragStart} onDragEnd={onDragEnd}>
      <span className="sidebar-grip" aria-hidden="true" title="Drag onto a day">
        ⋮⋮
      </span>
      <div className="sidebar-card-body">
        <p className="sidebar-card-text" dir="auto">{words}</p>
        {platforms.length > 0 ? (
          <p className="sidebar-card-meta">
            <PlatformMarks platforms={platforms} compact />
          </p>
        ) : null}
        {tags ? (
          <p className="sidebar-card-meta sidebar-card-tags" title={tags} data-testid="sidebar-card-tags">
            {tags}
          </p>
        ) : null}
      </div>
      <button type="button" className="btn btn-small sidebar-schedule" data-testid="sidebar-schedule" aria-label={`Schedule on… ${words}`} disabled={busy} onClick={() => useSidebarStore.setState({ picking: item })}>
        Schedule on…
      </button>
    </li>
  );
}
