import { useEffect } from 'react';
import { Icon } from '../ui/Icon';
import { holdToast, runToastAction, undoLatest, useUiStore } from './ui.store';
import './toast-action.css';

/** Where Ctrl+Z belongs to the text being typed, not to the last action. */
const typing = (el: EventTarget | null) => el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

export function Toasts() {
  const toasts = useUiStore((s) => s.toasts);
  const undoable = toasts.some((t) => t.action?.undo);

  useEffect(() => {
    if (!undoable) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z' || e.defaultPrevented || typing(e.target)) return;
      if (undoLatest()) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undoable]);

  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {toasts.map((t) => (
        <div
          key={t.id}
          className="toast"
          data-tone={t.tone ?? 'calm'}
          data-testid="toast"
          onMouseEnter={() => holdToast(t.id, true)}
          onMouseLeave={() => holdToast(t.id, false)}
          onFocus={() => holdToast(t.id, true)}
          onBlur={() => holdToast(t.id, false)}
        >
          {t.tone === 'attention' ? <Icon name="alert" size={15} /> : null}
          <div>
            <p className="toast-message">{t.message}</p>
            {t.detail ? <p className="toast-detail">{t.detail}</p> : null}
          </div>
          {t.action ? (
            <button
              type="button"
              className="toast-action"
              data-testid="toast-action"
              aria-keyshortcuts={t.action.undo ? 'Control+Z Meta+Z' : undefined}
              title={t.action.undo ? 'Ctrl+Z (⌘Z on a Mac)' : undefined}
              onClick={() => runToastAction(t.id)}
            >
              {t.action.label}
            </button>
          ) : null}
        </div>
      ))}
    </div>
  );
}
