import type { SettingsDto } from '../../../../shared/contract';

export type FirstRun = NonNullable<SettingsDto['firstRun']>;
export type StepId = FirstRun['steps'][number];
export type StepStatus = 'done' | 'skipped' | 'todo';

/** What the app holds now, where a step has something to check it against; null while loading. */
export interface RealState {
  accounts: number | null;
  voices: number | null;
}

/** The steps in order (their words are in first-run.ts). */
export const STEP_IDS: readonly StepId[] = ['zone', 'account', 'voice', 'times', 'plan'];

/**
 * A step's status: what the app holds wins where it says something (an account connected in
 * Accounts after skipping makes "Connect an account" done; none connected means it is not done,
 * whatever was recorded). Otherwise what was recorded: a step passed and not skipped is done.
 * Records from before skips were kept (no `skipped`) read as done, as they always did.
 */
export function stepStatus(run: FirstRun, step: StepId, real: RealState): StepStatus {
  const passed = run.steps.includes(step);
  const recorded: StepStatus = passed ? (run.skipped?.includes(step) ? 'skipped' : 'done') : 'todo';
  const notDone: StepStatus = passed ? 'skipped' : 'todo';
  switch (step) {
    case 'account':
      return real.accounts === null ? recorded : real.accounts > 0 ? 'done' : notDone;
    case 'voice':
      return real.voices === null ? recorded : real.voices > 0 ? 'done' : notDone;
    case 'times':
      // Posting times belong to an account: with none connected there are none to post at.
      return real.accounts === 0 ? notDone : recorded;
    case 'plan':
      return run.state === 'finished' ? 'done' : recorded;
    default:
      return recorded;
  }
}

export function statusesOf(run: FirstRun, real: RealState): Record<StepId, StepStatus> {
  return Object.fromEntries(STEP_IDS.map((s) => [s, stepStatus(run, s, real)])) as Record<StepId, StepStatus>;
}

/** How many steps are done; skipped ones do not count. */
export const doneCount = (statuses: Record<StepId, StepStatus>): number => STEP_IDS.filter((s) => statuses[s] === 'done').length;

/** The record after a step is done: passed, and no longer skipped. */
export function withDone(run: FirstRun, step: StepId): FirstRun {
  const steps = run.steps.includes(step) ? run.steps : [...run.steps, step];
  const skipped = (run.skipped ?? []).filter((s) => s !== step);
  return { ...run, steps, skipped };
}

/** The record after "Skip for now": passed and skipped, unless it was done already (skipping again undoes nothing). */
export function withSkipped(run: FirstRun, step: StepId): FirstRun {
  const skipped = run.skipped ?? [];
  if (run.steps.includes(step) && !skipped.includes(step)) return { ...run, skipped };
  return {
    ...run,
    steps: run.steps.includes(step) ? run.steps : [...run.steps, step],
    skipped: skipped.includes(step) ? skipped : [...skipped, step],
  };
}

/** What is left after the path is closed, in the order of the steps (the last step is never left). */
export const stillToDo = (statuses: Record<StepId, StepStatus>): StepId[] => STEP_IDS.filter((s) => s !== 'plan' && statuses[s] !== 'done');

/**
 * The step a zone step shows picked: the creator's choice on this visit, else the saved zone
 * (settings always hold one: the machine's zone until one is saved), else the machine's zone;
 * null until either has loaded, so nothing can be saved from a guess.
 */
export function pickedZone(choice: string | null, savedZone: string | null | undefined, systemZone: string | null | undefined): string | null {
  return choice ?? savedZone ?? systemZone ?? null;
}
