import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type MouseEvent } from 'react';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { STATE_LABELS } from '../../../../shared/domain/states';
import { wallTime } from '../../lib/format';
import { dayLabel } from './grid';
import type { Chip } from './placement';
import { StateIcon } from '../../ui/state-icons';
import { platformMarkColor } from '../../ui/PlatformMark';

/** Hovering this long shows the preview; a keyboard focus shows it at once. */
const HOVER_MS = 350;
/** Leaving the chip for the preview itself keeps it (it can be hovered and its text selected). */
const LEAVE_MS = 150;
const GAP = 6;

const chipElOf = (target: EventTarget | null) => (target instanceof Element ? target.closest<HTMLElement>('[data-chip]') : null);

/**
 * A chip's full post on hover or keyboard focus: the whole text, the pillar and every copy with
 * its platform and state. One listener set on the grid for every chip, like its other events.
 * Escape, a press, a drag or a scroll hides it.
 */
export function useChipPreview({ chips, days, today }: { chips: ReadonlyMap<string, Chip>; days: readonly string[]; today: string }) {
  const [shown, setShown] = useState<{ chip: Chip; el: HTMLElement } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** The chip a pending show is for, so moving over its parts doesn't restart the wait. */
  const pending = useRef<HTMLElement | null>(null);
  const clear = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
  }, []);
  const hide = useCallback(() => {
    clear();
    setShown(null);
  }, [clear]);
  const later = useCallback(
    (fn: () => void, ms: number) => {
      clear();
      timer.current = setTimeout(fn, ms);
    },
    [clear],
  );

  useEffect(() => {
    if (!shown) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') hide();
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('scroll', hide, true);
    document.addEventListener('pointerdown', hide, true);
    document.addEventListener('dragstart', hide, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('scroll', hide, true);
      document.removeEventListener('pointerdown', hide, true);
      document.removeEventListener('dragstart', hide, true);
    };
  }, [shown, hide]);
  useEffect(() => clear, [clear]);
  // A refetch replaces the chips: a preview of a chip that is gone goes with it.
  if (shown && chips.get(shown.chip.key) !== shown.chip) setShown(null);

  const handlers = useMemo(
    () => ({
      onMouseOver(e: MouseEvent<HTMLElement>) {
        const el = chipElOf(e.target);
        const chip = el ? chips.get(el.dataset.chip ?? '') : undefined;
        if (!el || !chip) return;
        if (shown?.el === el) return clear();
        if (pending.current === el) return;
        later(() => setShown({ chip, el }), shown ? 0 : HOVER_MS);
        pending.current = el;
      },
      onMouseOut(e: MouseEvent<HTMLElement>) {
        const el = chipElOf(e.target);
        if (!el || (e.relatedTarget instanceof Node && el.contains(e.relatedTarget))) return;
        if (el === document.activeElement && el.matches(':focus-visible')) return;
        later(() => setShown(null), LEAVE_MS);
      },
      onFocus(e: FocusEvent<HTMLElement>) {
        const el = chipElOf(e.target);
        const chip = el ? chips.get(el.dataset.chip ?? '') : undefined;
        if (el && chip && el.matches(':focus-visible')) {
          clear();
          setShown({ chip, el });
        }
      },
      onBlur(e: FocusEvent<HTMLElement>) {
        if (chipElOf(e.target)) hide();
      },
    }),
    [chips, shown, hide, clear, later],
  );

  const preview = shown ? (
    <ChipPreview chip={shown.chip} anchor={shown.el} day={dayLabel(days[shown.chip.dayIndex] ?? today, today)} onEnter={clear} onLeave={() => later(() => setShown(null), LEAVE_MS)} />
  ) : null;
  return { handlers, preview };
}

function ChipPreview({ chip, anchor, day, onEnter, onLeave }: { chip: Chip; anchor: HTMLElement; day: string; onEnter: () => void; onLeave: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ top: number; left: number } | null>(null);
  useLayoutEffect(() => {
    const a = anchor.getBoundingClientRect();
    const b = box.current?.getBoundingClientRect();
    if (!b) return;
    // A chip in a day's "+n more" list: beside the list, which it would otherwise cover.
    const list = anchor.closest('.more-list')?.getBoundingClientRect();
    if (list) {
      const right = list.right + GAP + b.width <= window.innerWidth - GAP;
      const top = Math.min(Math.max(GAP, a.top), window.innerHeight - b.height - GAP);
      setPos({ top, left: right ? list.right + GAP : Math.max(GAP, list.left - GAP - b.width) });
      return;
    }
    const below = a.bottom + GAP + b.height <= window.innerHeight;
    const top = below ? a.bottom + GAP : Math.max(GAP, a.top - GAP - b.height);
    const left = Math.min(Math.max(GAP, a.left), window.innerWidth - b.width - GAP);
    setPos({ top, left });
  }, [anchor, chip]);
  const pillar = chip.post.pillar;
  const targets = chip.post.targets.filter((t) => t.scheduledAt && Date.parse(t.scheduledAt) === chip.at);
  const others = chip.post.targets.length - targets.length;

  return (
    <div
      ref={box}
      className="chip-preview"
      role="tooltip"
      id="chip-preview"
      data-testid="chip-preview"
      style={pos ? { top: pos.top, left: pos.left } : { top: 0, left: 0, visibility: 'hidden' }}
      onMouseEnter={onEnter}
      onMouseLeave={onLeave}
    >
      <div className="chip-preview-when">
        {day}, {wallTime(chip.minutes)}
        {pillar ? (
          <span className="chip-preview-pillar" data-testid="chip-preview-pillar">
            <span className="chip-preview-swatch" style={{ background: pillar.color }} aria-hidden="true" />
            {pillar.name}
          </span>
        ) : null}
      </div>
      <p className="chip-preview-text" data-testid="chip-preview-text" dir="auto">
        {chip.post.text.trim() || 'No text yet'}
      </p>
      {chip.post.threadLength > 0 ? <p className="chip-preview-note">Thread of {chip.post.threadLength + 1} posts</p> : null}
      <ul className="chip-preview-targets" aria-label="Goes to">
        {targets.map((t) => (
          <li key={t.id} data-testid="chip-preview-target">
            <span className="chip-dot" style={{ background: platformMarkColor(t.platform) }} aria-hidden="true" />
            <span className="chip-preview-platform">{PLATFORM_NAMES[t.platform]}</span>
            <StateIcon state={t.state} />
            <span className="chip-preview-state">{STATE_LABELS[t.state]}</span>
          </li>
        ))}
      </ul>
      {others > 0 ? <p className="chip-preview-note">and {others === 1 ? '1 copy' : `${others} copies`} at another time</p> : null}
    </div>
  );
}
