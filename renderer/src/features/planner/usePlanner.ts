import { useEffect } from 'react';
import { DateTime } from 'luxon';
import { create } from 'zustand';
import type { GenerationJobDto } from '../../../../shared/contract/features/generation';
import type { PillarDto, TemplateDto } from '../../../../shared/contract/features/library';
import type { PlannedItemDto } from '../../../../shared/contract/features/planner';
import { api } from '../../api/client';
import { currentZone } from '../../data/useAppData';
import { toProblem, type Problem } from '../../lib/errors';

interface PlannerState {
  /** The first day the creator picked; null until they pick one: then tomorrow, in their zone. */
  startDate: string | null;
  /** As typed: blank is no number at all, not 0. */
  days: string;
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

/** Tomorrow in the creator's zone (YYYY-MM-DD), not the computer's. */
export function tomorrowIn(zone: string, nowMs = Date.now()): string {
  return DateTime.fromMillis(nowMs, { zone }).plus({ days: 1 }).toFormat('yyyy-LL-dd');
}

/** The first day of the plan: the one picked, else tomorrow in the creator's zone. */
export const startDateOf = (s: Pick<PlannerState, 'startDate'>, zone: string): string => s.startDate ?? tomorrowIn(zone);

/** The number of days typed; null when the field is blank. */
export const daysOf = (s: Pick<PlannerState, 'days'>): number | null => (s.days.trim() === '' ? null : Number(s.days));

/** Each choice Preview still needs, in words: an empty list when it can run. */
export function previewNeeds(s: Pick<PlannerState, 'days' | 'pillarIds' | 'templateIds' | 'accountIds' | 'pillars' | 'templates'> & { accounts: unknown[] | null }): string[] {
  const pick = (chosen: string[], options: unknown[] | null, one: string, none: string) => (chosen.length > 0 ? [] : options?.length === 0 ? [none] : [`pick ${one}`]);
  return [
    ...(daysOf(s) === null ? ['enter how many days'] : []),
    ...pick(s.pillarIds, s.pillars, 'a pillar', 'add a pillar in Library'),
    ...pick(s.templateIds, s.templates, 'a template', 'add a template in Library'),
    ...pick(s.accountIds, s.accounts, 'an account', 'connect an account in Accounts'),
  ];
}

export const usePlannerStore = create<PlannerState>(() => ({
  startDate: null,
  days: '30',
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

/** What the core plans from; null while "Days" is blank (the screen asks for a number). */
const planInput = () => {
  const s = usePlannerStore.getState();
  const days = daysOf(s);
  if (days === null) return null;
  return { startDate: startDateOf(s, currentZone()), days, pillarIds: s.pillarIds, templateIds: s.templateIds, accountIds: s.accountIds, campaignId: s.campaignId };
};

export async function previewPlan(): Promise<void> {
  const input = planInput();
  if (!input) return;
  usePlannerStore.setState({ busy: true, problem: null });
  try {
    const { items } = await api.call('planner:preview', input);
    usePlannerStore.setState({ items, busy: false });
  } catch (err) {
    usePlannerStore.setState({ problem: toProblem(err), items: null, busy: false });
  }
}

/** Creates the drafts; their ids when they were made, null when not. */
export async function commitPlan(): Promise<string[] | null> {
  const input = planInput();
  if (!input) return null;
  usePlannerStore.setState({ busy: true, problem: null, made: null, slotJobs: null });
  try {
    const { postIds } = await api.call('planner:commit', input);
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
