/**
 * The analytics overview, read from the rollups only (never a platform, never all snapshots):
 *
 * - "Posts" are the published copies (one per account a post went to) whose publish time falls in
 *   the range, taken in the creator's zone, narrowed by account, platform, campaign and pillar.
 * - Headline numbers sum each copy's newest numbers (metric_latest, which is each target's newest
 *   snapshot). Views are views, or impressions where the platform counts those instead;
 *   engagements are the interactions reported (engagement.ts). A sum only counts copies that
 *   reported the number, and says how many did; none reporting gives null, never 0. The rate is
 *   engagements over views of the copies that reported both with views above 0.
 *   The same numbers come from snapshots as: for each target in scope, its snapshot with the
 *   largest (at, id); then the sums above.
 * - The series per day is what came in each of the range's days, the creator's calendar days in
 *   their zone (metric_daily: a copy's numbers at the end of a day minus its numbers at the end of
 *   the day looked at before), over every copy matching the filters other than dates — the
 *   activity of those days.
 */
import type { Platform } from '../../../shared/domain/platforms';
import type { Db } from '../store/open';
import { createAgedScope } from './aged-scope';
import { positionIn, resolveBands, type CustomBands } from './bands';
import { METRIC_FIELDS, type MetricField } from './engagement';
import { freshness } from './freshness';
import { createOverviewSql, totalsOf, type CopySqlRow, type TotalsRow } from './overview-sql';
import { dateOfDay } from './local-day';
import { engagementSql, filterParams, previousRange, reachSql, resolveRange, SCOPE_SQL, rangeDays, type AnalyticsFilters, type ResolvedRange } from './scope';

export type { SortKey } from './overview-sql';
import type { SortKey } from './overview-sql';

export interface Totals {
  posts: number;
  views: number | null;
  viewsReported: number;
  engagements: number | null;
  engagementsReported: number;
  rate: number | null;
  rateReported: number;
}

interface CopyRow {
  id: string;
  post_id: string;
  platform: Platform;
  account: string | null;
  published_at: number;
  url: string | null;
  reach: number | null;
  eng: number | null;
  at: number | null;
  [field: string]: unknown;
}

export interface CopyNumbers {
  targetId: string;
  postId: string;
  platform: Platform;
  account: string | null;
  publishedAt: number;
  url: string | null;
  views: number | null;
  engagements: number | null;
  rate: number | null;
  notReported: MetricField[];
  /** When the newest numbers were taken; null without any. */
  measuredAt: number | null;
}

export interface QueryOptions {
  /** The creator's zone, in which dates are read ('UTC' when absent). */
  zone?: () => string;
  /** Now, for "updated 2 h ago" (the newest number's time when absent). */
  now?: () => number;
  /** The creator's own target bands. */
  bands?: () => CustomBands;
}

const rateOf = (e: number | null, r: number | null): number | null => (e === null || r === null || r <= 0 ? null : e / r);
const change = (now: number | null, before: number | null): number | null => (now === null || before === null || before === 0 ? null : (now - before) / before);

