/**
 * Puts the focus on the element `selector` finds as soon as it is on screen: a screen that loads
 * on demand, or a list that refreshes after a save. Gives up after `ms`, or as soon as the
 * creator presses a key or clicks meanwhile (the focus is theirs then). Elements that are not
 * focusable by themselves (a heading, a paragraph) need tabIndex={-1}.
 */
export function focusWhenShown(selector: string, ms = 3000): void {
  let done = false;
  const stop = () => {
    done = true;
    window.removeEventListener('keydown', stop, true);
    window.removeEventListener('mousedown', stop, true);
  };
  window.addEventListener('keydown', stop, true);
  window.addEventListener('mousedown', stop, true);
  const until = performance.now() + ms;
  const look = () => {
    if (done) return;
    const target = document.querySelector<HTMLElement>(selector);
    // Behind a dialog that is still closing the app is inert: it cannot take the focus yet.
    if (target && !target.closest('[inert]')) {
      stop();
      target.focus();
    } else if (performance.now() < until) requestAnimationFrame(look);
    else stop();
  };
  requestAnimationFrame(look);
}
