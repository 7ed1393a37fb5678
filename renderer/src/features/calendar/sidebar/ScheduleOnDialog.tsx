import { DateTime } from 'luxon';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Dialog } from '../../ideas/Dialog';
import { pickTime, reasonWords, type PickedTime } from './pick-time';
import { accountsOf, scheduleItem } from './schedule-item';
import { itemText, useSidebarStore, type SidebarItem } from './sidebar.store';
import { dayTime } from '../../../lib/format';

/**
 * "Schedule on…": the keyboard and screen-reader way to put a draft or idea on a day. The time
 * it will get is shown before anything happens, the same one a drop on that day would give.
 */
export function ScheduleOnDialog({ item, zone, suggested }: { item: SidebarItem; zone: string; suggested: string }) {
  const today = DateTime.now().setZone(zone).toFormat('yyyy-LL-dd');
  const [day, setDay] = useState(suggested < today ? today : suggested);
  // The time found for a day; while the day just picked has none yet, it is being found.
  const [found, setFound] = useState<{ day: string; picked: PickedTime | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const close = () => useSidebarStore.setState({ picking: null });
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(day) && DateTime.fromISO(day).isValid;

  useEffect(() => {
    if (!valid || day < today) return;
    let live = true;
    pickTime(day, zone, Date.now(), accountsOf(item)).then(
      (picked) => live && setFound({ day, picked }),
      () => live && setFound({ day, picked: null }),
    );
    return () => {
      live = false;
    };
  }, [day, valid, today, zone, item]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return setError('Pick a day, e.g. 2026-12-08');
    if (day < today) return setError('That day has passed: pick today or a later day');
    setBusy(true);
    const done = await scheduleItem(item, day, null, zone);
    setBusy(false);
    if (done) close();
  };

  const preview = found?.day === day ? found.picked : 'loading';
  const at = preview && preview !== 'loading' ? DateTime.fromISO(`${day}T${preview.time}`, { zone }).toMillis() : null;
  const words = itemText(item).trim().split('\n')[0]!.slice(0, 80);
  return (
    <Dialog title="Schedule on a day" titleId="schedule-on-title" onClose={close} initialFocus={field} testId="schedule-on-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate className="schedule-on-form">
        <p className="schedule-on-what" dir="auto">{words}</p>
        <div className="field">
          <label className="field-label" htmlFor="schedule-on-day">
            Day
          </label>
          <input
            ref={field}
            id="schedule-on-day"
            type="date"
            data-testid="schedule-on-day"
            min={today}
            value={day}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'schedule-on-error' : 'schedule-on-time'}
            onChange={(e) => {
              setDay(e.target.value);
              setError(null);
            }}
          />
          {error ? (
            <p className="field-error" id="schedule-on-error" role="alert" data-testid="schedule-on-error">
              {error}
            </p>
          ) : null}
        </div>
        <p className="schedule-on-time" id="schedule-on-time" data-testid="schedule-on-time" aria-live="polite">
          {!valid || day < today ? '' : preview === 'loading' ? 'Finding a time…' : preview && at !== null ? `At ${dayTime(at, zone)} (${zone}). ${reasonWords(preview.reason)}` : 'Nothing is left of that day: pick a later one.'}
        </p>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" data-testid="schedule-on-confirm" disabled={busy}>
            Schedule
          </button>
        </div>
      </form>
    </Dialog>
  );
}
