import { AnalyticsEmpty, AnalyticsLoading, nothingYet, useNarrowed, usePublishedElsewhere, WIDEN_WHERE } from './AnalyticsEmpty';

/**
 * The overview when nothing went out in its range. It says how numbers come, and tells "none in
 * this range" (widen it: posts went out at other times) from "none at all" (write one).
 */
export function EmptyOverview({ zone, nowMs }: { zone: string; nowMs: number }) {
  const elsewhere = usePublishedElsewhere(zone, nowMs);
  const filtered = useNarrowed();
  if (elsewhere === null) return <AnalyticsLoading />;
  const matching = filtered ? ' matching these filters' : '';
  if (elsewhere === 0) {
    return (
      <AnalyticsEmpty testId="analytics-empty" reason="none" heading={nothingYet(filtered)} write calendar>
        {filtered ? <p>Clear the filters above to include every post.</p> : null}
      </AnalyticsEmpty>
    );
  }
  return (
    <AnalyticsEmpty testId="analytics-empty" reason={elsewhere > 0 ? 'range' : 'unknown'} heading="Nothing went out in this range" write={elsewhere < 0} calendar>
      {elsewhere > 0 ? (
        <p data-testid="analytics-empty-widen">
          {elsewhere === 1 ? `1 post${matching} went out at another time` : `${elsewhere} posts${matching} went out at other times`}: {WIDEN_WHERE} to see their numbers.
        </p>
      ) : null}
    </AnalyticsEmpty>
  );
}
