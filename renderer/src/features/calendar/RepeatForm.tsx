import { useEffect, useRef, useState } from 'react';
import type { RecurrenceDto } from '../../../../shared/contract/features/posting-times';
import { api } from '../../api/client';
import { splitIssues, type Problem } from '../../lib/errors';
import { ProblemNote } from '../../ui/ProblemNote';
import { FieldError } from '../compose/FieldError';

type Field = 'everyDays' | 'count' | 'date';
type Ends = 'count' | 'date';

const fieldOf = (path: (string | number)[]): Field | null => {
  if (path[0] === 'everyDays') return 'everyDays';
  return path[0] === 'until' && (path[1] === 'date' || path[1] === 'count') ? path[1] : null;
};

/**
 * How often a post repeats and when the series ends: after a number of posts in all, or on a
 * day. Saving a new rule over an old one makes the copies not yet out again under it (the core
 * says so in its answer); the core checks every number and date and names what is wrong.
 */
export function RepeatForm({ postId, current, startDate, onSaved, onCancel }: { postId: string; current: RecurrenceDto | null; startDate: string | null; onSaved: (r: RecurrenceDto) => void; onCancel: () => void }) {
  const [everyDays, setEveryDays] = useState(String(current?.everyDays ?? 7));
  const [ends, setEnds] = useState<Ends>(current && 'date' in current.until ? 'date' : 'count');
  const [count, setCount] = useState(String(current && 'count' in current.until ? current.until.count : 4));
  const [date, setDate] = useState(current && 'date' in current.until ? current.until.date : '');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const save = async () => {
    const n = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
    // An empty field is named here; everything else (whole numbers, limits, the end date) the core checks and words.
    if (ends === 'count' && count.trim() === '') return setErrors({ count: 'Say how many times it should go out' });
    if (ends === 'date' && date === '') return setErrors({ date: 'Pick the last day a copy may go out' });
    setBusy(true);
    setErrors({});
    setProblem(null);
    try {
      const until = ends === 'count' ? { count: n(count) } : { date };
      onSaved(await api.call('queue:setRecurrence', { postId, everyDays: n(everyDays), until }));
    } catch (err) {
      const split = splitIssues(err, fieldOf);
      setErrors(split.fields);
      setProblem(split.form);
    } finally {
      setBusy(false);
    }
  };

  const error = (f: Field) => <FieldError id={`repeat-${f}-error`} message={errors[f]} />;
  return (
    <form
      className="repeat-form"
      aria-label="Repeat this post"
      data-testid="repeat-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="repeat-row">
        <span>Every</span>
        <input ref={first} className="text-input repeat-number" type="number" inputMode="numeric" min={1} max={365} value={everyDays} data-testid="repeat-every" aria-invalid={errors.everyDays ? true : undefined} aria-describedby={errors.everyDays ? 'repeat-everyDays-error' : undefined} onChange={(e) => setEveryDays(e.target.value)} />
        <span>days, at the same time of day</span>
      </label>
      {error('everyDays')}
      <fieldset className="repeat-ends">
        <legend>Ends</legend>
        <label className="repeat-row">
          <input type="radio" name="repeat-ends" checked={ends === 'count'} data-testid="repeat-ends-count" onChange={() => setEnds('count')} />
          <span>after</span>
          <input className="text-input repeat-number" type="number" inputMode="numeric" min={2} max={1000} value={count} disabled={ends !== 'count'} aria-label="Posts in all" data-testid="repeat-count" aria-invalid={errors.count ? true : undefined} aria-describedby={errors.count ? 'repeat-count-error' : undefined} onChange={(e) => setCount(e.target.value)} />
          <span>posts in all (this one included)</span>
        </label>
        {error('count')}
        <label className="repeat-row">
          <input type="radio" name="repeat-ends" checked={ends === 'date'} data-testid="repeat-ends-date" onChange={() => setEnds('date')} />
          <span>on</span>
          <input className="text-input" type="date" value={date} min={startDate ?? undefined} disabled={ends !== 'date'} aria-label="Last day" data-testid="repeat-date" aria-invalid={errors.date ? true : undefined} aria-describedby={errors.date ? 'repeat-date-error' : undefined} onChange={(e) => setDate(e.target.value)} />
        </label>
        {error('date')}
      </fieldset>
      {problem ? <ProblemNote problem={problem} testId="repeat-problem" /> : null}
      <div className="repeat-actions">
        <button type="submit" className="btn btn-primary btn-small" data-testid="repeat-save" disabled={busy}>
          {current ? 'Save the new rule' : 'Repeat it'}
        </button>
        <button type="button" className="btn btn-small" data-testid="repeat-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {current ? <p className="muted repeat-hint">Copies that have not gone out yet are made again under the new rule (a change made to one of them is lost); those already out stay as they are.</p> : null}
    </form>
  );
}
