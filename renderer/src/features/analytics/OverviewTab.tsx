import { useEffect, useState } from 'react';
import type { BandResultDto, OverviewDto, PostRowDto, SortKey } from '../../../../shared/contract/features/analytics';
import { api } from '../../api/client';
import { dayMonth, dayTime, firstWords } from '../../lib/format';
import { PlatformMark } from '../../ui/PlatformMark';
import { useAnalyticsStore } from './analytics.store';
import { changeWords, count, pct, pointsWords } from './format';
import { LineChart, type ChartPoint } from './LineChart';
import { LookAtAll } from './LookAtAll';
import { ScrollRegion } from '../../ui/ScrollRegion';

/** A chart's days as the creator reads dates ("8 Sep" or "Sep 8"), with the year when they span two. */
const dayLabels = (dates: readonly string[]) => {
  const withYear = dates.length > 0 && dates[0]!.slice(0, 4) !== dates[dates.length - 1]!.slice(0, 4);
  return (date: string) => dayMonth(date, { withYear });
};

function Card({ label, value, note, testId, title }: { label: string; value: string; note: string; testId: string; title?: string }) {
  return (
    <div className="card analytics-number" data-testid={testId} title={title}>
      <span className="analytics-number-label">{label}</span>
      <strong className="analytics-number-value" data-testid={`${testId}-value`}>
        {value}
      </strong>
      <span className="analytics-number-note" data-testid={`${testId}-change`}>
        {note}
      </span>
    </div>
  );
}

const ENGAGEMENTS_TIP = 'Engagements are the interactions each platform reports: likes or reactions, replies or comments, reposts, quotes, shares and saves.';

function Headline({ o }: { o: OverviewDto }) {
  const { current: c, previous: prev, change, rateDelta } = o.headline;
  return (
    <div className="analytics-numbers" role="group" aria-label="Headline numbers">
      <Card label="Posts" value={count(c.posts)} note={changeWords(change.posts, prev.posts)} testId="analytics-posts" />
      <Card label="Views" value={count(c.views)} note={`${changeWords(change.views, prev.views)} · ${c.viewsReported} of ${c.posts} reported`} testId="analytics-views" title="Views, or impressions where a platform counts those instead" />
      <Card label="Engagements" value={count(c.engagements)} note={`${changeWords(change.engagements, prev.engagements)} · ${c.engagementsReported} of ${c.posts} reported`} testId="analytics-engagements" title={ENGAGEMENTS_TIP} />
      <Card label="Engagement rate" value={pct(c.rate)} note={`${pointsWords(rateDelta)} · from ${c.rateReported} posts`} testId="analytics-rate" title={`${ENGAGEMENTS_TIP} The rate is engagements over views of the posts that report both.`} />
    </div>
  );
}

