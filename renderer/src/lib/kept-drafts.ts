/**
 * Forms whose typed fields are kept outside the form, by key (a record's id, or 'new'): Escape
 * closes the form and what was typed is there when it opens again, after a reload too, until it
 * is saved or cancelled (`drop`). Kept in localStorage under `storageName`; a stored value that is
 * not such a map is read as none.
 */
import { useState } from 'react';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export function createKeptDrafts<T extends object>(storageName: string) {
  const useStore = create<{ drafts: Record<string, Partial<T>> }>()(
    persist(() => ({ drafts: {} as Record<string, Partial<T>> }), {
      name: storageName,
      storage: createJSONStorage(() => localStorage),
      merge: (saved, current) => {
        const drafts = (saved as { drafts?: unknown } | undefined)?.drafts;
        return { ...current, drafts: drafts && typeof drafts === 'object' ? (drafts as Record<string, Partial<T>>) : {} };
      },
    }),
  );
  const none: Partial<T> = {};
  return {
    /**
     * The form as the record (`initial`) fills it, with what was typed over it; `set` keeps more
     * typed fields; `restored` says the form opened on kept words.
     */
    useDraft(key: string, initial: T) {
      const edits = useStore((s) => s.drafts[key] ?? none);
      const [restored] = useState(() => Object.keys(edits).length > 0);
      const form: T = { ...initial, ...edits };
      const set = (patch: Partial<T>) => useStore.setState((s) => ({ drafts: { ...s.drafts, [key]: { ...s.drafts[key], ...patch } } }));
      return { form, set, restored };
    },
    /** Lets a kept draft go: saved, cancelled, or its record deleted. */
    drop(key: string): void {
      useStore.setState((s) => {
        const drafts = { ...s.drafts };
        delete drafts[key];
        return { drafts };
      });
    },
  };
}
