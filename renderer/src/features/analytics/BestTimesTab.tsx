import { useState } from 'react';
import type { BestTimesDto } from '../../../../shared/contract/features/analytics';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';
import { wallTime } from '../../lib/format';
import { ProblemNote } from '../../ui/ProblemNote';
import { bestTimesMeasureWords, bestTimeValue, hh, WEEKDAY_NAMES, WEEKDAYS } from './format';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { EmptyBestTimes } from './EmptyViews';

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** Weekday × hour from the creator's own posts, with n in every cell; cells under 3 posts are greyed. */
export function BestTimesTab({ b, accountId, zone, nowMs }: { b: BestTimesDto; accountId: string; zone: string; nowMs: number }) {
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  // The colours, titles and numbers are all of the measure the hours are ranked by.
  const valueOf = (c: BestTimesDto['cells'][number]) => (b.by === 'rate' ? c.medianRate : c.medianEngagements);
  const max = Math.max(0.0001, ...b.cells.map((c) => valueOf(c) ?? 0));
  const use = async () => {
    setProblem(null);
    try {
      const slots = b.recommended.map((r) => ({ weekday: r.weekday + 1, time: hh(r.hour) }));
      const out = await api.call('queue:setSlots', { accountId, slots });
      setDone(`Saved ${out.slots.length} posting times for this account (${out.zone}).`);
    } catch (err) {
      setProblem(toProblem(err));
    }
  };
  return (
    <div className="analytics-best" data-testid="analytics-best-times">
      {/* Nothing to recommend: the empty state says what best times needs and what this range has. */}
      {b.recommended.length === 0 ? (
        <EmptyBestTimes b={b} zone={zone} nowMs={nowMs} />
      ) : (
        <section className="card analytics-recommend" data-testid="analytics-recommendation" aria-live="polite">
          <h2 className="card-title">Best times</h2>
          <p data-testid="analytics-recommendation-text">
            {b.recommended.map((r) => `${WEEKDAY_NAMES[r.weekday]} ${wallTime(r.hour * 60)} (${bestTimeValue(r.value, b.by)}, ${r.n} posts)`).join(' · ')}
          </p>
          <p className="analytics-muted" data-testid="analytics-based-on">
            Based on {b.basedOn} posts; times in {b.zone}.
          </p>
          {accountId ? (
            <button type="button" className="btn btn-primary" data-testid="analytics-use-times" onClick={() => void use()}>
              Use these as my posting times
            </button>
          ) : (
            <p className="analytics-muted">Pick an account above to use these as its posting times.</p>
          )}
          {done ? <p data-testid="analytics-use-times-done">{done}</p> : null}
          {problem ? <ProblemNote problem={problem} /> : null}
          <p className="analytics-muted" data-testid="analytics-best-times-age">
            {b.age}
          </p>
        </section>
      )}
      {/* No hour has a measured post: an empty grid would say nothing the empty state does not. */}
      {b.basedOn === 0 ? null : (
        <ScrollRegion className="analytics-heatmap-wrap" label="Engagement by weekday and hour">
          <table className="analytics-heatmap" data-testid="analytics-heatmap">
            <caption>
              {bestTimesMeasureWords(b.by)} by weekday and hour ({b.zone}); the number in each cell is how many posts it rests on. Cells with fewer than 3 posts are greyed.
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Day</span>
                </th>
                {HOURS.map((h) => (
                  <th key={h} scope="col">
                    {String(h).padStart(2, '0')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {WEEKDAYS.map((day, w) => (
                <tr key={day}>
                  <th scope="row">{day}</th>
                  {HOURS.map((h) => {
                    const c = b.cells[w * 24 + h];
                    if (!c) return <td key={h} />;
                    const value = valueOf(c);
                    const strength = value === null ? 0 : value / max;
                    return (
                      <td
                        key={h}
                        data-testid="analytics-heat-cell"
                        data-weekday={w}
                        data-hour={h}
                        data-n={c.n}
                        className={c.greyed ? 'greyed' : ''}
                        style={c.greyed ? undefined : { background: `color-mix(in srgb, var(--accent) ${Math.round(15 + strength * 70)}%, transparent)` }}
                        title={`${WEEKDAY_NAMES[w]} ${wallTime(h * 60)}: ${c.n} posts${value !== null ? `, median ${b.by === 'rate' ? 'rate ' : ''}${bestTimeValue(value, b.by)}` : ''}`}
                      >
                        {c.n || ''}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}
