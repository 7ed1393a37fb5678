/* global document, window, location, requestAnimationFrame, MutationObserver */
/**
 * What scripts/bench-calendar.mjs runs inside the page (each function goes to page.evaluate on
 * its own, so none may use anything from outside itself).
 */

/**
 * Sets the hash to the month and times it until the month view says it is drawn with its posts
 * (`data-ready`) and the browser has painted that frame.
 */
export function measureOpen(hash) {
  return new Promise((done) => {
    const ready = () => document.querySelector('[data-testid="month-view"][data-ready="true"]');
    const t0 = performance.now();
    const finish = () => {
      // The frame after the commit: requestAnimationFrame runs before paint, the task after it.
      requestAnimationFrame(() =>
        setTimeout(() => {
          const grid = ready();
          done({ ms: performance.now() - t0, chips: grid.querySelectorAll('[data-testid="calendar-chip"]').length, more: grid.querySelectorAll('[data-testid="month-more"]').length });
        }, 0),
      );
    };
    const watch = new MutationObserver(() => {
      if (!ready()) return;
      watch.disconnect();
      finish();
    });
    watch.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
    location.hash = hash;
  });
}

/**
 * The baseline on the same page: the same posts:calendar request, then each post drawn as one
 * plain element with the chip's time and words, until painted. Also the round trip alone.
 */
export async function measureBaseline({ token, range }) {
  const t0 = performance.now();
  const res = await fetch('/rpc/posts:calendar', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(range) });
  const posts = await res.json();
  const tripMs = performance.now() - t0;
  const box = document.createElement('div');
  box.style.cssText = 'position:fixed;inset:0;overflow:hidden;display:grid;grid-template-columns:repeat(7,1fr);background:Canvas;z-index:99';
  for (const p of posts) {
    const el = document.createElement('div');
    const at = new Date(p.targets.map((t) => t.scheduledAt).filter(Boolean).sort()[0]);
    el.textContent = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')} ${p.text.split('\n')[0].slice(0, 80)}`;
    box.appendChild(el);
  }
  document.body.appendChild(box);
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const drawMs = performance.now() - t0;
  box.remove();
  return { tripMs, drawMs, posts: posts.length };
}

/** Starts recording frame times (requestAnimationFrame deltas). */
export function startFrames() {
  const w = window;
  w.__benchFrames = { last: 0, deltas: [], on: true };
  const tick = (t) => {
    const f = w.__benchFrames;
    if (!f.on) return;
    if (f.last) f.deltas.push(t - f.last);
    f.last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Stops recording; the frame times, in ms. */
export function stopFrames() {
  const f = window.__benchFrames;
  f.on = false;
  return f.deltas;
}
