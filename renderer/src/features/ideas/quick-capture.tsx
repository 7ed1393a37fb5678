import { createRoot, type Root } from 'react-dom/client';
import type { IdeaDto } from '../../../../shared/contract/features/ideas';
import { IdeaDialog } from './IdeaDialog';
import { openCapture, openEdit, useIdeasStore } from './ideas.store';

let root: Root | null = null;

/**
 * The idea dialog lives in a small React root of its own beside the app's, so it opens over any
 * screen without the app frame having to host it. It shares the app's stores and styles.
 */
function ensureMounted(): void {
  if (root) return;
  const container = document.createElement('div');
  container.id = 'idea-dialog-root';
  document.body.appendChild(container);
  root = createRoot(container);
  root.render(<IdeaDialog />);
}

/** Opens quick capture over whatever is on screen; if it is already open, the cursor goes back to the idea. */
export function openQuickCapture(): void {
  ensureMounted();
  if (useIdeasStore.getState().dialog) {
    document.getElementById('idea-text')?.focus();
    return;
  }
  openCapture();
}

export function editIdea(idea: IdeaDto): void {
  ensureMounted();
  openEdit(idea);
}

/**
 * The capture shortcut: I on its own, or Ctrl+Shift+I (Cmd+Shift+I on a Mac) which also works
 * while typing in a field. `typing` says whether the key went to a text field.
 */
export function isQuickCaptureKey(e: KeyboardEvent, typing: boolean): boolean {
  if (e.repeat || e.altKey) return false;
  if ((e.ctrlKey || e.metaKey) && e.shiftKey) return e.key.toLowerCase() === 'i' || e.code === 'KeyI';
  return !e.ctrlKey && !e.metaKey && !typing && e.key.toLowerCase() === 'i';
}
