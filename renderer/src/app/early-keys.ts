/**
 * "New post" (N, or its button) opens a composer that loads on demand; keys typed before its
 * text field is there would be lost, or worse, taken as shortcuts (I opens an idea). From the
 * press until the composer takes them, typed characters are kept here instead.
 */
let typed: string | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Gives up after this long without a composer (its code failed to load): keys go back to the app. */
const LIMIT_MS = 10_000;

function onKey(e: KeyboardEvent): void {
  if (typed === null) return;
  const target = e.target;
  // Something else has the keyboard on purpose (a field, a dialog): its keys are its own.
  if (target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select, [role="dialog"]'))) return stop();
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
  if (e.key === 'Escape') return stop();
  let next: string | null = null;
  if (e.key.length === 1) next = typed + e.key;
  else if (e.key === 'Enter') next = `${typed}\n`;
  else if (e.key === 'Backspace') next = typed.slice(0, -1);
  if (next === null) return;
  typed = next;
  e.preventDefault();
  e.stopImmediatePropagation();
}

function stop(): void {
  typed = null;
  clearTimeout(timer);
  window.removeEventListener('keydown', onKey, true);
}

/** Starts keeping typed characters for the composer about to open. */
export function keepEarlyKeys(): void {
  stop();
  typed = '';
  window.addEventListener('keydown', onKey, true);
  timer = setTimeout(stop, LIMIT_MS);
}

/** What was typed since `keepEarlyKeys` (empty when nothing), and stops keeping. */
export function takeEarlyKeys(): string {
  const text = typed ?? '';
  stop();
  return text;
}
