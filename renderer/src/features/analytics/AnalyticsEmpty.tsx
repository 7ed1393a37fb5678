import { useEffect, useState, type ReactNode } from 'react';
import { ANALYTICS_MAX_DAYS } from '../../../../shared/contract/features/analytics';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { startNewPost } from '../../app/TopBar';
import { Icon } from '../../ui/Icon';
import { useAnalyticsStore, type AnalyticsFiltersState } from './analytics.store';
import { filtersFor, presetRange } from './useAnalytics';

/*
 * The shell every analytics view shows when it has nothing to show: what it needs, how numbers
 * come, and the next step (write a post; open the calendar; widen the range).
 */

/** How numbers come, in the words of the README's "Numbers" paragraph. */
export const HOW_NUMBERS_COME =
  'Once a post is out, Loomcast looks at its numbers about 1 h, 3 h, 12 h and 24 h later, then daily for a week and weekly to day 90, and they show here.';

/** Where to widen the range, in the words of the filters above. */
export const WIDEN_WHERE = 'widen the range above (Range, or From and To)';

const narrowed = (f: AnalyticsFiltersState) => Boolean(f.accountId || f.platform || f.campaignId || f.pillarId);

/** Whether the filters other than the dates narrow what is shown (an account, a platform, …). */
export const useNarrowed = () => narrowed(useAnalyticsStore((s) => s.filters));

/**
 * How many published copies match the filters other than the dates, over the last three years and
 * the three before (the overview's range and its previous period): null while asking, -1 when the
 * asking failed.
 */
export function usePublishedElsewhere(zone: string, nowMs: number): number | null {
  const filters = useAnalyticsStore((s) => s.filters);
  // The answer with what it was asked about: an answer for other filters is no answer yet.
  const [answer, setAnswer] = useState<{ asked: object; count: number } | null>(null);
  useEffect(() => {
    let live = true;
    const wide = { ...filtersFor(filters, zone, nowMs), ...presetRange(ANALYTICS_MAX_DAYS, zone, nowMs), limit: 1 };
    void api.call('analytics:overview', wide).then(
      (o) => live && setAnswer({ asked: filters, count: o.headline.current.posts + o.headline.previous.posts }),
      // Not known: the empty state says only what is sure.
      () => live && setAnswer({ asked: filters, count: -1 }),
    );
    return () => {
      live = false;
    };
    // nowMs moves every 30 s; the filters are what change the answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters, zone]);
  return answer?.asked === filters ? answer.count : null;
}

/** The heading when nothing (matching the filters) has gone out at all. */
export const nothingYet = (filtered: boolean) => (filtered ? 'Nothing matching these filters has gone out yet' : 'Nothing has gone out yet');

export function AnalyticsLoading() {
  return (
    <p className="analytics-muted" role="status" data-testid="analytics-loading">
      Adding up the numbers…
    </p>
  );
}

/**
 * An empty view: `testId` names it and prefixes its parts (`-how`, `-new-post`, `-calendar`).
 * `write` offers a new post; `calendar` the calendar too (when nothing has gone out at all).
 */
export function AnalyticsEmpty({
  testId,
  reason,
  heading,
  children,
  write,
  calendar = false,
}: {
  testId: string;
  reason: string;
  heading: string;
  children?: ReactNode;
  write: boolean;
  calendar?: boolean;
}) {
  return (
    <div className="empty analytics-empty-state" data-testid={testId} data-reason={reason}>
      <div className="empty-icon" aria-hidden="true">
        <Icon name="analytics" size={22} />
      </div>
      <h2>{heading}</h2>
      {children}
      <p data-testid={`${testId}-how`}>{HOW_NUMBERS_COME}</p>
      {write ? (
        <div className="analytics-actions">
          <button type="button" className="btn btn-primary" data-testid={`${testId}-new-post`} onClick={startNewPost}>
            <Icon name="plus" />
            New post
          </button>
          {calendar ? (
            <button type="button" className="btn" data-testid={`${testId}-calendar`} onClick={() => navigate('calendar')}>
              Open the calendar
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
