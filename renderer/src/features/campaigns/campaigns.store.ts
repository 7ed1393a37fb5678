import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { CampaignDto, CampaignGoal } from '../../../../shared/contract/features/campaigns';
import type { UtmKey } from '../../../../shared/domain/utm';
import type { Problem } from '../../lib/errors';

/** The campaign editor's fields as typed (amounts and the rate are text until saved). */
export interface CampaignForm {
  name: string;
  theme: string;
  goal: CampaignGoal | '';
  startsOn: string;
  endsOn: string;
  cost: string;
  revenue: string;
  guard: string;
  utm: Partial<Record<UtmKey, string>>;
}

interface CampaignsState {
  list: CampaignDto[] | null;
  problem: Problem | null;
  /** The campaign open in the editor: an id, 'new', or null when the editor is closed. */
  editing: string | 'new' | null;
  /** The campaign whose posts are shown. */
  selected: string | null;
  /**
   * What was typed in the editor and not saved, by campaign id ('new' for a new one): only the
   * fields touched. Escape closes the editor and keeps it, as a reload or a crash does; Cancel
   * and Save let it go.
   */
  drafts: Record<string, Partial<CampaignForm>>;
}

export const useCampaignsStore = create<CampaignsState>()(
  persist((): CampaignsState => ({ list: null, problem: null, editing: null, selected: null, drafts: {} }), {
    name: 'loomcast.campaigns',
    storage: createJSONStorage(() => localStorage),
    partialize: (s) => ({ drafts: s.drafts }),
    merge: (saved, current) => {
      const drafts = (saved as Partial<CampaignsState> | undefined)?.drafts;
      return { ...current, drafts: drafts && typeof drafts === 'object' ? drafts : {} };
    },
  }),
);

/** Adds typed fields to a campaign's kept draft, or (null) lets the draft go. */
export function patchCampaignDraft(key: string, patch: Partial<CampaignForm> | null): void {
  useCampaignsStore.setState((s) => {
    const drafts = { ...s.drafts };
    if (patch === null) delete drafts[key];
    else drafts[key] = { ...drafts[key], ...patch };
    return { drafts };
  });
}
