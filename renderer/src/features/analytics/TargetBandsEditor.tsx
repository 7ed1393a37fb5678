import { useEffect, useState } from 'react';
import type { TargetBandDto } from '../../../../shared/contract/features/analytics';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';
import { fieldNumber, parseNumber } from '../../lib/numbers';
import { ProblemNote } from '../../ui/ProblemNote';
import { PlatformMark } from '../../ui/PlatformMark';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { useAnalyticsStore } from './analytics.store';

type BandsDraft = Record<string, { low: string; high: string }>;

/**
 * Engagement-rate target bands per platform (Analytics → Target rates): the defaults with their
 * source, or the creator's own. Rates are typed as percentages.
 */
export function TargetBandsEditor({ onClose }: { onClose: () => void }) {
  const [bands, setBands] = useState<TargetBandDto[] | null>(null);
  // Kept in the store: Escape or Close and the typed rates are there when the editor opens again.
  const draft = useAnalyticsStore((s) => s.bandsDraft);
  const setDraft = (next: BandsDraft | ((d: BandsDraft) => BandsDraft)) =>
    useAnalyticsStore.setState((s) => ({ bandsDraft: typeof next === 'function' ? next(s.bandsDraft) : next }));
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    void api.call('analytics:bands', {}).then(setBands, (e: unknown) => setProblem(toProblem(e)));
  }, []);
  if (!bands) return problem ? <ProblemNote problem={problem} /> : null;
  const value = (b: TargetBandDto, k: 'low' | 'high') => draft[b.platform]?.[k] ?? fieldNumber(b[k] * 100, 2);
  const edit = (b: TargetBandDto, k: 'low' | 'high', v: string) => setDraft((d) => ({ ...d, [b.platform]: { low: value(b, 'low'), high: value(b, 'high'), ...d[b.platform], [k]: v } }));
  // Typed as this locale writes a number ("4,5" in de-DE); what isn't one goes as NaN, which the core refuses, as before.
  const typed = (b: TargetBandDto, k: 'low' | 'high') => (parseNumber(value(b, k)) ?? Number.NaN) / 100;
  const save = async () => {
    setProblem(null);
    const own = bands
      .filter((b) => b.custom || draft[b.platform])
      .map((b) => ({ platform: b.platform, low: typed(b, 'low'), high: typed(b, 'high') }));
    try {
      setBands(await api.call('analytics:setBands', { bands: own }));
      setDraft({});
      onClose();
    } catch (err) {
      setProblem(toProblem(err));
    }
  };
  const reset = async () => {
    setBands(await api.call('analytics:setBands', { bands: [] }));
    setDraft({});
  };
  return (
    <form className="card analytics-bands-editor" data-testid="analytics-bands-editor" onSubmit={(e) => (e.preventDefault(), void save())} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <h2 className="card-title">Target engagement rates</h2>
      <ScrollRegion label="Target engagement rates">
        <table>
          <thead>
            <tr>
              <th scope="col">Platform</th>
              <th scope="col">Low (%)</th>
              <th scope="col">High (%)</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {bands.map((b) => (
              <tr key={b.platform}>
                <th scope="row">
                  <PlatformMark platform={b.platform} />
                </th>
                <td>
                  <input aria-label={`${b.platform} low end, percent`} inputMode="decimal" value={value(b, 'low')} onChange={(e) => edit(b, 'low', e.target.value)} />
                </td>
                <td>
                  <input aria-label={`${b.platform} high end, percent`} inputMode="decimal" value={value(b, 'high')} onChange={(e) => edit(b, 'high', e.target.value)} />
                </td>
                <td className="analytics-muted">{draft[b.platform] ? 'Set by you (not saved yet)' : b.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {problem ? <ProblemNote problem={problem} /> : null}
      <div className="analytics-actions">
        <button type="submit" className="btn btn-primary">
          Save targets
        </button>
        <button type="button" className="btn" onClick={() => void reset()}>
          Back to the defaults
        </button>
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
