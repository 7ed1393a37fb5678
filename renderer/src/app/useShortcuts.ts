import { useEffect } from 'react';
import { isQuickCaptureKey, openQuickCapture } from '../features/ideas/quick-capture';
import { startNewPost } from './TopBar';

/** True when keys belong to what the creator is typing, not to the app. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, [role="textbox"]') !== null;
}

/** N starts a new post; / jumps to search. Never while typing, never with modifier keys. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // I captures an idea; Ctrl/Cmd+Shift+I does too, even while typing.
      if (!e.defaultPrevented && isQuickCaptureKey(e, isTyping(e.target))) {
        e.preventDefault();
        openQuickCapture();
        return;
      }
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === 'n' || e.key === 'N') {
        e.preventDefault();
        startNewPost();
      } else if (e.key === '/') {
        e.preventDefault();
        const search = document.getElementById('search-posts');
        search?.focus();
        if (search instanceof HTMLInputElement) search.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
