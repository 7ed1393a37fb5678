import { useEffect, useRef, useState, type RefObject } from 'react';

/** Where the Library shows one column: the list, or the open template with a way back (templates.css). */
export const ONE_COLUMN = '(max-width: 900px)';

/** Whether the window is narrow enough for one column; follows the window as it is resized. */
export function useOneColumn(): boolean {
  const query = () => (typeof window.matchMedia === 'function' ? window.matchMedia(ONE_COLUMN) : null);
  const [narrow, setNarrow] = useState(() => query()?.matches ?? false);
  useEffect(() => {
    const mq = query();
    if (!mq) return;
    const update = () => setNarrow(mq.matches);
    update();
    mq.addEventListener('change', update);
    return () => mq.removeEventListener('change', update);
  }, []);
  return narrow;
}

/**
 * In one column the list gives way to the open template, so the link the creator chose is gone
 * from the screen: the keyboard follows to the template's heading (as it appears: the template
 * loads after the click), unless something in the pane already took it (the editor's name field).
 * Going back puts it on the template that was open, in the list again.
 */
export function useOpenFocus(pane: RefObject<HTMLElement | null>, list: RefObject<HTMLElement | null>, openId: string | null, narrow: boolean): void {
  const last = useRef<string | null>(null);
  useEffect(() => {
    const was = last.current;
    last.current = openId;
    if (!narrow) return;
    if (openId === null) {
      if (was) list.current?.querySelector<HTMLElement>(`a.template-item[data-template-id="${CSS.escape(was)}"]`)?.focus();
      return;
    }
    const root = pane.current;
    if (!root) return;
    const land = (): boolean => {
      if (root.contains(document.activeElement)) return true;
      const heading = root.querySelector<HTMLElement>('h2');
      if (!heading) return false;
      heading.tabIndex = -1;
      heading.focus();
      return true;
    };
    if (land()) return;
    const watch = new MutationObserver(() => {
      if (land()) watch.disconnect();
    });
    watch.observe(root, { childList: true, subtree: true });
    return () => watch.disconnect();
  }, [openId, narrow, pane, list]);
}