function Bands({ bands }: { bands: BandResultDto[] }) {
  if (!bands.length) return null;
  return (
    <section className="card analytics-bands" aria-labelledby="analytics-bands-title" data-testid="analytics-bands">
      <h2 id="analytics-bands-title" className="card-title">
        Engagement rate against your targets
      </h2>
      <ul>
        {bands.map((b) => {
          const max = Math.max(b.high * 1.5, b.rate ?? 0, 0.01);
          const noRate = b.low === 0 && b.high === 0;
          return (
            <li key={b.platform} className="analytics-band" data-testid="analytics-band" data-platform={b.platform} data-position={b.position ?? 'none'}>
              <PlatformMark platform={b.platform} />
              {noRate ? (
                <span className="analytics-band-words">This platform reports no views, so there is no rate to compare.</span>
              ) : (
                <>
                  <div className="analytics-band-bar" role="img" aria-label={`Rate ${pct(b.rate)} against a target of ${pct(b.low)}–${pct(b.high)}`}>
                    <span className="analytics-band-target" style={{ left: `${(b.low / max) * 100}%`, width: `${((b.high - b.low) / max) * 100}%` }} />
                    {b.rate !== null ? <span className="analytics-band-rate" style={{ left: `${Math.min(100, (b.rate / max) * 100)}%` }} /> : null}
                  </div>
                  <span className="analytics-band-words" data-testid="analytics-band-words">
                    {b.rate === null ? 'No rate yet' : `${pct(b.rate)} from ${b.n} posts: ${b.position === 'within' ? 'within' : b.position} the ${pct(b.low)}–${pct(b.high)} target`}
                  </span>
                </>
              )}
              {/* Where there is no rate, the words above already say why; the source would only repeat them. */}
              {noRate ? null : <span className="analytics-band-source">{b.source}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'views', label: 'Views' },
  { key: 'engagements', label: 'Engagements' },
  { key: 'rate', label: 'Rate' },
];

const REPORTS: Record<SortKey, string> = { views: 'views', engagements: 'engagements', rate: 'a rate' };

/**
 * Why a table is empty: no posts at all, or posts none of which reports what they are ranked by
 * (a Mastodon account has no views); then it offers to rank them by engagements instead.
 */
function EmptyTable({ posts, sort, testId }: { posts: number; sort: SortKey; testId: string }) {
  if (posts === 0) return <p className="analytics-empty">No posts in this range.</p>;
  return (
    <p className="analytics-empty" data-testid={`${testId}-empty`}>
      {posts === 1 ? 'The 1 post in this range does not report' : `None of the ${posts} posts in this range reports`} {REPORTS[sort]}.{' '}
      {sort === 'engagements' ? null : (
        <button type="button" className="btn-link" data-testid={`${testId}-rank-engagements`} onClick={() => useAnalyticsStore.setState({ sort: 'engagements' })}>
          Rank them by engagements
        </button>
      )}
    </p>
  );
}

function PostsTable({ title, rows, posts, testId, zone }: { title: string; rows: PostRowDto[]; posts: number; testId: string; zone: string }) {
  const sort = useAnalyticsStore((s) => s.sort);
  const selected = useAnalyticsStore((s) => s.selected);
  return (
    <section className="card analytics-table" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <h2 id={`${testId}-title`} className="card-title">
        {title}
      </h2>
      {rows.length === 0 ? (
        <EmptyTable posts={posts} sort={sort} testId={testId} />
      ) : (
        <ScrollRegion label={title}>
          <table>
            <thead>
              <tr>
                <th scope="col">Post</th>
                <th scope="col">Published</th>
                {COLUMNS.map((c) => (
                  <th key={c.key} scope="col" aria-sort={sort === c.key ? 'descending' : 'none'}>
                    <button type="button" className="btn-link" data-testid={`analytics-sort-${c.key}`} onClick={() => useAnalyticsStore.setState({ sort: c.key })}>
                      {c.label}
                      {sort === c.key ? ' ↓' : ''}
                    </button>
                  </th>
                ))}
                <th scope="col">Not reported</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.targetId} data-testid="analytics-post-row" data-target-id={r.targetId} aria-selected={selected === r.targetId}>
                  <td className="analytics-post-cell">
                    <button type="button" className="btn-link" data-testid="analytics-post-open" onClick={() => useAnalyticsStore.setState({ selected: r.targetId })}>
                      {firstWords(r.text, 60) || '(no text)'}
                    </button>
                    <span className="analytics-where">
                      <PlatformMark platform={r.platform} compact />
                      {r.account ? <span className="analytics-account">{r.account}</span> : null}
                    </span>
                  </td>
                  <td>{dayTime(Date.parse(r.publishedAt), zone)}</td>
                  <td className={r.views === null ? 'analytics-missing' : ''}>{count(r.views)}</td>
                  <td className={r.engagements === null ? 'analytics-missing' : ''}>{count(r.engagements)}</td>
                  <td className={r.rate === null ? 'analytics-missing' : ''}>{pct(r.rate)}</td>
                  <td className="analytics-not-reported" data-testid="analytics-not-reported" title={r.notReported.join(', ') || undefined}>
                    {r.notReported.length ? r.notReported.join(', ') : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

function Growth({ targetId, rows }: { targetId: string; rows: PostRowDto[] }) {
  const [points, setPoints] = useState<ChartPoint[] | null>(null);
  const row = rows.find((r) => r.targetId === targetId);
  useEffect(() => {
    let live = true;
    void api.call('analytics:growth', { targetId }).then(
      (g) => {
        const label = dayLabels(g.points.map((p) => p.date));
        if (live) setPoints(g.points.map((p) => ({ label: label(p.date), value: p.views })));
      },
      () => live && setPoints([]),
    );
    return () => {
      live = false;
    };
  }, [targetId]);
  if (!points) return null;
  return (
    <div className="analytics-growth" data-testid="analytics-growth">
      <LineChart title={`Views over time: “${firstWords(row?.text ?? '', 40)}” (at the end of each day it was looked at)`} points={points} format={count} testId="analytics-chart-growth" />
    </div>
  );
}

export function OverviewTab({ o, zone }: { o: OverviewDto; zone: string }) {
  const selected = useAnalyticsStore((s) => s.selected);
  const label = dayLabels(o.series.map((p) => p.date));
  return (
    <div className="analytics-overview" data-testid="analytics-overview">
      <Headline o={o} />
      <div className="analytics-freshness-row">
        <p className="analytics-freshness" data-testid="analytics-freshness">
          {o.freshness.words}.
        </p>
        <LookAtAll zone={zone} />
      </div>
      <div className="analytics-charts">
        <LineChart title="Views per day" points={o.series.map((p) => ({ label: label(p.date), value: p.views }))} format={count} testId="analytics-chart-views" />
        <LineChart title="Engagements per day" points={o.series.map((p) => ({ label: label(p.date), value: p.engagements }))} format={count} testId="analytics-chart-engagements" />
        <LineChart title="Engagement rate per day" points={o.series.map((p) => ({ label: label(p.date), value: p.rate }))} format={pct} testId="analytics-chart-rate" />
      </div>
      <Bands bands={o.bands} />
      <div className="analytics-tables">
        <PostsTable title={`Top posts by ${o.sort}`} rows={o.top} posts={o.headline.current.posts} testId="analytics-top" zone={zone} />
        <PostsTable title={`Bottom posts by ${o.sort}`} rows={o.bottom} posts={o.headline.current.posts} testId="analytics-bottom" zone={zone} />
      </div>
      {selected ? <Growth targetId={selected} rows={[...o.top, ...o.bottom]} /> : null}
    </div>
  );
}