export function createAnalyticsQueries(db: Db, opts: QueryOptions = {}) {
  const zone = opts.zone ?? (() => 'UTC');
  const sql = createOverviewSql(db);
  const agedScope = createAgedScope(db, zone);
  const s = {
    copies: db.prepare(`SELECT t.id, t.post_id, t.platform, a.handle AS account, t.published_at, t.platform_url AS url, m.at,
        ${reachSql('m')} AS reach, ${engagementSql('m')} AS eng, ${METRIC_FIELDS.map((f) => `m.${f}`).join(', ')}
      FROM targets t JOIN posts p ON p.id = t.post_id
      LEFT JOIN accounts a ON a.id = t.account_id
      LEFT JOIN metric_latest m ON m.target_id = t.id
      WHERE ${SCOPE_SQL}`),
    growth: db.prepare(`SELECT day, ${reachSql('md')} AS r, ${engagementSql('md')} AS e FROM metric_daily md WHERE md.target_id = ? ORDER BY day`),
    text: db.prepare(`SELECT coalesce(t.text_override, (SELECT v.text FROM post_versions v WHERE v.post_id = t.post_id ORDER BY v.number DESC LIMIT 1), '') AS text
      FROM targets t WHERE t.id = ?`),
  };

  function copies(f: AnalyticsFilters, r: ResolvedRange): CopyNumbers[] {
    const rows = s.copies.all({ ...filterParams(f), start: r.start, end: r.end }) as CopyRow[];
    return rows.map((row) => ({
      targetId: row.id,
      postId: row.post_id,
      platform: row.platform,
      account: row.account,
      publishedAt: row.published_at,
      url: row.url,
      views: row.reach,
      engagements: row.eng,
      rate: rateOf(row.eng, row.reach),
      notReported: METRIC_FIELDS.filter((m) => row[m] === null || row[m] === undefined),
      measuredAt: row.at,
    }));
  }

  function series(f: AnalyticsFilters, r: ResolvedRange) {
    const { startDay, endDay } = rangeDays(r);
    const rows = sql.series({ ...filterParams(f), startDay, endDay }, Boolean(f.campaignId || f.pillarId));
    const byDay = new Map(rows.map((x) => [x.day, x]));
    const out = [];
    for (let day = startDay; day <= endDay; day++) {
      const x = byDay.get(day);
      out.push({ date: dateOfDay(day), views: x?.views ?? null, engagements: x?.eng ?? null, rate: x && x.rr !== null && x.re !== null ? rateOf(x.re, x.rr) : null });
    }
    return out;
  }

  const fromSql = (row: CopySqlRow): CopyNumbers => ({
    targetId: row.id,
    postId: row.post_id,
    platform: row.platform as Platform,
    account: row.account,
    publishedAt: row.published_at,
    url: row.url,
    views: row.r,
    engagements: row.e,
    rate: rateOf(row.e, row.r),
    notReported: METRIC_FIELDS.filter((m) => row[m] === null || row[m] === undefined),
    measuredAt: row.at,
  });
  const withText = ({ measuredAt: _, ...c }: CopyNumbers) => ({
    ...c,
    publishedAt: new Date(c.publishedAt).toISOString(),
    text: ((s.text.get(c.targetId) as { text: string } | undefined)?.text ?? '').slice(0, 200),
  });
  const totalsFrom = (t: TotalsRow): Totals => ({
    posts: t.posts,
    views: t.viewsReported ? t.views : null,
    viewsReported: t.viewsReported,
    engagements: t.engagementsReported ? t.engagements : null,
    engagementsReported: t.engagementsReported,
    rate: t.rr ? t.re! / t.rr : null,
    rateReported: t.rateReported,
  });

  return {
    /** The published copies of a range with their newest numbers (tests; `aged` reads them in this order). */
    copies(f: AnalyticsFilters): CopyNumbers[] {
      return copies(f, resolveRange(f.from, f.to, zone()));
    },

    /** The same copies, in the same order, with their numbers at one age (aged-scope.ts: best times, what works). */
    aged: agedScope,

    overview(f: AnalyticsFilters & { sort?: SortKey; limit?: number }) {
      const r = resolveRange(f.from, f.to, zone());
      const prev = previousRange(r);
      const params = { ...filterParams(f), start: r.start, end: r.end };
      const narrowed = Boolean(f.campaignId || f.pillarId);
      const sort = f.sort ?? 'views';
      // One read of the range's copies gives the totals by platform, the whole (totalsOf) and the
      // copies ranked; over a long history each read of the range is the overview's cost.
      const { platforms: platformRows, ...ranked } = sql.overview(params, sort, f.limit ?? 10, narrowed);
      const now = totalsOf(platformRows);
      const current = totalsFrom(now);
      const previous = totalsFrom(sql.totals({ ...params, start: prev.start, end: prev.end }, narrowed));
      const perPlatform = new Map(platformRows.map((t) => [t.platform, totalsFrom(t)]));
      const platforms = new Set(perPlatform.keys()) as Set<Platform>;
      const bands = resolveBands(opts.bands?.() ?? {})
        .filter((b) => platforms.has(b.platform))
        .map((b) => {
          const t = perPlatform.get(b.platform)!;
          return { ...b, rate: t.rate, n: t.rateReported, position: positionIn(t.rate, b) };
        });
      const checks = platformRows.map((r) => r.checked).filter((x): x is number => x !== null);
      const checked = checks.length > 0 ? Math.max(...checks) : null;
      // Checks say when a platform was last asked; seeded or imported numbers only have their own time.
      const latestAt = checked ?? now.newest;
      return {
        range: { from: r.from, to: r.to, zone: r.zone },
        headline: {
          current,
          previous,
          previousRange: { from: prev.from, to: prev.to },
          change: { posts: change(current.posts, previous.posts), views: change(current.views, previous.views), engagements: change(current.engagements, previous.engagements) },
          rateDelta: current.rate === null || previous.rate === null ? null : current.rate - previous.rate,
        },
        series: series(f, r),
        sort,
        top: ranked.top.map(fromSql).map(withText),
        bottom: ranked.bottom.map(fromSql).map(withText),
        bands,
        freshness: freshness(latestAt, opts.now?.() ?? latestAt ?? 0, platforms),
      };
    },

    /** One copy's numbers at the end of each UTC day they were looked at. */
    growth(targetId: string) {
      const rows = s.growth.all(targetId) as { day: number; r: number | null; e: number | null }[];
      return rows.map((x) => ({ date: dateOfDay(x.day), views: x.r, engagements: x.e, rate: rateOf(x.e, x.r) }));
    },
  };
}

export type AnalyticsQueries = ReturnType<typeof createAnalyticsQueries>;
