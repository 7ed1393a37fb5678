import type { SettingsDto } from '../../../../shared/contract';
import { updateSettings, useSettings } from '../../data/useAppData';
import { useVoices } from '../voices/useVoices';
import { useAccounts } from '../accounts/useAccounts';
import { statusesOf, withDone, withSkipped, type FirstRun, type StepId, type StepStatus } from './step-status';

export type { FirstRun, StepId, StepStatus } from './step-status';

/**
 * Where a step not done can be done later: `skipped` is how the step list says it, `todo` how the
 * closing page lists it ("Still to do: …").
 */
export interface Later {
  skipped: string;
  todo: string;
  href: string;
  link: string;
}

/** The five steps of the welcome path, in order. */
export const STEPS: { id: StepId; title: string; note: string; later?: Later }[] = [
  {
    id: 'zone',
    title: 'Your time zone',
    note: 'Every time in Loomcast is shown in it.',
    later: { skipped: 'Skipped — pick it any time in Settings', todo: 'pick your time zone, so times show as yours', href: '#/settings', link: 'Open Settings' },
  },
  {
    id: 'account',
    title: 'Connect an account',
    note: 'Where your posts go out.',
    later: { skipped: 'Skipped — connect an account any time in Accounts', todo: 'connect an account, so posts can go out', href: '#/accounts', link: 'Connect an account' },
  },
  {
    id: 'voice',
    title: 'A brand voice',
    note: 'Optional: how your posts should sound.',
    later: { skipped: 'Skipped — add one any time in Library → Voices', todo: 'add a brand voice, if you want writing help', href: '#/library/voices', link: 'Open Library → Voices' },
  },
  {
    id: 'times',
    title: 'Posting times',
    note: 'A few weekly times your queue fills.',
    later: { skipped: 'Skipped — set them any time from an account’s card in Accounts', todo: 'set weekly posting times, so “Add to queue” has times to fill', href: '#/accounts', link: 'Open Accounts' },
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

/** Each step done, skipped or still to do, checked against the accounts and voices there are now. */
export function useStepStatuses(): Record<StepId, StepStatus> {
  const run = useFirstRun();
  const { accounts } = useAccounts();
  const { voices } = useVoices();
  return statusesOf(run, { accounts: accounts?.length ?? null, voices: voices?.length ?? null });
}

const current = (settings: SettingsDto | null): FirstRun => settings?.firstRun ?? FRESH;

async function save(next: FirstRun): Promise<void> {
  await updateSettings({ firstRun: next });
}

/** Marks a step done; the path stays open until it is finished or dismissed. */
export async function markStep(settings: SettingsDto | null, step: StepId, extra: Partial<SettingsDto> = {}): Promise<void> {
  await updateSettings({ ...extra, firstRun: withDone(current(settings), step) });
}

/** "Skip for now" on a step: passed, but kept apart from the ones done. */
export function skipStep(settings: SettingsDto | null, step: StepId): Promise<void> {
  return save(withSkipped(current(settings), step));
}

/** The last step: the path is done and never shows again. */
export function finishFirstRun(settings: SettingsDto | null): Promise<void> {
  return save({ ...withDone(current(settings), 'plan'), state: 'finished' });
}

/** "Skip for now" on the welcome card: remembered, so the path doesn't come back. */
export function dismissFirstRun(settings: SettingsDto | null): Promise<void> {
  return save({ ...current(settings), state: 'dismissed' });
}

/** The first step not yet done or skipped. */
export function nextStep(run: FirstRun): StepId {
  return STEPS.find((s) => !run.steps.includes(s.id))?.id ?? 'plan';
}

export const isStep = (value: string | null): value is StepId => STEPS.some((s) => s.id === value);
