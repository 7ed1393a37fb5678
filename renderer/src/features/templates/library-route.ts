/** The Library's own places inside #/library/…: a tab, and in Templates a template or an editor. */
export type LibraryTab = 'templates' | 'voices' | 'pillars';

export type LibraryPlace =
  | { tab: 'templates'; view: 'list' }
  | { tab: 'templates'; view: 'detail'; id: string }
  | { tab: 'templates'; view: 'edit'; id: string }
  | { tab: 'templates'; view: 'new' }
  | { tab: 'voices' }
  | { tab: 'pillars' };

export const LIBRARY_TABS: { tab: LibraryTab; label: string }[] = [
  { tab: 'templates', label: 'Templates' },
  { tab: 'voices', label: 'Voices' },
  { tab: 'pillars', label: 'Pillars' },
];

export function parseLibraryParam(param: string | null): LibraryPlace {
  const [tab, id, action] = (param ?? '').split('/');
  if (tab === 'voices') return { tab: 'voices' };
  if (tab === 'pillars') return { tab: 'pillars' };
  if (id === 'new') return { tab: 'templates', view: 'new' };
  if (id && action === 'edit') return { tab: 'templates', view: 'edit', id };
  if (id) return { tab: 'templates', view: 'detail', id };
  return { tab: 'templates', view: 'list' };
}

/** Hash for a place; ids are UUIDs or builtin-… names, so they need no escaping. */
export function libraryHref(tab: LibraryTab, id?: string, action?: 'edit'): string {
  return `#/library/${tab}${id ? `/${id}` : ''}${action ? `/${action}` : ''}`;
}

export function goLibrary(tab: LibraryTab, id?: string, action?: 'edit'): void {
  const next = libraryHref(tab, id, action);
  if (window.location.hash !== next) window.location.hash = next;
}
