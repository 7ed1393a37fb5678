/** The welcome path's steps: skipped is told apart from done, and what the app holds now wins. */
import { describe, expect, it } from 'vitest';
import { Settings } from '../../shared/contract';
import { doneCount, pickedZone, statusesOf, stepStatus, stillToDo, withDone, withSkipped, type FirstRun } from '../../renderer/src/features/welcome/step-status';

const open = (over: Partial<FirstRun> = {}): FirstRun => ({ state: 'open', steps: [], ...over });
const loading = { accounts: null, voices: null };
const empty = { accounts: 0, voices: 0 };

describe('welcome step status', () => {
  it('keeps skipped apart from done, and counts only what was done', () => {
    let run = open();
    run = withDone(run, 'zone');
    for (const s of ['account', 'voice', 'times'] as const) run = withSkipped(run, s);
    const statuses = statusesOf(run, empty);
    expect(statuses).toEqual({ zone: 'done', account: 'skipped', voice: 'skipped', times: 'skipped', plan: 'todo' });
    expect(doneCount(statuses)).toBe(1);
    // Finished anyway: the last step is done, the skipped ones are still to do.
    const finished = statusesOf({ ...withDone(run, 'plan'), state: 'finished' }, empty);
    expect(doneCount(finished)).toBe(2);
    expect(stillToDo(finished)).toEqual(['account', 'voice', 'times']);
  });

  it('reads a step skipped but done elsewhere since as done (an account connected, a voice saved)', () => {
    const run = withSkipped(withSkipped(open(), 'account'), 'voice');
    expect(stepStatus(run, 'account', { accounts: 1, voices: 0 })).toBe('done');
    expect(stepStatus(run, 'voice', { accounts: 1, voices: 2 })).toBe('done');
    // A step never reached is done too when the thing exists.
    expect(stepStatus(open(), 'account', { accounts: 1, voices: 0 })).toBe('done');
  });

  it('does not call a step done when what it made is gone, and says nothing new while loading', () => {
    const run = withDone(withDone(withDone(open(), 'account'), 'voice'), 'times');
    expect(statusesOf(run, empty)).toMatchObject({ account: 'skipped', voice: 'skipped', times: 'skipped' });
    expect(statusesOf(run, loading)).toMatchObject({ account: 'done', voice: 'done', times: 'done' });
  });

  it('reads records from before skips were kept as they were: passed steps done', () => {
    const old = Settings.shape.firstRun.parse({ state: 'open', steps: ['zone', 'times'] })!;
    expect(old.skipped).toBeUndefined();
    expect(statusesOf(old, { accounts: 1, voices: 0 })).toMatchObject({ zone: 'done', times: 'done', account: 'done', voice: 'todo' });
  });

  it('skipping a step already done leaves it done; doing a skipped step makes it done', () => {
    const done = withDone(open(), 'zone');
    expect(stepStatus(withSkipped(done, 'zone'), 'zone', empty)).toBe('done');
    const skipped = withSkipped(open(), 'zone');
    expect(skipped).toEqual({ state: 'open', steps: ['zone'], skipped: ['zone'] });
    expect(withDone(skipped, 'zone')).toEqual({ state: 'open', steps: ['zone'], skipped: [] });
    expect(Settings.shape.firstRun.parse(withSkipped(skipped, 'times'))).toEqual({ state: 'open', steps: ['zone', 'times'], skipped: ['zone', 'times'] });
  });
});

describe('the zone step’s pick', () => {
  it('shows the saved zone over the machine’s, and the creator’s choice over both', () => {
    expect(pickedZone(null, 'Asia/Tokyo', 'UTC')).toBe('Asia/Tokyo');
    expect(pickedZone('Europe/Berlin', 'Asia/Tokyo', 'UTC')).toBe('Europe/Berlin');
    expect(pickedZone(null, undefined, 'America/New_York')).toBe('America/New_York');
    // Nothing loaded yet: nothing to save from a guess.
    expect(pickedZone(null, undefined, undefined)).toBeNull();
  });
});
