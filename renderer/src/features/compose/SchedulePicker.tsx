import { resolveLocal } from '../../../../shared/domain/time';
import { useNow } from '../../data/useNow';
import { wallClock, zoneAbbrev } from '../../lib/format';
import { FieldError } from './FieldError';

interface Props {
  date: string;
  time: string;
  zone: string;
  errors: { date?: string; time?: string; schedule?: string };
  onChange: (patch: { date?: string; time?: string }) => void;
}

/** What the typed time means before saving: a DST gap or overlap is said up front. */
function useMeaning(date: string, time: string, zone: string): string | null {
  if (!date || !time) return null;
  const r = resolveLocal({ date, time, zone });
  if (!r.ok) return r.reason === 'nonexistent' ? r.message : null;
  if (r.ambiguous) return `${wallClock(time)} happens twice that night in ${zone} (the clocks go back); Loomcast uses the first one.`;
  return null;
}

/** Day and time in the creator's zone, with the zone named right next to them. */
export function SchedulePicker({ date, time, zone, errors, onChange }: Props) {
  const meaning = useMeaning(date, time, zone);
  const now = useNow();
  const describedBy = [errors.schedule ? 'compose-schedule-error' : '', meaning ? 'compose-schedule-note' : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className="field schedule-picker" aria-describedby={describedBy}>
      <legend className="field-label">When</legend>
      <div className="schedule-row">
        <div className="schedule-input">
          <label htmlFor="compose-date">Day</label>
          <input
            id="compose-date"
            type="date"
            data-testid="compose-date"
            value={date}
            aria-invalid={errors.date ? true : undefined}
            aria-describedby={errors.date ? 'compose-date-error' : undefined}
            onChange={(e) => onChange({ date: e.target.value })}
          />
        </div>
        <div className="schedule-input">
          <label htmlFor="compose-time">Time</label>
          <input
            id="compose-time"
            type="time"
            data-testid="compose-time"
            value={time}
            aria-invalid={errors.time ? true : undefined}
            aria-describedby={errors.time ? 'compose-time-error' : undefined}
            onChange={(e) => onChange({ time: e.target.value })}
          />
        </div>
        <p className="schedule-zone" data-testid="compose-zone">
          <span>{zone}</span>
          <span className="muted">
            {zoneAbbrev(zone, now)} ·{' '}
            <a href="#/settings" className="link">
              change
            </a>
          </span>
        </p>
      </div>
      <FieldError id="compose-date-error" message={errors.date} />
      <FieldError id="compose-time-error" message={errors.time} />
      <FieldError id="compose-schedule-error" message={errors.schedule} />
      {meaning && !errors.schedule ? (
        <p className="field-note" id="compose-schedule-note" data-testid="compose-schedule-note">
          {meaning}
        </p>
      ) : null}
    </fieldset>
  );
}
