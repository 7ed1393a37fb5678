import { useSyncExternalStore } from 'react';

export const SCREENS = ['calendar', 'compose', 'review', 'analytics', 'experiments', 'ideas', 'campaigns', 'reports', 'planner', 'library', 'import', 'accounts', 'settings', 'welcome'] as const;
export type Screen = (typeof SCREENS)[number];

export interface Route {
  screen: Screen;
  /** The rest of the path, e.g. the post id in #/compose/<id>. */
  param: string | null;
}

/** Hash routes (#/compose, #/compose/<post id>): they work from file://, in Electron and over http. */
export function parseHash(hash: string): Route {
  const [head, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const screen = (SCREENS as readonly string[]).includes(head ?? '') ? (head as Screen) : 'calendar';
  const param = rest.length ? decodeURIComponent(rest.join('/')) : null;
  return { screen, param };
}

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}

export function navigate(screen: Screen, param?: string): void {
  const next = `#/${screen}${param ? `/${encodeURIComponent(param)}` : ''}`;
  if (window.location.hash !== next) window.location.hash = next;
}
