import { useEffect } from 'react';
import { create } from 'zustand';
import type { GenerationJobDto } from '../../../../shared/contract/features/generation';
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
  /** The drafts the last "Create drafts" made, while a model can still be asked to write them. */
  made: string[] | null;
  /** The jobs asking the model to write those drafts, as they stand; null until asked. */
  slotJobs: GenerationJobDto[] | null;
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
  made: null,
  slotJobs: null,
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

/** Creates the drafts; their ids when they were made, null when not. */
export async function commitPlan(): Promise<string[] | null> {
  usePlannerStore.setState({ busy: true, problem: null, made: null, slotJobs: null });
  try {
    const { postIds } = await api.call('planner:commit', planInput());
    usePlannerStore.setState({ busy: false, items: null });
    return postIds;
  } catch (err) {
    usePlannerStore.setState({ problem: toProblem(err), busy: false });
    return null;
  }
}

let offSlots: (() => void) | null = null;

/** Stops following the slot jobs and forgets the drafts just made (the screen was left). */
export function forgetMade(): void {
  offSlots?.();
  offSlots = null;
  usePlannerStore.setState({ made: null, slotJobs: null });
}

/** Asks the creator's model to write the drafts just made; each becomes a new version in Review. */
export async function writeMadeWithModel(): Promise<void> {
  const { made } = usePlannerStore.getState();
  if (!made || made.length === 0) return;
  usePlannerStore.setState({ busy: true, problem: null });
  // Listen first: a quick model may finish a job before the reply that lists the jobs arrives.
  offSlots?.();
  const early = new Map<string, GenerationJobDto>();
  offSlots = api.subscribe('generation:job', (job) => {
    const { slotJobs } = usePlannerStore.getState();
    if (!slotJobs) early.set(job.id, job);
    else if (slotJobs.some((j) => j.id === job.id)) usePlannerStore.setState({ slotJobs: slotJobs.map((j) => (j.id === job.id ? job : j)) });
  });
  try {
    const jobs = await api.call('generation:slots', { postIds: made });
    usePlannerStore.setState({ busy: false, slotJobs: jobs.map((j) => early.get(j.id) ?? j) });
  } catch (err) {
    offSlots?.();
    offSlots = null;
    usePlannerStore.setState({ problem: toProblem(err), busy: false });
  }
}
