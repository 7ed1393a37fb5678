import { useEffect } from 'react';
import { create } from 'zustand';
import type { PillarDto, TemplateDto } from '../../../../shared/contract/features/library';
import type { PlannedItemDto } from '../../../../shared/contract/features/planner';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';

interface PlannerState {
  startDate: string;
  days: number;
  pillarIds: string[];
  templateIds: string[];
  accountIds: string[];
  /** The campaign the month belongs to; its name, theme and goal shape the drafts. */
  campaignId: string | null;
  campaigns: { id: string; name: string }[] | null;
  pillars: PillarDto[] | null;
  templates: TemplateDto[] | null;
  /** The last preview; null until asked for, or after the choices change. */
  items: PlannedItemDto[] | null;
  problem: Problem | null;
  busy: boolean;
}

const tomorrow = () => {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export const usePlannerStore = create<PlannerState>(() => ({
  startDate: tomorrow(),
  days: 30,
  pillarIds: [],
  templateIds: [],
  accountIds: [],
  campaignId: null,
  campaigns: null,
  pillars: null,
  templates: null,
  items: null,
  problem: null,
  busy: false,
}));

/** Changing a choice clears the preview: it no longer says what would be made. */
export function choose(patch: Partial<Pick<PlannerState, 'startDate' | 'days' | 'pillarIds' | 'templateIds' | 'accountIds' | 'campaignId'>>): void {
  usePlannerStore.setState({ ...patch, items: null, problem: null });
}

export const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

async function loadChoices(): Promise<void> {
  try {
    const [pillars, templates, campaigns] = await Promise.all([api.call('pillars:list', {}), api.call('templates:list', {}), api.call('campaigns:list', {})]);
    usePlannerStore.setState((s) => ({
      pillars,
      templates,
      campaigns: campaigns.map((c) => ({ id: c.id, name: c.name })),
      campaignId: campaigns.some((c) => c.id === s.campaignId) ? s.campaignId : null,
    }));
  } catch (err) {
    usePlannerStore.setState({ problem: toProblem(err) });
  }
}

let listening = false;
export function usePlannerChoices(): void {
  useEffect(() => {
    if (!listening) {
      listening = true;
      api.subscribe('library:changed', () => void loadChoices());
    }
    void loadChoices();
  }, []);
}

const planInput = () => {
  const s = usePlannerStore.getState();
  return { startDate: s.startDate, days: s.days, pillarIds: s.pillarIds, templateIds: s.templateIds, accountIds: s.accountIds, campaignId: s.campaignId };
};

export async function previewPlan(): Promise<void> {
  usePlannerStore.setState({ busy: true, problem: null });
  try {
    const { items } = await api.call('planner:preview', planInput());
    usePlannerStore.setState({ items, busy: false });
  } catch (err) {
    usePlannerStore.setState({ problem: toProblem(err), items: null, busy: false });
  }
}

/** Creates the drafts; true when they were made. */
export async function commitPlan(): Promise<boolean> {
  usePlannerStore.setState({ busy: true, problem: null });
  try {
    await api.call('planner:commit', planInput());
    usePlannerStore.setState({ busy: false, items: null });
    return true;
  } catch (err) {
    usePlannerStore.setState({ problem: toProblem(err), busy: false });
    return false;
  }
}
