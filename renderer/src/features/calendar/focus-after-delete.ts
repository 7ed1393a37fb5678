/**
 * Where the keyboard goes once a post has left the calendar (deleted from its panel): the next
 * post in its day (or in the list), else the one before, else the day itself; never the top of
 * the page. Read before the delete, while the post is still drawn; the returned call moves the
 * focus after it, once the calendar has drawn without it.
 */
export function focusAfterRemoving(postId: string): () => void {
  const drawn = [...document.querySelectorAll<HTMLElement>('[data-post-id]')].filter((el) => !el.closest('.panel'));
  const mine = drawn.filter((el) => el.dataset.postId === postId);
  const first = mine[0];
  if (!first) return () => undefined;
  const day = first.closest<HTMLElement>('[data-nav-day]');
  const group = day ?? first.closest<HTMLElement>('[data-testid="list-view"]');
  const inGroup = drawn.filter((el) => group?.contains(el));
  const at = inGroup.indexOf(first);
  const after = inGroup.slice(at + 1).find((el) => el.dataset.postId !== postId);
  const before = inGroup.slice(0, at).reverse().find((el) => el.dataset.postId !== postId);
  const neighbour = (after ?? before)?.dataset.postId ?? null;
  const dayKey = day?.dataset.navDay ?? null;
  return () =>
    requestAnimationFrame(() => {
      const target =
        (neighbour ? document.querySelector<HTMLElement>(`[data-post-id="${CSS.escape(neighbour)}"]:not(.panel *)`) : null) ??
        (dayKey ? document.querySelector<HTMLElement>(`[data-nav-day="${dayKey}"]`) : null);
      target?.focus();
    });
}
