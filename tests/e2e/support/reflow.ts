import type { Page } from '@playwright/test';

/** A 1280×800 window at 200 % zoom: 640×400 CSS pixels on a 2× screen. */
export const ZOOM_200 = { width: 640, height: 400 } as const;
/** WCAG 1.4.10's reflow width: 1280 px at 400 % zoom. */
export const REFLOW_320 = { width: 320, height: 480 } as const;

export interface Reflow {
  scrollWidth: number;
  clientWidth: number;
  /** Elements that stick out of the viewport, or boxes that scroll sideways without being a labelled region. */
  offenders: string[];
}

/**
 * What makes the page fail to reflow right now. A box may scroll sideways only when it is a
 * region a keyboard and a screen reader can find (tabindex=0 and a label), like a wide table;
 * the page itself and every other box must fit the viewport. Elements cut off by an ancestor's
 * overflow count too: clipped is as unreachable as off screen.
 */
export async function reflowOf(page: Page): Promise<Reflow> {
  // A string, not a function: the end-to-end tests are type-checked without the DOM library.
  return page.evaluate<Reflow>(`(() => {${REFLOW_JS}})()`);
}

const REFLOW_JS = String.raw`
    const root = document.documentElement;
    const vw = root.clientWidth;
    const name = (el) => {
      const id = el.getAttribute('data-testid');
      const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
      return el.tagName.toLowerCase() + (id ? '[data-testid=' + id + ']' : '') + cls;
    };
    const path = (el) => {
      const parts = [];
      for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) parts.unshift(name(e));
      return parts.join(' > ');
    };
    const labelledRegion = (el) =>
      el.getAttribute('tabindex') === '0' && (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby'));
    const sideways = (el) => {
      const s = getComputedStyle(el);
      return (s.overflowX === 'auto' || s.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1;
    };
    const shown = (el, r) => {
      if (r.width <= 1 || r.height <= 1) return false; // empty or visually hidden
      const s = getComputedStyle(el);
      return s.visibility !== 'hidden' && s.display !== 'contents';
    };
    /** Inside a labelled region that scrolls sideways and itself fits: reachable by scrolling it. */
    const inRegion = (el) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (labelledRegion(a)) {
          const r = a.getBoundingClientRect();
          return r.left >= -1 && r.right <= vw + 1;
        }
      }
      return false;
    };
    const out = (r) => r.right > vw + 1 || r.left < -1;

    const offenders = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (!shown(el, r) || inRegion(el)) continue;
      if (sideways(el) && !labelledRegion(el)) {
        offenders.push(path(el) + ' scrolls sideways (' + el.scrollWidth + ' in ' + el.clientWidth + ')');
        continue;
      }
      if (!out(r)) continue;
      const parent = el.parentElement;
      if (parent && parent !== document.body && out(parent.getBoundingClientRect()) && !inRegion(parent)) continue; // the outermost one says it
      offenders.push(path(el) + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right) + ' of ' + vw);
    }
    return { scrollWidth: root.scrollWidth, clientWidth: vw, offenders };
`;

/** One line per problem, for the failure message. */
export function describeReflow(where: string, r: Reflow): string[] {
  const lines: string[] = [];
  if (r.scrollWidth > r.clientWidth) lines.push(`[${where}] the page scrolls sideways: ${r.scrollWidth} px in ${r.clientWidth}`);
  for (const o of r.offenders) lines.push(`[${where}] ${o}`);
  return lines;
}
