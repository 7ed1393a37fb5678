import type { ReactNode } from 'react';
import type { BestTimesDto, WhatWorksDto } from '../../../../shared/contract/features/analytics';
import { AnalyticsEmpty, AnalyticsLoading, nothingYet, useNarrowed, usePublishedElsewhere, WIDEN_WHERE } from './AnalyticsEmpty';
import { bestTimesNeeds, whatWorksNeeds, type EmptyWords } from './empty-needs';

/**
 * One view's empty state: nothing at all gone out (write one, or open the calendar), or too little
 * measured in the range (write more; widen the range when posts went out outside it). Always says
 * what the view needs and what it has.
 */
function EmptyView({ testId, words, outside, zone, nowMs, children }: { testId: string; words: EmptyWords; outside: (elsewhere: number) => string | null; zone: string; nowMs: number; children?: ReactNode }) {
  const elsewhere = usePublishedElsewhere(zone, nowMs);
  const filtered = useNarrowed();
  if (elsewhere === null) return <AnalyticsLoading />;
  const needs = <p data-testid={`${testId}-needs`}>{words.needs}</p>;
  if (elsewhere === 0) {
    return (
      <AnalyticsEmpty testId={testId} reason="none" heading={nothingYet(filtered)} write calendar>
        {needs}
        {filtered ? <p>Clear the filters above to include every post.</p> : null}
        {children}
      </AnalyticsEmpty>
    );
  }
  const widen = elsewhere > 0 ? outside(elsewhere) : null;
  // Nothing in the range but posts elsewhere: widening is the step, as on the overview.
  const write = words.reason !== 'range' || elsewhere < 0;
  return (
    <AnalyticsEmpty testId={testId} reason={words.reason} heading={words.heading} write={write} calendar={words.reason === 'range'}>
      {needs}
      {widen ? <p data-testid={`${testId}-widen`}>{widen}</p> : null}
      {children}
    </AnalyticsEmpty>
  );
}

/** Best times with nothing to recommend: how many measured posts it has, and how many it needs. */
export function EmptyBestTimes({ b, zone, nowMs }: { b: BestTimesDto; zone: string; nowMs: number }) {
  const matching = useNarrowed() ? ' matching these filters' : '';
  const outside = (elsewhere: number) => {
    const n = elsewhere - b.posts;
    if (n <= 0) return null;
    return `${n === 1 ? `1 post${matching} went out at another time` : `${n} posts${matching} went out at other times`}: ${WIDEN_WHERE} to take ${n === 1 ? 'it' : 'them'} in.`;
  };
  return (
    <EmptyView testId="analytics-best-times-empty" words={bestTimesNeeds(b)} outside={outside} zone={zone} nowMs={nowMs}>
      <p className="analytics-muted" data-testid="analytics-best-times-age">
        {b.age}
      </p>
    </EmptyView>
  );
}

/** What works with no group to show: how many posts with a rate it has, and how many a group needs. */
export function EmptyWhatWorks({ w, zone, nowMs }: { w: WhatWorksDto; zone: string; nowMs: number }) {
  // Its answer says how many posts in the range have a rate, not how many went out: more may, at other times.
  const outside = (elsewhere: number) => (elsewhere > w.baseline.n ? `To take in more posts, ${WIDEN_WHERE}.` : null);
  return <EmptyView testId="analytics-what-works-empty" words={whatWorksNeeds(w)} outside={outside} zone={zone} nowMs={nowMs} />;
}
