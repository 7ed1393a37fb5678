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
 * - The series per day is what came in each UTC day the range touches (metric_daily: a copy's
 *   numbers at the end of a day minus its numbers at the end of the day looked at before), over
 *   every copy matching the filters other than dates — the activity of those days.
 */
import type { Platform } from '../../../shared/domain/platforms';
import type { Db } from '../store/open';
import { positionIn, resolveBands, type CustomBands } from './bands';
import { METRIC_FIELDS, type MetricField } from './engagement';
import { freshness } from './freshness';
import { DAY_MS } from './rollups';
import { engagementSql, FILTER_SQL, filterParams, previousRange, reachSql, resolveRange, SCOPE_SQL, utcDays, type AnalyticsFilters, type ResolvedRange } from './scope';

export type SortKey = 'views' | 'engagements' | 'rate';

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
const dateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const change = (now: number | null, before: number | null): number | null => (now === null || before === null || before === 0 ? null : (now - before) / before);

export function totalsOf(rows: readonly { views: number | null; engagements: number | null }[]): Totals {
  let views = 0, viewsReported = 0, eng = 0, engReported = 0, rateE = 0, rateR = 0, rateReported = 0;
  for (const r of rows) {
    if (r.views !== null) {
      views += r.views;
      viewsReported++;
    }
    if (r.engagements !== null) {
      eng += r.engagements;
      engReported++;
    }
    if (r.views !== null && r.views > 0 && r.engagements !== null) {
      rateE += r.engagements;
      rateR += r.views;
      rateReported++;
    }
  }
  return {
    posts: rows.length,
    views: viewsReported ? views : null,
    viewsReported,
    engagements: engReported ? eng : null,
    engagementsReported: engReported,
    rate: rateR > 0 ? rateE / rateR : null,
    rateReported,
  };
}

const SORTERS: Record<SortKey, (c: CopyNumbers) => number | null> = { views: (c) => c.views, engagements: (c) => c.engagements, rate: (c) => c.rate };

export function createAnalyticsQueries(db: Db, opts: QueryOptions = {}) {
  const zone = opts.zone ?? (() => 'UTC');
  const s = {
    copies: db.prepare(`SELECT t.id, t.post_id, t.platform, a.handle AS account, t.published_at, t.platform_url AS url, m.at,
        ${reachSql('m')} AS reach, ${engagementSql('m')} AS eng, ${METRIC_FIELDS.map((f) => `m.${f}`).join(', ')}
      FROM targets t JOIN posts p ON p.id = t.post_id
      LEFT JOIN accounts a ON a.id = t.account_id
      LEFT JOIN metric_latest m ON m.target_id = t.id
      WHERE ${SCOPE_SQL}`),
    checked: db.prepare(`SELECT max(c.checked_at) AS at FROM targets t JOIN posts p ON p.id = t.post_id JOIN metric_checks c ON c.target_id = t.id WHERE ${SCOPE_SQL}`),
    series: db.prepare(`WITH d AS (
        SELECT md.day, ${reachSql('md')} AS r, ${engagementSql('md')} AS e,
          lag(${reachSql('md')}) OVER w AS pr, lag(${engagementSql('md')}) OVER w AS pe
        FROM metric_daily md JOIN targets t ON t.id = md.target_id JOIN posts p ON p.id = t.post_id
        WHERE md.day <= @endDay AND ${FILTER_SQL}
          AND md.target_id IN (SELECT target_id FROM metric_daily WHERE day BETWEEN @startDay AND @endDay)
        WINDOW w AS (PARTITION BY md.target_id ORDER BY md.day)),
      inc AS (SELECT day, r - coalesce(pr, 0) AS dr, e - coalesce(pe, 0) AS de FROM d WHERE day >= @startDay)
      SELECT day, sum(dr) AS views, sum(de) AS eng,
        sum(CASE WHEN dr > 0 AND de IS NOT NULL THEN de END) AS re, sum(CASE WHEN dr > 0 AND de IS NOT NULL THEN dr END) AS rr
      FROM inc GROUP BY day ORDER BY day`),
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
    const { startDay, endDay } = utcDays(r);
    const rows = s.series.all({ ...filterParams(f), startDay, endDay }) as { day: number; views: number | null; eng: number | null; re: number | null; rr: number | null }[];
    const byDay = new Map(rows.map((x) => [x.day, x]));
    const out = [];
    for (let day = startDay; day <= endDay; day++) {
      const x = byDay.get(day);
      out.push({ date: dateOfDay(day), views: x?.views ?? null, engagements: x?.eng ?? null, rate: x && x.rr !== null && x.re !== null ? rateOf(x.re, x.rr) : null });
    }
    return out;
  }

  function rank(list: CopyNumbers[], sort: SortKey, limit: number) {
    const key = SORTERS[sort];
    const ranked = list.filter((c) => key(c) !== null).sort((a, b) => key(b)! - key(a)! || b.publishedAt - a.publishedAt);
    const unranked = list.filter((c) => key(c) === null).sort((a, b) => b.publishedAt - a.publishedAt);
    const top = ranked.slice(0, limit);
    // The bottom never repeats a post of the top; copies without the number come after, as not reported.
    const bottom = ranked.slice(Math.max(limit, ranked.length - limit)).reverse().concat(unranked).slice(0, limit);
    const withText = ({ measuredAt: _, ...c }: CopyNumbers) => ({
      ...c,
      publishedAt: new Date(c.publishedAt).toISOString(),
      text: ((s.text.get(c.targetId) as { text: string } | undefined)?.text ?? '').slice(0, 200),
    });
    return { top: top.map(withText), bottom: bottom.map(withText) };
  }

  return {
    /** The published copies of a range with their newest numbers (for best times, what works and tests). */
    copies(f: AnalyticsFilters): CopyNumbers[] {
      return copies(f, resolveRange(f.from, f.to, zone()));
    },

    overview(f: AnalyticsFilters & { sort?: SortKey; limit?: number }) {
      const r = resolveRange(f.from, f.to, zone());
      const prev = previousRange(r);
      const list = copies(f, r);
      const current = totalsOf(list);
      const previous = totalsOf(copies(f, prev));
      const sort = f.sort ?? 'views';
      const platforms = new Set(list.map((c) => c.platform));
      const bands = resolveBands(opts.bands?.() ?? {})
        .filter((b) => platforms.has(b.platform))
        .map((b) => {
          const t = totalsOf(list.filter((c) => c.platform === b.platform));
          return { ...b, rate: t.rate, n: t.rateReported, position: positionIn(t.rate, b) };
        });
      const checked = (s.checked.get({ ...filterParams(f), start: r.start, end: r.end }) as { at: number | null }).at;
      // Checks say when a platform was last asked; seeded or imported numbers only have their own time.
      const newest = list.reduce<number | null>((m, c) => (c.measuredAt !== null && (m === null || c.measuredAt > m) ? c.measuredAt : m), null);
      const latestAt = checked ?? newest;
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
        ...rank(list, sort, f.limit ?? 10),
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
