import { useEffect, useRef } from 'react';
import { plural } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import type { Chip } from './placement';
import { PostChip } from './PostChip';

/**
 * Every chip of a crowded day (month) or slot (week), over the grid. Its chips are the grid's:
 * they open, drag and move (M) the same way. Escape or a click elsewhere closes it.
 */
export function MoreList({ title, chips, openId, movingKey, onClose }: { title: string; chips: readonly Chip[]; openId: string | null; movingKey: string | null; onClose: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    opener.current = document.activeElement as HTMLElement | null;
    // The whole list in view (a day low on the page opens it below the fold), then its first chip.
    box.current?.scrollIntoView({ block: 'nearest' });
    box.current?.querySelector<HTMLElement>('[data-chip]')?.focus({ preventScroll: true });
    const onPointer = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node) && e.target !== opener.current) onClose();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [onClose]);
  /** Closed from the keyboard, focus goes back to the "+N more" button that opened it. */
  const closeHere = () => {
    onClose();
    opener.current?.focus();
  };

  return (
    <div
      ref={box}
      className="more-list"
      role="dialog"
      aria-label={`${title}: ${plural(chips.length, 'post')}`}
      data-testid="more-list"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          closeHere();
        }
      }}
    >
      <header className="more-list-head">
        <span>{title}</span>
        <button type="button" className="btn btn-icon btn-small" aria-label="Close" onClick={closeHere}>
          <Icon name="close" size={14} />
        </button>
      </header>
      <div className="more-list-body">
        {chips.map((chip) => (
          <PostChip key={chip.key} chip={chip} selected={chip.post.id === openId} moving={movingKey === chip.key} />
        ))}
      </div>
    </div>
  );
}
