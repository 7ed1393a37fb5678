import { useState } from 'react';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** The new-experiment form as typed. */
export interface ExperimentDraft {
  source: 'set' | 'hand';
  /** Empty: the variant set the form starts on (the one passed in, else the newest). */
  setId: string;
  name: string;
  texts: string[];
  accountIds: string[];
  /** As typed: a blank field is no number at all, not 0. */
  postsText: string;
  stopping: 'fixed_horizon' | 'expected_loss';
  campaignId: string;
}

interface DraftState {
  /** The fields touched, by where the form was opened from (a variant set's id, or 'hand'). */
  drafts: Record<string, Partial<ExperimentDraft>>;
}

const useDraftStore = create<DraftState>()(
  persist((): DraftState => ({ drafts: {} }), {
    name: 'loomcast.experiments',
    storage: createJSONStorage(() => localStorage),
    merge: (saved, current) => {
      const drafts = (saved as Partial<DraftState> | undefined)?.drafts;
      return { ...current, drafts: drafts && typeof drafts === 'object' ? drafts : {} };
    },
  }),
);

const NO_EDITS: Partial<ExperimentDraft> = {};

/** Lets the kept draft go: the experiment was created, or the form cancelled. */
export function dropExperimentDraft(key: string): void {
  useDraftStore.setState((s) => {
    const drafts = { ...s.drafts };
    delete drafts[key];
    return { drafts };
  });
}

/**
 * The create form's fields, kept outside the form: Escape closes it and what was typed is there
 * when it opens again, after a reload too, until it is created or cancelled. `restored` says the
 * form opened on such kept words.
 */
export function useExperimentDraft(key: string, initial: ExperimentDraft) {
  const edits = useDraftStore((s) => s.drafts[key] ?? NO_EDITS);
  const [restored] = useState(() => Object.keys(edits).length > 0);
  const form: ExperimentDraft = { ...initial, ...edits };
  const set = (patch: Partial<ExperimentDraft>) => useDraftStore.setState((s) => ({ drafts: { ...s.drafts, [key]: { ...s.drafts[key], ...patch } } }));
  return { form, set, restored };
}
