import type { SettingsDto } from '../../../../shared/contract';
import { updateSettings, useSettings } from '../../data/useAppData';

export type FirstRun = NonNullable<SettingsDto['firstRun']>;
export type StepId = FirstRun['steps'][number];

/** The five steps of the welcome path, in order. */
export const STEPS: { id: StepId; title: string; note: string }[] = [
  {
    id: 'zone',
    title: 'Your time zone',
    note: 'Every time in Loomcast is shown in it.',
  },
  {
    id: 'account',
    title: 'Connect an account',
    note: 'Where your posts go out.',
  },
  {
    id: 'voice',
    title: 'A brand voice',
    note: 'Optional: how your posts should sound.',
  },
  {
    id: 'times',
    title: 'Posting times',
    note: 'A few weekly times your queue fills.',
  },
  {
    id: 'plan',
    title: 'Your first week',
    note: 'Plan it, import it, or write one post.',
  },
];

const FRESH: FirstRun = { state: 'open', steps: [] };

export function useFirstRun(): FirstRun {
  return useSettings()?.firstRun ?? FRESH;
}

const current = (settings: SettingsDto | null): FirstRun => settings?.firstRun ?? FRESH;

async function save(next: FirstRun): Promise<void> {
  await updateSettings({ firstRun: next });
}

/** Marks a step done (or skipped); the path stays open until it is finished or dismissed. */
export async function markStep(settings: SettingsDto | null, step: StepId, extra: Partial<SettingsDto> = {}): Promise<void> {
  const run = current(settings);
  const steps = run.steps.includes(step) ? run.steps : [...run.steps, step];
  await updateSettings({ ...extra, firstRun: { state: run.state, steps } });
}

/** The last step: the path is done and never shows again. */
export function finishFirstRun(settings: SettingsDto | null): Promise<void> {
  const run = current(settings);
  return save({
    state: 'finished',
    steps: run.steps.includes('plan') ? run.steps : [...run.steps, 'plan'],
  });
}

/** "Skip for now" on the welcome card: remembered, so the path doesn't come back. */
export function dismissFirstRun(settings: SettingsDto | null): Promise<void> {
  return save({ state: 'dismissed', steps: current(settings).steps });
}

/** The first step not yet done or skipped. */
export function nextStep(run: FirstRun): StepId {
  return STEPS.find((s) => !run.steps.includes(s.id))?.id ?? 'plan';
}

export const isStep = (value: string | null): value is StepId => STEPS.some((s) => s.id === value);
