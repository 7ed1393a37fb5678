import { createKeptDrafts } from '../../lib/kept-drafts';

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

/** Kept by where the form was opened from (a variant set's id, or 'hand'). */
const kept = createKeptDrafts<ExperimentDraft>('loomcast.experiments');

/** Lets the kept draft go: the experiment was created, or the form cancelled. */
export const dropExperimentDraft = (key: string): void => kept.drop(key);

/** The create form's fields, kept outside the form (lib/kept-drafts.ts). */
export const useExperimentDraft = (key: string, initial: ExperimentDraft) => kept.useDraft(key, initial);
