/**
 * The weekly report's figures, from each published copy's latest numbers (metric_latest). A number
 * a platform did not report stays out of the sums and is named as not reported, never counted 0.
 */
import type { WeeklyReportDto } from '../../../../shared/contract/features/reports';
import type { DateFormat } from '../../../../shared/domain/datetime-format';
import type { Platform } from '../../../../shared/domain/platforms';
import { engagementRate, engagements, reach, type MetricValues } from '../../analytics/engagement';
import type { Clock } from '../../deps';
import type { Db } from '../../store/open';
import { weekExperiments } from './experiments';
import { summarise } from './summary';
import type { Week } from './week';

export { summarise } from './summary';

interface CopyRow extends MetricValues {
  target_id: string;
  post_id: string;
  platform: Platform;
  published_at: number;
  platform_url: string | null;
  text: string | null;
  measured: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
const sumOf = (xs: (number | null)[]) => {
  const got = xs.filter((x): x is number => x !== null);
  return { value: got.length ? got.reduce((a, b) => a + b, 0) : null, posts: got.length };
};

/**
 * `format`: the creator's date format (Settings), for the week's dates in the summary; `locale`:
 * theirs (Settings), for its numbers ("1.234", "4,7 %" in de-DE). The figures themselves stay
 * numbers. `clock`: for the experiments' results (which posts are old enough to compare).
 */
export function weeklyReport(db: Db, clock: Pick<Clock, 'now'>, week: Week, format: DateFormat, locale = 'en'): WeeklyReportDto {
  const copies = db
    .prepare(
      `SELECT t.id AS target_id, t.post_id, t.platform, t.published_at, t.platform_url, (ml.target_id IS NOT NULL) AS measured,
         coalesce(t.text_override, (SELECT text FROM post_versions v WHERE v.post_id = t.post_id ORDER BY number DESC LIMIT 1)) AS text,
         ml.impressions, ml.views, ml.likes, ml.replies, ml.reposts, ml.quotes, ml.shares, ml.saves, ml.clicks, ml.bookmarks
       FROM targets t LEFT JOIN metric_latest ml ON ml.target_id = t.id
       WHERE t.state = 'published' AND t.published_at >= ? AND t.published_at < ? ORDER BY t.published_at, t.id`,
    )
    .all(week.from, week.to) as CopyRow[];

  const measured = copies.filter((c) => c.measured);
  const reachOf = (c: CopyRow) => reach(c);
  const reachSum = sumOf(measured.map((c) => reachOf(c).value));
  const engSum = sumOf(measured.map((c) => engagements(c).value));
  const clickSum = sumOf(measured.map((c) => (typeof c.clicks === 'number' ? c.clicks : null)));
  const rated = measured.filter((c) => engagementRate(c) !== null);
  const ratedReach = rated.reduce((n, c) => n + (reachOf(c).value ?? 0), 0);
  const ratedEng = rated.reduce((n, c) => n + (engagements(c).value ?? 0), 0);

  const platforms = [...new Set(copies.map((c) => c.platform))].sort();
  const lines = platforms.map((platform) => {
    const all = copies.filter((c) => c.platform === platform);
    const m = all.filter((c) => c.measured);
    const r = sumOf(m.map((c) => reachOf(c).value));
    const fields = new Set(m.map((c) => reachOf(c).field).filter((f) => f !== null));
    const e = sumOf(m.map((c) => engagements(c).value));
    const both = m.filter((c) => engagementRate(c) !== null);
    const bothReach = both.reduce((n, c) => n + (reachOf(c).value ?? 0), 0);
    return {
      platform,
      posts: all.length,
      measured: m.length,
      reach: r.value,
      reachField: fields.size === 0 ? null : fields.size > 1 ? ('mixed' as const) : ([...fields][0] as 'views' | 'impressions'),
      engagements: e.value,
      rate: bothReach > 0 ? both.reduce((n, c) => n + (engagements(c).value ?? 0), 0) / bothReach : null,
      clicks: sumOf(m.map((c) => (typeof c.clicks === 'number' ? c.clicks : null))).value,
    };
  });
  // Only platforms that were measured can be said not to report something.
  const reachNotReported = lines.filter((l) => l.measured > 0 && l.reach === null).map((l) => l.platform);
  const clicksNotReported = lines.filter((l) => l.measured > 0 && l.clicks === null).map((l) => l.platform);

  let best: WeeklyReportDto['best'] = null;
  for (const c of rated) {
    const rate = engagementRate(c) as number;
    if (!best || rate > best.rate) {
      best = {
        targetId: c.target_id,
        postId: c.post_id,
        platform: c.platform,
        text: (c.text ?? '').slice(0, 280),
        rate,
        engagements: engagements(c).value ?? 0,
        reach: reachOf(c).value ?? 0,
        publishedAt: iso(c.published_at),
        platformUrl: c.platform_url,
      };
    }
  }

  const experiments = weekExperiments(db, clock, week);

  const campaigns = (
    db
      .prepare(
        `SELECT c.id, c.name, c.currency, c.cost_cents, c.revenue_cents,
           (SELECT COUNT(DISTINCT t.post_id) FROM targets t JOIN posts p ON p.id = t.post_id
             WHERE p.campaign_id = c.id AND t.state = 'published' AND t.published_at >= @from AND t.published_at < @to) AS posts_week
         FROM campaigns c
         WHERE ((c.starts_on IS NOT NULL OR c.ends_on IS NOT NULL) AND coalesce(c.starts_on, '0000-01-01') <= @end AND coalesce(c.ends_on, '9999-12-31') >= @start)
           OR EXISTS (SELECT 1 FROM posts p JOIN targets t ON t.post_id = p.id
             WHERE p.campaign_id = c.id AND t.state = 'published' AND t.published_at >= @from AND t.published_at < @to)
         ORDER BY c.name, c.id`,
      )
      .all({ from: week.from, to: week.to, start: week.start, end: week.end }) as { id: string; name: string; currency: string; cost_cents: number; revenue_cents: number; posts_week: number }[]
  ).map((c) => ({ id: c.id, name: c.name, currency: c.currency, costCents: c.cost_cents, revenueCents: c.revenue_cents, roi: c.cost_cents > 0 ? c.revenue_cents / c.cost_cents : null, postsThisWeek: c.posts_week }));

  const report: Omit<WeeklyReportDto, 'summary'> = {
    zone: week.zone,
    weekStart: week.start,
    weekEnd: week.end,
    from: iso(week.from),
    to: iso(week.to),
    posts: new Set(copies.map((c) => c.post_id)).size,
    copies: copies.length,
    measured: measured.length,
    reach: reachSum,
    engagements: engSum,
    engagementRate: { value: ratedReach > 0 ? ratedEng / ratedReach : null, posts: rated.length },
    clicks: clickSum,
    reachNotReported,
    clicksNotReported,
    platforms: lines,
    best,
    bestFrom: rated.length,
    experiments,
    campaigns,
  };
  return { ...report, summary: summarise(report, format, locale, clock.now()) };
}
