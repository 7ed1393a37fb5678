import { useState } from 'react';
import { api } from '../../api/client';
import { useSettings, useZone } from '../../data/useAppData';
import { toProblem, type Problem } from '../../lib/errors';
import { ProblemNote } from '../../ui/ProblemNote';
import { useAccounts } from '../accounts/useAccounts';
import { wallClock } from '../../lib/format';
import { dayName, sortSlots } from '../posting-times/weekdays';
import { markStep } from './first-run';

/** A calm first week: mornings early in the week, a lunch and an evening slot. */
export const SUGGESTED = [
  { weekday: 1, time: '09:00' },
  { weekday: 2, time: '12:30' },
  { weekday: 3, time: '09:00' },
  { weekday: 4, time: '17:30' },
  { weekday: 5, time: '09:00' },
];

const key = (s: { weekday: number; time: string }) => `${s.weekday} ${s.time}`;

/** Step 4: a few weekly posting times for an account; "Add to queue" then fills them in order. */
export function TimesStep({ onDone, onSkip, onConnect }: { onDone: () => void; onSkip: () => void; onConnect: () => void }) {
  const settings = useSettings();
  const zone = useZone();
  const { accounts } = useAccounts();
  const [accountId, setAccountId] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(SUGGESTED.map(key)));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const account = accounts?.find((a) => a.id === accountId) ?? accounts?.[0] ?? null;

  if (!account) {
    return (
      <div className="welcome-step" data-testid="welcome-times">
        <p data-testid="welcome-times-empty">
          Posting times belong to an account. Connect one first, then come back here — or skip this and pick a day and time for each post yourself.
        </p>
        <div className="welcome-actions">
          <button type="button" className="btn btn-primary" onClick={onConnect}>
            Connect an account
          </button>
          <button type="button" className="btn btn-ghost" data-testid="welcome-skip" onClick={onSkip}>
            Skip for now
          </button>
        </div>
      </div>
    );
  }

  const toggle = (k: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });

  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const existing = (await api.call('queue:slots', { accountId: account.id })).slots;
      const picked = SUGGESTED.filter((s) => chosen.has(key(s)));
      const merged = sortSlots([...existing, ...picked.filter((p) => !existing.some((e) => key(e) === key(p)))]);
      await api.call('queue:setSlots', {
        accountId: account.id,
        slots: merged,
      });
      await markStep(settings, 'times');
      onDone();
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="welcome-step" data-testid="welcome-times">
      <p>
        Pick a few weekly times. When you press “Add to queue” on a post, it takes the next free one. Times are in <strong>{zone}</strong>; change them any time from the account’s
        card in Accounts.
      </p>
      {accounts && accounts.length > 1 ? (
        <div className="field">
          <label htmlFor="welcome-times-account" className="field-label">
            Account
          </label>
          <select id="welcome-times-account" className="text-input" value={account.id} onChange={(e) => setAccountId(e.target.value)}>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.handle}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <fieldset className="welcome-times">
        <legend>Suggested times for {account.handle}</legend>
        {SUGGESTED.map((s) => (
          <label key={key(s)} className="welcome-time" data-testid="welcome-time" data-slot={key(s)}>
            <input type="checkbox" checked={chosen.has(key(s))} onChange={() => toggle(key(s))} />
            {dayName(s.weekday)} {wallClock(s.time)}
          </label>
        ))}
      </fieldset>
      {problem ? <ProblemNote problem={problem} testId="welcome-times-problem" /> : null}
      <div className="welcome-actions">
        <button type="button" className="btn btn-primary" data-testid="welcome-times-save" disabled={busy || chosen.size === 0} onClick={() => void save()}>
          {busy ? 'Saving…' : `Save ${chosen.size} posting ${chosen.size === 1 ? 'time' : 'times'}`}
        </button>
        <button type="button" className="btn btn-ghost" data-testid="welcome-skip" onClick={onSkip}>
          Skip for now
        </button>
      </div>
    </div>
  );
}
