import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { IdeaDto } from '../../../../shared/contract/features/ideas';
import { PLATFORMS, type Platform } from '../../../../shared/domain/platforms';
import type { Problem } from '../../lib/errors';

/** What the capture dialog holds: unsaved words survive closing it, a reload, a crash. */
export interface IdeaDraft {
  text: string;
  link: string;
  tags: string;
}

export const EMPTY_DRAFT: IdeaDraft = { text: '', link: '', tags: '' };

/** The idea dialog: a new idea from anywhere, or an edit from the Ideas screen. */
export type IdeaDialog = { mode: 'capture' } | { mode: 'edit'; idea: IdeaDto; form: IdeaDraft; restored: boolean };

interface IdeasState {
  /** The list for the current search; null until loaded. */
  list: IdeaDto[] | null;
  problem: Problem | null;
  query: string;
  showArchived: boolean;
  dialog: IdeaDialog | null;
  /** The quick-capture words not saved yet. */
  draft: IdeaDraft;
  /** Edits to saved ideas closed with Escape (or the backdrop) before saving, by idea id: Edit brings them back. */
  edits: Record<string, IdeaDraft>;
  /** The idea being turned into a post (its dialog is open). */
  turning: IdeaDto | null;
  /** The platforms picked last time an idea became a post: the likely pick next time. */
  lastPlatforms: Platform[];
  /** The idea the creator's model is asked to write (its dialog is open). */
  writing: IdeaDto | null;
  /** The accounts picked last time a model wrote an idea: the likely pick next time. */
  lastAccounts: string[];
}

export const useIdeasStore = create<IdeasState>()(
  persist(
    (): IdeasState => ({ list: null, problem: null, query: '', showArchived: false, dialog: null, draft: EMPTY_DRAFT, edits: {}, turning: null, lastPlatforms: [], writing: null, lastAccounts: [] }),
    {
      name: 'loomcast.ideas',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ draft: s.draft, edits: s.edits, lastPlatforms: s.lastPlatforms, lastAccounts: s.lastAccounts }),
      merge: (saved, current) => {
        const s = (saved ?? {}) as Partial<IdeasState>;
        return {
          ...current,
          draft: { ...EMPTY_DRAFT, ...(s.draft ?? {}) },
          edits: s.edits && typeof s.edits === 'object' ? s.edits : {},
          lastPlatforms: Array.isArray(s.lastPlatforms) ? s.lastPlatforms.filter((p) => PLATFORMS.includes(p)) : [],
          lastAccounts: Array.isArray(s.lastAccounts) ? s.lastAccounts.filter((id) => typeof id === 'string') : [],
        };
      },
    },
  ),
);

export const openCapture = () => useIdeasStore.setState({ dialog: { mode: 'capture' } });

const formOf = (idea: IdeaDto): IdeaDraft => ({ text: idea.text, link: idea.link ?? '', tags: idea.tags.join(', ') });
const sameForm = (a: IdeaDraft, b: IdeaDraft) => a.text === b.text && a.link === b.link && a.tags === b.tags;

export const openEdit = (idea: IdeaDto) =>
  useIdeasStore.setState((s) => {
    const kept = s.edits[idea.id];
    return { dialog: { mode: 'edit', idea, form: kept ?? formOf(idea), restored: kept !== undefined } };
  });

/**
 * Closes the dialog. `keep` (Escape, a click beside it) keeps an edit's unsaved words for the
 * next Edit of that idea, as the capture draft is always kept; Cancel and Save let them go.
 */
export const closeDialog = ({ keep }: { keep: boolean }) =>
  useIdeasStore.setState((s) => {
    if (s.dialog?.mode !== 'edit') return { dialog: null };
    const edits = { ...s.edits };
    if (keep && !sameForm(s.dialog.form, formOf(s.dialog.idea))) edits[s.dialog.idea.id] = s.dialog.form;
    else delete edits[s.dialog.idea.id];
    return { dialog: null, edits };
  });

/** Changes the form of the open dialog: the quick-capture draft, or the edit in progress. */
export function patchDialogForm(patch: Partial<IdeaDraft>): void {
  useIdeasStore.setState((s) => {
    if (s.dialog?.mode === 'edit') return { dialog: { ...s.dialog, form: { ...s.dialog.form, ...patch } } };
    return { draft: { ...s.draft, ...patch } };
  });
}
