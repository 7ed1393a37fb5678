import { create } from 'zustand';
import type { CampaignDto, CampaignGoal } from '../../../../shared/contract/features/campaigns';
import type { UtmKey } from '../../../../shared/domain/utm';
import { createKeptDrafts } from '../../lib/kept-drafts';
import type { Problem } from '../../lib/errors';

/** The campaign editor's fields as typed (amounts and the rate are text until saved). */
export interface CampaignForm {
  name: string;
  theme: string;
  goal: CampaignGoal | '';
  startsOn: string;
  endsOn: string;
  /** ISO 4217 code the amounts are typed in. */
  currency: string;
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
}

export const useCampaignsStore = create<CampaignsState>(() => ({ list: null, problem: null, editing: null, selected: null }));

/**
 * What was typed in the editor and not saved, by campaign id ('new' for a new one): only the
 * fields touched. Escape closes the editor and keeps it, as a reload or a crash does; Cancel and
 * Save let it go, as does deleting the campaign.
 */
export const campaignDrafts = createKeptDrafts<CampaignForm>('loomcast.campaigns');
