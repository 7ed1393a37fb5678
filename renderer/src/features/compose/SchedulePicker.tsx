import { useState, type ReactNode } from 'react';
import { resolveLocal } from '../../../../shared/domain/time';
import { useNow } from '../../data/useNow';
import { wallClock, zoneAbbrev } from '../../lib/format';
import { TimeInput } from '../../ui/TimeInput';
import { FieldError } from './FieldError';
import type { FreeSlot } from './usePostingSlots';

interface Props {
  date: string;
  time: string;
  zone: string;
  errors: { date?: string; time?: string; schedule?: string };
  onChange: (patch: { date?: string; time?: string }) => void;
  /** The next free posting times of the chosen accounts, offered as one-click choices. */
  slots: FreeSlot[];
  /** How many accounts the post goes to: a slot of only some of them names them. */
  accountCount: number;
  /** Why no free times are offered, when none are (no platform, no posting times set). */
  slotsNote: ReactNode;
}

/** Whether the "no time picked yet" note shows (and describes the Schedule button). */
export const noTimeNote = (date: string, time: string, errors: Props['errors']): boolean => !(date && time) && !errors.date && !errors.time && !errors.schedule;

/** What the typed time means before saving: a DST gap or overlap is said up front. */
function useMeaning(date: string, time: string, zone: string): string | null {
  if (!date || !time) return null;
  const r = resolveLocal({ date, time, zone });
  if (!r.ok) return r.reason === 'nonexistent' ? r.message : null;
  if (r.ambiguous) return `${wallClock(time)} happens twice that night in ${zone} (the clocks go back); Loomcast uses the first one.`;
  return null;
}

/**
 * The next free posting times as buttons, then day and time in the creator's zone with the zone
 * named next to them. Nothing is picked for the creator: a new post starts with no time.
 */
export function SchedulePicker({ date, time, zone, errors: checked, onChange, slots, accountCount, slotsNote }: Props) {
  const meaning = useMeaning(date, time, zone);
  const now = useNow();
  // Typed text that isn't a time: said under the field like the composer's own checks. The form
  // holds no time meanwhile, so a time set from outside (a free slot) ends it.
  const [typedProblem, setTypedProblem] = useState<string | null>(null);
  const errors = typedProblem && !time ? { ...checked, time: typedProblem } : checked;
  const pick = (s: FreeSlot) => {
    setTypedProblem(null);
    onChange({ date: s.date, time: s.time });
  };
  const describedBy = [errors.schedule ? 'compose-schedule-error' : '', meaning ? 'compose-schedule-note' : ''].filter(Boolean).join(' ') || undefined;
  // A passed time is the day's and the time's problem together: both inputs say so.
  const inputAria = (own: string | undefined, id: string) => {
    const ids = [own ? id : '', errors.schedule ? 'compose-schedule-error' : ''].filter(Boolean).join(' ');
    return ids ? { 'aria-invalid': true, 'aria-describedby': ids } : {};
  };
  return (
    <fieldset className="field schedule-picker" aria-describedby={describedBy}>
      <legend className="field-label">When</legend>
      {slots.length > 0 ? (
        <div className="free-slots">
          <p className="free-slots-title" id="compose-free-slots-title">
            Next free posting times
          </p>
          <ul className="free-slots-list" aria-labelledby="compose-free-slots-title" data-testid="compose-free-slots">
            {slots.map((s) => {
              const picked = s.date === date && s.time === time;
              const some = s.handles.length < accountCount;
              return (
                <li key={s.at}>
                  <button type="button" className="free-slot" aria-pressed={picked} data-testid="compose-free-slot" data-date={s.date} data-time={s.time} onClick={() => pick(s)}>
                    <span>{s.label}</span>
                    {some ? <span className="free-slot-who">{s.handles.join(', ')}</span> : null}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ) : slotsNote ? (
        <p className="compose-hint muted free-slots-note" data-testid="compose-slots-note">
          {slotsNote}
        </p>
      ) : null}
      <div className="schedule-row">
        <div className="schedule-input">
          <label htmlFor="compose-date">Day</label>
          <input
            id="compose-date"
            type="date"
            data-testid="compose-date"
            value={date}
            {...inputAria(errors.date, 'compose-date-error')}
            onChange={(e) => onChange({ date: e.target.value })}
          />
        </div>
        <div className="schedule-input">
          <label htmlFor="compose-time">Time</label>
          <TimeInput id="compose-time" testId="compose-time" value={time} {...inputAria(errors.time, 'compose-time-error')} onChange={(t) => onChange({ time: t })} onProblem={setTypedProblem} />
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
      {/* As ComposeScreen decides it (the Schedule button's description names this note). */}
      {noTimeNote(date, time, checked) ? (
        <p className="compose-hint muted" id="compose-no-time" data-testid="compose-no-time">
          {date || time ? 'Pick both a day and a time to schedule it.' : 'No time picked yet: choose a free posting time, or a day and time, to schedule it. Or save it as a draft.'}
        </p>
      ) : null}
      {meaning && !errors.schedule ? (
        <p className="field-note" id="compose-schedule-note" data-testid="compose-schedule-note">
          {meaning}
        </p>
      ) : null}
    </fieldset>
  );
}
