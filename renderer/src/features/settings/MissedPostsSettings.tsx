import { useState } from 'react';
import type { SettingsDto } from '../../../../shared/contract';
import type { Problem } from '../../lib/errors';
import { ProblemNote } from '../../ui/ProblemNote';
import type { SaveSetting } from './useSettingsForm';

type Unit = 'minutes' | 'hours';
const MAX_MINUTES = 7 * 24 * 60;

const ACTIONS: { value: SettingsDto['missedAction']; label: string }[] = [
  { value: 'hold', label: 'Hold it for me to decide' },
  { value: 'publish', label: 'Publish it late anyway' },
];

/**
 * What happens to a post found due after its time (the computer slept, Loomcast was closed):
 * within the grace period it goes out; later than that it is held or published late.
 */
export function MissedPostsSettings({ settings, save, problem }: { settings: SettingsDto; save: SaveSetting; problem: Problem | null }) {
  const grace = settings.missedGraceMinutes;
  const [unit, setUnit] = useState<Unit>(grace > 0 && grace % 60 === 0 ? 'hours' : 'minutes');
  /** What is being typed; null shows the saved value. */
  const [draft, setDraft] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const amount = draft ?? String(unit === 'hours' ? grace / 60 : grace);

  const commit = (raw: string, u: Unit) => {
    const n = Number(raw);
    const minutes = Math.round(u === 'hours' ? n * 60 : n);
    if (raw.trim() === '' || !Number.isFinite(n) || minutes < 0 || minutes > MAX_MINUTES) {
      setInvalid(`Enter a number from 0 to ${u === 'hours' ? '168 hours' : `${MAX_MINUTES} minutes`} (a week).`);
      return;
    }
    setInvalid(null);
    if (minutes === grace) {
      setDraft(null);
      return;
    }
    const what = `Grace period set to ${u === 'hours' ? `${minutes / 60} ${minutes === 60 ? 'hour' : 'hours'}` : `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`}`;
    // The number typed stays until the core has it: a failed save leaves it there to try again.
    void save({ missedGraceMinutes: minutes }, what, 'missed').then((ok) => {
      if (ok) setDraft(null);
    });
  };

  return (
    <section className="card" aria-labelledby="settings-missed">
      <h2 id="settings-missed" className="card-title">
        Missed posts
      </h2>
      <p className="setting-help">If the computer was asleep or Loomcast was closed when a post was due, it is found late.</p>
      <div className="setting">
        <label htmlFor="settings-missed-grace" className="field-label">
          Still publish a post found this late
        </label>
        <div className="missed-grace">
          <input
            id="settings-missed-grace"
            data-testid="settings-missed-grace"
            type="number"
            min={0}
            inputMode="numeric"
            value={amount}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={invalid ? 'settings-missed-grace-error' : undefined}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={() => commit(amount, unit)}
            onKeyDown={(e) => e.key === 'Enter' && commit(amount, unit)}
          />
          <select
            aria-label="Unit"
            data-testid="settings-missed-grace-unit"
            value={unit}
            onChange={(e) => {
              const u = e.target.value as Unit;
              setUnit(u);
              // The saved period reads in the new unit; only a number being typed is taken in it.
              if (draft !== null) commit(draft, u);
            }}
          >
            <option value="minutes">minutes</option>
            <option value="hours">hours</option>
          </select>
        </div>
        {invalid ? (
          <p id="settings-missed-grace-error" className="field-note" role="alert">
            {invalid}
          </p>
        ) : null}
      </div>
      <fieldset className="setting">
        <legend className="field-label">When a post is found later than that</legend>
        <div className="segmented">
          {ACTIONS.map((a) => (
            <label key={a.value} className="segment" data-testid={`settings-missed-${a.value}`}>
              <input
                type="radio"
                name="missed-action"
                value={a.value}
                checked={settings.missedAction === a.value}
                onChange={() => void save({ missedAction: a.value }, a.value === 'hold' ? 'Late posts are held for you' : 'Late posts are published late', 'missed')}
              />
              <span>{a.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {problem ? <ProblemNote problem={problem} testId="settings-missed-problem" /> : null}
    </section>
  );
}
