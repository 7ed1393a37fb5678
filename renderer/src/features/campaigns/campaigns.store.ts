import { create } from 'zustand';
import type { CampaignDto } from '../../../../shared/contract/features/campaigns';
import type { Problem } from '../../lib/errors';

interface CampaignsState {
  list: CampaignDto[] | null;
  problem: Problem | null;
  /** The campaign open in the editor: an id, 'new', or null when the editor is closed. */
  editing: string | 'new' | null;
  /** The campaign whose posts are shown. */
  selected: string | null;
}

export const useCampaignsStore = create<CampaignsState>(() => ({ list: null, problem: null, editing: null, selected: null }));
