import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Platform } from '../../../../shared/domain/platforms';
import { EMPTY_FORM, keptEdits, readEdits, type ComposeForm, type EditSession } from './compose-state';

interface ComposeState {
  /** The new post being written: kept across screens and reloads so nothing typed is lost. */
  fresh: ComposeForm;
  /** Unfinished edits of existing posts, by post id: kept across screens, reloads and crashes too. */
  edits: Record<string, EditSession>;
}

export const useComposeStore = create<ComposeState>()(
  persist(() => ({ fresh: EMPTY_FORM, edits: {} as Record<string, EditSession> }), {
    name: 'loomcast.compose',
    storage: createJSONStorage(() => localStorage),
    // A new post keeps its words and platforms (a remembered date could be in the past); an edit
    // is kept only while it holds something unsaved, the most recent ones first.
    partialize: (s) => ({
      fresh: { ...s.fresh, date: '', time: '' },
      edits: keptEdits(s.edits),
    }),
    merge: (saved, current) => {
      const kept = (saved as Partial<ComposeState> | undefined) ?? {};
      return { ...current, fresh: { ...EMPTY_FORM, ...(kept.fresh ?? {}) }, edits: readEdits(kept.edits) };
    },
  }),
);

/** Changes the new post (`editId` null) or the open edit of that post. */
export function patchForm(editId: string | null, patch: Partial<ComposeForm>): void {
  useComposeStore.setState((s) => {
    if (editId === null) return { fresh: { ...s.fresh, ...patch } };
    const e = s.edits[editId];
    return e ? { edits: { ...s.edits, [editId]: { ...e, form: { ...e.form, ...patch }, typedAt: Date.now() } } } : {};
  });
}

/** Starts (or replaces) the edit of a post; it moves to the end, as the most recently opened. */
export function putEdit(session: EditSession): void {
  useComposeStore.setState((s) => {
    const edits = { ...s.edits };
    delete edits[session.id];
    edits[session.id] = session;
    return { edits };
  });
}

/** Forgets the edit of a post: saved, cancelled, or its post is gone. */
export function dropEdit(id: string): void {
  useComposeStore.setState((s) => {
    if (!(id in s.edits)) return {};
    const edits = { ...s.edits };
    delete edits[id];
    return { edits };
  });
}

/** The words a platform gets: its own text when customised, else the shared text. */
export { EMPTY_FORM, edited, unsaved, type ComposeForm, type ComposeMedia, type EditSession } from './compose-state';

export function textFor(form: ComposeForm, p: Platform): string {
  return form.overrides[p] ?? form.text;
}
