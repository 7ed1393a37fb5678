import { useEffect, useState } from 'react';
import { ANALYTICS_MAX_DAYS } from '../../../../shared/contract/features/analytics';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { startNewPost } from '../../app/TopBar';
import { Icon } from '../../ui/Icon';
import { useAnalyticsStore, type AnalyticsFiltersState } from './analytics.store';
import { filtersFor, presetRange } from './useAnalytics';

/** How numbers come, in the words of the README's "Numbers" paragraph. */
export const HOW_NUMBERS_COME =
  'Once a post is out, Loomcast looks at its numbers about 1 h, 3 h, 12 h and 24 h later, then daily for a week and weekly to day 90, and they show here.';

const narrowed = (f: AnalyticsFiltersState) => Boolean(f.accountId || f.platform || f.campaignId || f.pillarId);

/**
 * How many published copies match the filters other than the dates, over the last three years and
 * the three before (the overview's range and its previous period): null while asking, -1 when the
 * asking failed.
 */
function usePublishedElsewhere(zone: string, nowMs: number): number | null {
  const filters = useAnalyticsStore((s) => s.filters);
  // The answer with what it was asked about: an answer for other filters is no answer yet.
  const [answer, setAnswer] = useState<{ asked: object; count: number } | null>(null);
  useEffect(() => {
    let live = true;
    const wide = { ...filtersFor(filters, zone, nowMs), ...presetRange(ANALYTICS_MAX_DAYS, zone, nowMs), limit: 1 };
    void api.call('analytics:overview', wide).then(
      (o) => live && setAnswer({ asked: filters, count: o.headline.current.posts + o.headline.previous.posts }),
      // Not known: the empty state says only what is sure (none in this range).
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

/**
 * The overview when nothing went out in its range. It says how numbers come, and tells "none in
 * this range" (widen it: posts went out at other times) from "none at all" (write one).
 */
export function EmptyOverview({ zone, nowMs }: { zone: string; nowMs: number }) {
  const elsewhere = usePublishedElsewhere(zone, nowMs);
  const filtered = narrowed(useAnalyticsStore((s) => s.filters));
  if (elsewhere === null) {
    return (
      <p className="analytics-muted" role="status" data-testid="analytics-loading">
        Adding up the numbers…
      </p>
    );
  }
  const matching = filtered ? ' matching these filters' : '';
  return (
    <div className="empty analytics-empty-state" data-testid="analytics-empty" data-reason={elsewhere > 0 ? 'range' : elsewhere === 0 ? 'none' : 'unknown'}>
      <div className="empty-icon" aria-hidden="true">
        <Icon name="analytics" size={22} />
      </div>
      {elsewhere < 0 ? <h2>Nothing went out in this range</h2> : null}
      {elsewhere > 0 ? (
        <>
          <h2>Nothing went out in this range</h2>
          <p data-testid="analytics-empty-widen">
            {elsewhere === 1 ? `1 post${matching} went out at another time` : `${elsewhere} posts${matching} went out at other times`}: widen the range above (Range, or From and To) to see
            their numbers.
          </p>
        </>
      ) : null}
      {elsewhere === 0 ? (
        <>
          <h2>{filtered ? 'Nothing matching these filters has gone out yet' : 'Nothing has gone out yet'}</h2>
          {filtered ? <p>Clear the filters above to include every post.</p> : null}
        </>
      ) : null}
      <p data-testid="analytics-empty-how">{HOW_NUMBERS_COME}</p>
      {elsewhere > 0 ? null : (
        <div className="analytics-actions">
          <button type="button" className="btn btn-primary" data-testid="analytics-empty-new-post" onClick={startNewPost}>
            <Icon name="plus" />
            New post
          </button>
          <button type="button" className="btn" data-testid="analytics-empty-calendar" onClick={() => navigate('calendar')}>
            Open the calendar
          </button>
        </div>
      )}
    </div>
  );
}
