import { useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import type { AccountDto } from '../../../../shared/contract';
import { useZone } from '../../data/useAppData';
import { useDateFormat } from '../../data/useDateFormat';
import { useNow } from '../../data/useNow';
import { plural, wallClock, zoneAbbrev } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';
import { TimeInput } from '../../ui/TimeInput';
import { typedTimeProblem } from '../../../../shared/domain/typed-time';
import { addSlots, removeSlot, setQueueZone, usePostingTimes, NEXT_COUNT } from './usePostingTimes';
import { byDay, DAY_CHOICES, dayName, describeSlot } from './weekdays';
import './queue.css';

const ZONES: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

function ZonePicker({ accountId, ownZone, creatorZone, disabled }: { accountId: string; ownZone: string | null; creatorZone: string; disabled: boolean }) {
  const id = useId();
  // The account's own zone stays listed even if this browser doesn't know it.
  const zones = useMemo(() => (ownZone && !ZONES.includes(ownZone) ? [ownZone, ...ZONES] : ZONES), [ownZone]);
  return (
    <div className="queue-zone">
      <label htmlFor={id} className="field-label">
        Time zone of these times
      </label>
      <select id={id} data-testid="posting-times-zone" value={ownZone ?? ''} disabled={disabled} onChange={(e) => void setQueueZone(accountId, e.target.value || null)}>
        <option value="">Follow my time zone ({creatorZone})</option>
        {zones.map((z) => (
          <option key={z} value={z}>
            {z.replace(/_/g, ' ')}
          </option>
        ))}
      </select>
    </div>
  );
}

function AddTime({ accountId, disabled, timeInput }: { accountId: string; disabled: boolean; timeInput: RefObject<HTMLInputElement | null> }) {
  const [day, setDay] = useState('1');
  const [time, setTime] = useState('09:00');
  const [error, setError] = useState<string | null>(null);
  const dayId = useId();
  const timeId = useId();
  const errorId = useId();
  const fmt = useDateFormat();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{2}:\d{2}$/.test(time)) {
      // Text that isn't a time has said so already (TimeInput, on Enter); an empty field hasn't.
      setError((said) => said ?? typedTimeProblem('', fmt));
      timeInput.current?.focus();
      return;
    }
    setError(null);
    const days = DAY_CHOICES.find((c) => c.value === day)?.days ?? [];
    if (await addSlots(accountId, days.map((weekday) => ({ weekday, time })))) timeInput.current?.focus();
  };
  return (
    <form className="queue-add" onSubmit={(e) => void submit(e)} aria-label="Add a posting time">
      <div className="queue-add-field">
        <label htmlFor={dayId}>Day</label>
        <select id={dayId} data-testid="slot-weekday" value={day} onChange={(e) => setDay(e.target.value)}>
          {DAY_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div className="queue-add-field">
        <label htmlFor={timeId}>Time</label>
        <TimeInput ref={timeInput} id={timeId} testId="slot-time" value={time} required aria-invalid={!!error} aria-describedby={error ? errorId : undefined} onChange={setTime} onProblem={setError} />
      </div>
      <button type="submit" className="btn" data-testid="slot-add" disabled={disabled}>
        <Icon name="plus" />
        Add time
      </button>
      {error ? (
        <p className="field-error queue-add-error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/**
 * An account's weekly posting times: the queue puts posts into the next free one. Every change
 * is saved at once; the next free times below follow it (and every post scheduled elsewhere).
 */
export function PostingTimes({ account, onClose }: { account: AccountDto; onClose: () => void }) {
  const queue = usePostingTimes(account.id);
  const creatorZone = useZone();
  const now = useNow();
  const timeInput = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const slots = queue.slots?.slots ?? [];
  const zone = queue.slots?.zone ?? creatorZone;
  const otherZone = zone !== creatorZone;

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !(e.target instanceof HTMLSelectElement)) {
      e.stopPropagation();
      onClose();
    }
  };

  const remove = async (weekday: number, time: string) => {
    if (await removeSlot(account.id, { weekday, time })) timeInput.current?.focus();
  };

  return (
    <section className="posting-times" aria-labelledby={titleId} data-testid="posting-times" data-account-id={account.id} onKeyDown={onKeyDown}>
      <header className="posting-times-head">
        <h3 id={titleId}>Posting times</h3>
        <p className="muted">
          Posts you add to {account.handle}’s queue go out at the next free time. Times are in{' '}
          <strong data-testid="posting-times-zone-name">{zone}</strong> ({zoneAbbrev(zone, now)}).
        </p>
      </header>

      {queue.problem ? <ProblemNote problem={queue.problem} testId="posting-times-problem" /> : null}
      {queue.slots === null && !queue.problem ? <p className="muted">Reading posting times…</p> : null}

      {queue.slots ? (
        <>
          <ZonePicker accountId={account.id} ownZone={queue.slots.ownZone} creatorZone={creatorZone} disabled={queue.saving} />
          {slots.length === 0 ? (
            <p className="queue-empty" data-testid="slots-empty">
              No posting times yet. Add the days and times this account usually posts, for example weekdays at 09:00.
            </p>
          ) : (
            <ul className="queue-days" data-testid="slot-list" aria-label={`Weekly posting times, ${plural(slots.length, 'time')}`}>
              {byDay(slots).map(({ weekday, times }) => (
                <li key={weekday} className="queue-day" data-testid="slot-day" data-weekday={weekday}>
                  <span className="queue-day-name">{dayName(weekday)}</span>
                  <ul className="queue-times">
                    {times.map((time) => (
                      <li key={time} className="queue-time" data-testid="slot" data-slot={`${weekday} ${time}`}>
                        <span>{wallClock(time)}</span>
                        <button
                          type="button"
                          className="queue-time-remove"
                          data-testid="slot-remove"
                          aria-label={`Remove ${dayName(weekday)} ${wallClock(time)}`}
                          title={`Remove ${dayName(weekday)} ${wallClock(time)}`}
                          disabled={queue.saving}
                          onClick={() => void remove(weekday, time)}
                        >
                          <Icon name="close" size={12} />
                        </button>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          <AddTime accountId={account.id} disabled={queue.saving} timeInput={timeInput} />
          {queue.saveProblem ? <ProblemNote problem={queue.saveProblem} testId="posting-times-save-problem" /> : null}

          <div className="queue-next">
            <h4>
              Next free times <span className="muted">in {zone}</span>
            </h4>
            {queue.next && queue.next.slots.length > 0 ? (
              <ol className="queue-next-list" data-testid="next-free-list" aria-live="polite">
                {queue.next.slots.slice(0, NEXT_COUNT).map((s) => {
                  const { when, zoneShort } = describeSlot(s);
                  return (
                    <li key={s.at} data-testid="next-free-item" data-at={s.at}>
                      <span className="queue-next-when">{when}</span> <span className="muted">{zoneShort}</span>
                      {otherZone ? <span className="muted queue-next-mine"> · {describeSlot({ ...s, zone: creatorZone }).when} your time</span> : null}
                      {s.ambiguous ? <span className="field-note"> · the first {wallClock(s.time)}: the clocks go back that night</span> : null}
                    </li>
                  );
                })}
              </ol>
            ) : (
              <p className="muted" data-testid="next-free-empty">
                {slots.length === 0 ? 'Add a posting time to see when queued posts would go out.' : 'Every posting time in the next two years is taken.'}
              </p>
            )}
          </div>
        </>
      ) : null}
    </section>
  );
}
