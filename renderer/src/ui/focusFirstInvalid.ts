import { useEffect, useState, type RefObject } from 'react';

const CONTROL = 'input, textarea, select, button';

/**
 * Puts the keyboard on the first field under `root` marked aria-invalid, in the order they read;
 * for a marked group (a fieldset of toggles or of examples), on its first control. False if none.
 */
export function focusFirstInvalid(root: ParentNode | null | undefined): boolean {
  const marked = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
  const target = marked?.matches(CONTROL) ? marked : marked?.querySelector<HTMLElement>(CONTROL);
  if (!target) return false;
  target.scrollIntoView?.({ block: 'center' });
  target.focus({ preventScroll: true });
  return true;
}

/**
 * For a form whose submit the core may refuse: the function returned, called with the errors,
 * moves the focus to the first field in error under `root` once React has drawn them, so the
 * field is already marked and described when a screen reader announces it. `scope` widens where
 * the fields are looked for (a panel whose fields partly live in its parent).
 */
export function useFocusFirstInvalid<T extends HTMLElement>(root: RefObject<T | null>, scope: (el: T) => ParentNode = (el) => el): () => void {
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    if (asked > 0 && root.current) focusFirstInvalid(scope(root.current));
    // Only a new refusal moves the focus; `scope` is a new function on every render, the same in effect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [asked]);
  return () => setAsked((n) => n + 1);
}
