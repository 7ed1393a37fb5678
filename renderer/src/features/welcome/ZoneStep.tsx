import { useMemo, useState } from 'react';
import { useAppInfo, useSettings } from '../../data/useAppData';
import { toProblem, type Problem } from '../../lib/errors';
import { ProblemNote } from '../../ui/ProblemNote';
import { markStep } from './first-run';
import { pickedZone } from './step-status';
import { allZones, filterZones } from './zones';

const SHOWN = 50;

/** Step 1: a searchable list of every time zone with its offset; the saved zone is picked first (the system's, until one is saved). */
export function ZoneStep({ done, onDone, onSkip }: { done: boolean; onDone: () => void; onSkip: () => void }) {
  const settings = useSettings();
  const info = useAppInfo();
  const zones = useMemo(() => allZones(new Date()), []);
  // The creator's own choice on this visit; until then the saved zone (the machine's until one is saved).
  const [choice, setChoice] = useState<string | null>(null);
  const picked = pickedZone(choice, settings?.timeZone, info?.systemTimeZone);
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const matches = filterZones(zones, query);
  const shown = matches.slice(0, SHOWN);
  const pickedOffset = zones.find((z) => z.zone === picked);
  // The step was done and nothing else is picked: this is the zone in use, not a suggestion.
  const saved = done && picked === settings?.timeZone;

  const save = async () => {
    if (!picked) return;
    setBusy(true);
    setProblem(null);
    try {
      await markStep(settings, 'zone', picked === settings?.timeZone ? {} : { timeZone: picked });
      onDone();
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="welcome-step" data-testid="welcome-zone">
      <p>
        Posts go out at the times you pick, in this zone. Your computer says <strong>{info?.systemTimeZone ?? 'UTC'}</strong>.
      </p>
      <p className="welcome-picked" data-testid="welcome-zone-picked" aria-live="polite">
        {picked ? (
          <>
            {saved ? 'Saved' : 'Picked'}: <strong>{picked}</strong> {pickedOffset ? <span className="muted">({pickedOffset.offset})</span> : null}
          </>
        ) : (
          'Loading your zone…'
        )}
      </p>
      <div className="field">
        <label htmlFor="welcome-zone-search" className="field-label">
          Search time zones
        </label>
        <input
          id="welcome-zone-search"
          className="text-input"
          type="search"
          data-testid="welcome-zone-search"
          placeholder="A city or region, like Tokyo or New York"
          autoComplete="off"
          spellCheck={false}
          value={query}
          aria-describedby="welcome-zone-count"
          onChange={(e) => setQuery(e.target.value)}
        />
        <p className="field-help" id="welcome-zone-count" aria-live="polite">
          {matches.length === 0
            ? 'No time zone matches that. Try a big city nearby, or a region like “Europe”.'
            : matches.length > SHOWN
              ? `Showing ${SHOWN} of ${matches.length}. Type more to narrow the list.`
              : `${matches.length} ${matches.length === 1 ? 'match' : 'matches'}.`}
        </p>
      </div>
      <fieldset className="welcome-zones">
        <legend className="visually-hidden">Time zones</legend>
        {shown.map((z) => (
          <label key={z.zone} className="welcome-zone" data-testid="welcome-zone-option" data-zone={z.zone}>
            <input type="radio" name="welcome-zone" value={z.zone} checked={picked === z.zone} onChange={() => setChoice(z.zone)} />
            <span className="welcome-zone-name">{z.zone.replace(/_/g, ' ')}</span>
            <span className="muted">{z.offset}</span>
          </label>
        ))}
      </fieldset>
      {problem ? <ProblemNote problem={problem} testId="welcome-zone-problem" /> : null}
      <div className="welcome-actions">
        <button type="button" className="btn btn-primary" data-testid="welcome-zone-save" disabled={busy || !picked} onClick={() => void save()}>
          {busy ? 'Saving…' : saved ? `Keep ${picked}` : `Use ${picked ?? 'this zone'}`}
        </button>
        <button type="button" className="btn btn-ghost" data-testid="welcome-skip" onClick={onSkip}>
          Skip for now
        </button>
      </div>
    </div>
  );
}
