import type { WhatWorksDto } from '../../../../shared/contract/features/analytics';
import { liftDirection, liftWords, pct } from './format';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { WHAT_WORKS_GROUP_NEEDS, whatWorksEmpty } from './empty-needs';
import { EmptyWhatWorks } from './EmptyViews';

const clearly = (g: { low: number | null; high: number | null }) => {
  const d = liftDirection(g);
  return d === 'up' ? 'analytics-up' : d === 'down' ? 'analytics-down' : null;
};

/** Lift of each group against the median, with n and its interval; groups under 5 posts are only counted. */
export function WhatWorksTab({ w, zone, nowMs }: { w: WhatWorksDto; zone: string; nowMs: number }) {
  // No group anywhere: seven cards saying "no group has 5 posts" teach less than one empty state.
  if (whatWorksEmpty(w)) return <EmptyWhatWorks w={w} zone={zone} nowMs={nowMs} />;
  return (
    <div className="analytics-works" data-testid="analytics-what-works">
      <p className="analytics-muted" data-testid="analytics-baseline">
        {w.baseline.label}
        {w.baseline.median !== null ? ` (median ${pct(w.baseline.median)})` : ''}. Lift is a group's median rate over that median; the range is a 95 % bootstrap interval. A lift is green or red only when its whole interval is above or below no change.
      </p>
      {w.dimensions.map((d) => (
        <section key={d.dimension} className="card analytics-works-dim" data-testid="analytics-dimension" data-dimension={d.dimension} aria-labelledby={`works-${d.dimension}`}>
          <h2 id={`works-${d.dimension}`} className="card-title">
            {d.label}
          </h2>
          {d.groups.length ? (
            <ScrollRegion label={d.label}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Group</th>
                    <th scope="col">Posts (n)</th>
                    <th scope="col">Median rate</th>
                    <th scope="col">Lift</th>
                    <th scope="col">Interval</th>
                  </tr>
                </thead>
                <tbody>
                  {d.groups.map((g) => (
                    <tr key={g.key} data-testid="analytics-lift-row">
                      <th scope="row">{g.label}</th>
                      <td>{g.n}</td>
                      <td>{pct(g.groupMedian)}</td>
                      <td className={clearly(g) ?? 'analytics-unclear'} data-testid="analytics-lift" data-clear={clearly(g) ? 'yes' : 'no'}>
                        {liftWords(g.lift)}
                        {clearly(g) ? null : <span className="analytics-lift-note"> · no clear difference</span>}
                      </td>
                      <td>
                        {g.low === null ? '?' : liftWords(g.low)} to {g.high === null ? 'no upper bound' : liftWords(g.high)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          ) : (
            <p className="analytics-muted" data-testid="analytics-dimension-needs">
              {WHAT_WORKS_GROUP_NEEDS[d.dimension]}
            </p>
          )}
          {d.hidden ? <p className="analytics-muted">{d.hidden === 1 ? '1 group has' : `${d.hidden} groups have`} fewer than 5 posts with a rate and is not shown.</p> : null}
        </section>
      ))}
    </div>
  );
}
