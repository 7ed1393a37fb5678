import { useEffect, useState } from 'react';
import { GUARD_WINDOW_MAX_DAYS } from '../../../../shared/contract/features/guard';
import { api } from '../../api/client';
import { showToast } from '../../app/ui.store';
import { splitIssues, type Problem } from '../../lib/errors';
import { ProblemNote } from '../../ui/ProblemNote';

/**
 * How close two posts with the same words (and media) to the same account may be before the
 * composer, Review and the import preview warn: days either side; 0 switches the warning off.
 * The block on the same post to two accounts of one platform is not a setting.
 */
export function DuplicateGuardSettings() {
  const [saved, setSaved] = useState<number | null>(null);
  /** What is being typed; null shows the saved value. */
  const [draft, setDraft] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    void api.call('guard:settings', {}).then(
      (s) => setSaved(s.windowDays),
      (err: unknown) => setProblem(splitIssues(err, () => null).form),
    );
  }, []);
  if (saved === null) return problem ? <ProblemNote problem={problem} /> : null;
  const value = draft ?? String(saved);

  const commit = async () => {
    if (draft === null) return;
    const days = draft.trim() === '' ? Number.NaN : Number(draft);
    setProblem(null);
    try {
      const s = await api.call('guard:setSettings', { windowDays: days });
      setSaved(s.windowDays);
      setDraft(null);
      setInvalid(null);
      showToast(s.windowDays === 0 ? 'Repeated words are no longer pointed out' : `Repeats within ${s.windowDays} ${s.windowDays === 1 ? 'day' : 'days'} are pointed out`);
    } catch (err) {
      const split = splitIssues(err, (path) => (path[0] === 'windowDays' ? 'windowDays' : null));
      setInvalid(split.fields.windowDays ?? null);
      setProblem(split.form);
    }
  };

  return (
    <section className="card" aria-labelledby="settings-guard">
      <h2 id="settings-guard" className="card-title">
        Duplicate guard
      </h2>
      <p className="setting-help">
        The composer, Review and the import preview point out a post whose words (and media) already go to the same account this close in time. The same post to two accounts of one platform is
        always refused unless you choose “Post anyway”.
      </p>
      <div className="setting">
        <label htmlFor="settings-guard-days" className="field-label">
          Point out repeats within this many days either side (0 turns it off)
        </label>
        <input
          id="settings-guard-days"
          className="text-input settings-guard-days"
          data-testid="settings-guard-days"
          type="number"
          min={0}
          max={GUARD_WINDOW_MAX_DAYS}
          inputMode="numeric"
          value={value}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? 'settings-guard-days-error' : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => void commit()}
          onKeyDown={(e) => e.key === 'Enter' && void commit()}
        />
        {invalid ? (
          <p id="settings-guard-days-error" className="field-note" role="alert" data-testid="settings-guard-days-error">
            {invalid}
          </p>
        ) : null}
      </div>
      {problem ? <ProblemNote problem={problem} /> : null}
    </section>
  );
}
