import type { ComposeForm } from './compose.store';
import { FieldError } from './FieldError';

const EVERY: { days: number; label: string }[] = [
  { days: 1, label: 'Every day' },
  { days: 7, label: 'Every week' },
  { days: 14, label: 'Every 2 weeks' },
  { days: 28, label: 'Every 4 weeks' },
];

/**
 * Whether a new post repeats (evergreen): every day, week, 2 or 4 weeks, so many posts in all,
 * at the same time of day. Offered once a day and time are picked; Schedule (or Send for review
 * with the time) starts the series, and the post's panel changes or stops it later, with any
 * number of days or an end date.
 */
export function RepeatChoice({ form, error, onChange }: { form: ComposeForm; error?: string | undefined; onChange: (patch: Partial<ComposeForm>) => void }) {
  if (!form.date || !form.time) return null;
  const repeat = form.repeat ?? null;
  return (
    <div className="field repeat-choice" data-testid="compose-repeat-field">
      <div className="repeat-choice-row">
        <label htmlFor="compose-repeat" className="field-label">
          Repeat
        </label>
        <select
          id="compose-repeat"
          data-testid="compose-repeat"
          value={repeat ? String(repeat.everyDays) : ''}
          onChange={(e) => onChange({ repeat: e.target.value ? { everyDays: Number(e.target.value), times: repeat?.times ?? 4 } : null })}
        >
          <option value="">Doesn’t repeat</option>
          {EVERY.map((o) => (
            <option key={o.days} value={o.days}>
              {o.label}
            </option>
          ))}
        </select>
        {repeat ? (
          <label className="repeat-choice-times">
            <input
              type="number"
              className="text-input"
              min={2}
              max={1000}
              inputMode="numeric"
              id="compose-repeat-times"
              data-testid="compose-repeat-times"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'compose-repeat-times-error' : undefined}
              value={Number.isFinite(repeat.times) ? repeat.times : ''}
              onChange={(e) => onChange({ repeat: { ...repeat, times: e.target.value === '' ? Number.NaN : Number(e.target.value) } })}
            />
            <span>posts in all</span>
          </label>
        ) : null}
      </div>
      <FieldError id="compose-repeat-times-error" message={repeat ? error : undefined} />
      {repeat ? <p className="compose-hint muted">Schedule (or Send for review) starts the series at the same time of day; Post now, Add to queue and Save as draft don’t repeat. Change or stop it later from the post’s panel.</p> : null}
    </div>
  );
}
