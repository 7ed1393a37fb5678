import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { TemplateCategory } from '../../../../shared/contract/features/library';
import type { Platform } from '../../../../shared/domain/platforms';

/**
 * The Library's UI state. What the creator typed into a template's variables is kept per
 * template across screens and reloads: nothing typed is lost.
 */
interface LibraryUiState {
  query: string;
  category: TemplateCategory | 'all';
  values: Record<string, Record<string, string>>;
  /** The platforms last picked for "Use template", offered again next time. */
  platforms: Platform[];
  /** Unsaved edits in the template editor, by template id ('new' for a new one). */
  drafts: Record<string, Partial<{ name: string; category: TemplateCategory; description: string; body: string }>>;
  /** Bumped by library:changed pushes; hooks refetch when their kind moves. */
  versions: { template: number; voice: number; pillar: number };
}

export const useLibraryStore = create<LibraryUiState>()(
  persist(() => ({ query: '', category: 'all' as const, values: {}, drafts: {}, platforms: [], versions: { template: 0, voice: 0, pillar: 0 } }) as LibraryUiState, {
    name: 'loomcast.library',
    storage: createJSONStorage(() => localStorage),
    partialize: (s) => ({ values: s.values, drafts: s.drafts, platforms: s.platforms }),
  }),
);

export function setTemplateValue(templateId: string, key: string, value: string): void {
  useLibraryStore.setState((s) => ({ values: { ...s.values, [templateId]: { ...s.values[templateId], [key]: value } } }));
}

export function clearTemplateValues(templateId: string): void {
  useLibraryStore.setState((s) => {
    const values = { ...s.values };
    delete values[templateId];
    return { values };
  });
}

export function patchTemplateDraft(key: string, patch: LibraryUiState['drafts'][string] | null): void {
  useLibraryStore.setState((s) => {
    const drafts = { ...s.drafts };
    if (patch === null) delete drafts[key];
    else drafts[key] = { ...drafts[key], ...patch };
    return { drafts };
  });
}

export function bumpLibrary(kind: keyof LibraryUiState['versions']): void {
  useLibraryStore.setState((s) => ({ versions: { ...s.versions, [kind]: s.versions[kind] + 1 } }));
}
