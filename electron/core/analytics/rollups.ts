/**
 * The one writer of metric_snapshots and its rollups. A snapshot is appended, never changed;
 * metric_latest (each target's newest numbers), metric_at_age (each target's reading at the age it
 * is compared at: at-age-store.ts), metric_daily (each target's numbers at the end of
 * each of the creator's days it was looked at) and metric_account_daily (per account, platform and
 * day, what came in that day) are derived from snapshots and can be rebuilt from them at any time.
 * A NULL stays NULL: not reported is not zero.
 *
 * Days are the creator's calendar days (local-day.ts) in the zone stored as 'analytics.dayZone';
 * when the creator's time zone changes, `countDaysIn` counts the daily rollups again in the new one.
 */
import type { Platform } from '../../../shared/domain/platforms';
import type { Logger } from '../deps';
import { settingsStoreOf } from '../settings/settings-store';
import type { Db } from '../store/open';
import { createAtAgeKeeper } from './at-age-store';
import { METRIC_FIELDS, type MetricValues } from './engagement';
import { DAY_MS, localDay, localDayBounds, localDaySql } from './local-day';
import { engagementSql, reachSql } from './scope';

export { DAY_MS } from './local-day';
/** Days since 1970-01-01 (UTC) of an instant: the collector's once-a-day pacing, not the rollups' days. */
export const dayOf = (ms: number): number => Math.floor(ms / DAY_MS);

const quiet: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

const COLS = METRIC_FIELDS.join(', ');

/** Each copy's last numbers of each day, the creator's days counted by `day` (SQL over `at`). */
const rebuildDailySql = (day: string) => `INSERT INTO metric_daily (target_id, day, account_id, platform, ${COLS})
  SELECT s.target_id, s.day, t.account_id, t.platform, ${METRIC_FIELDS.map((f) => `s.${f}`).join(', ')}
  FROM (SELECT *, row_number() OVER (PARTITION BY target_id, day ORDER BY at DESC, id DESC) AS rn
    FROM (SELECT *, ${day} AS day FROM metric_snapshots)) s
  JOIN targets t ON t.id = s.target_id WHERE s.rn = 1`;

const ENGAGEMENT = ['likes', 'replies', 'reposts', 'quotes', 'shares', 'saves'] as const;

type DailyRow = Partial<Record<(typeof METRIC_FIELDS)[number], number | null>> & { day: number };
type Parts = { fr: number | null; fe: number | null; fre: number | null; frr: number | null };
/**
 * A day row's parts of the per-account rollup, each null where that day did not report it (no row
 * at all reports nothing): reach (views, else impressions), engagements, and the pair the rate is
 * summed from (engagements and reach, only where both are reported with reach above 0).
 */
function parts(row: DailyRow | undefined): Parts {
  if (!row) return { fr: null, fe: null, fre: null, frr: null };
  const r0 = row.views ?? row.impressions ?? null;
  const reported = ENGAGEMENT.filter((f) => row[f] !== null && row[f] !== undefined);
  const e0 = reported.length ? reported.reduce((n, f) => n + (row[f] as number), 0) : null;
  const both = r0 !== null && r0 > 0 && e0 !== null;
  return { fr: r0, fe: e0, fre: both ? e0 : null, frr: both ? r0 : null };
}

const R = reachSql('m');
const E = engagementSql('m');
/**
 * The families of parts that are reported together, with the SQL saying a day row `m` reports
 * them. A day that does not report a family adds nothing to it, and the next day that does adds
 * what it gained since the last day that did: not reported is not a drop to 0 (X stops giving
 * impressions after 30 days; a permission can be lost and given back).
 */
const FAMILIES = [
  { parts: ['fr'], where: `${R} IS NOT NULL`, sql: { fr: R } },
  { parts: ['fe'], where: `${E} IS NOT NULL`, sql: { fe: E } },
  { parts: ['fre', 'frr'], where: `${R} > 0 AND ${E} IS NOT NULL`, sql: { fre: E, frr: R } },
] as const satisfies readonly { parts: readonly (keyof Parts)[]; where: string; sql: Partial<Record<keyof Parts, string>> }[];

/** A family's parts on the last day before @day that reported it, and the next day after @day that does (by the primary key). */
const aroundSql = (f: (typeof FAMILIES)[number]) =>
  `SELECT ${Object.entries(f.sql)
    .map(([k, v]) => `(SELECT ${v} FROM metric_daily m WHERE m.target_id = @targetId AND m.day < @day AND ${f.where} ORDER BY m.day DESC LIMIT 1) AS ${k}`)
    .join(', ')},
    (SELECT m.day FROM metric_daily m WHERE m.target_id = @targetId AND m.day > @day AND ${f.where} ORDER BY m.day LIMIT 1) AS next`;

/**
 * metric_account_daily from metric_daily: each family's increments over the days that reported it
 * (lag over those days only), plus a row of nothing for every day looked at, as record() leaves it.
 */
const rebuildAccountDailySql = `WITH f AS (
    SELECT target_id, coalesce(account_id, '') AS account_id, platform, day, ${R} AS r0, ${E} AS e0 FROM metric_daily m),
  g AS (SELECT *, (r0 > 0 AND e0 IS NOT NULL) AS rated FROM f),
  h AS (
    SELECT account_id, platform, day, 0 AS dr, 0 AS rn, 0 AS de, 0 AS en, 0 AS dre, 0 AS drr FROM g
    UNION ALL SELECT account_id, platform, day, r0 - lag(r0, 1, 0) OVER w, 1, 0, 0, 0, 0
      FROM g WHERE r0 IS NOT NULL WINDOW w AS (PARTITION BY target_id ORDER BY day)
    UNION ALL SELECT account_id, platform, day, 0, 0, e0 - lag(e0, 1, 0) OVER w, 1, 0, 0
      FROM g WHERE e0 IS NOT NULL WINDOW w AS (PARTITION BY target_id ORDER BY day)
    UNION ALL SELECT account_id, platform, day, 0, 0, 0, 0, e0 - lag(e0, 1, 0) OVER w, r0 - lag(r0, 1, 0) OVER w
      FROM g WHERE rated WINDOW w AS (PARTITION BY target_id ORDER BY day))
INSERT INTO metric_account_daily (account_id, platform, day, reach, reach_n, eng, eng_n, rate_e, rate_r)
SELECT account_id, platform, day, sum(dr), sum(rn), sum(de), sum(en), sum(dre), sum(drr) FROM h GROUP BY account_id, platform, day`;
const PARAMS = METRIC_FIELDS.map((f) => `@${f}`).join(', ');
const SET_LATEST = METRIC_FIELDS.map((f) => `${f} = excluded.${f}`).join(', ');

export function createRollups(db: Db, log: Logger = quiet) {
  const settings = settingsStoreOf(db, log);
  const atAge = createAtAgeKeeper(db);
  const s = {
    target: db.prepare(`SELECT t.id, t.account_id, t.platform, t.published_at FROM targets t WHERE t.id = ?`),
    snapshot: db.prepare(`INSERT INTO metric_snapshots (target_id, at, ${COLS}) VALUES (@targetId, @at, ${PARAMS})`),
    latest: db.prepare(`INSERT INTO metric_latest (target_id, account_id, platform, published_at, at, ${COLS})
      VALUES (@targetId, @accountId, @platform, @publishedAt, @at, ${PARAMS})
      ON CONFLICT (target_id) DO UPDATE SET account_id = excluded.account_id, at = excluded.at, ${SET_LATEST} WHERE excluded.at >= metric_latest.at`),
    // The day's row is the newest snapshot of that day, whatever order snapshots arrive in.
    daily: db.prepare(`INSERT OR REPLACE INTO metric_daily (target_id, day, account_id, platform, ${COLS})
      SELECT s.target_id, @day, @accountId, @platform, ${METRIC_FIELDS.map((f) => `s.${f}`).join(', ')} FROM metric_snapshots s
      WHERE s.target_id = @targetId AND s.at >= @dayStart AND s.at < @dayEnd ORDER BY s.at DESC, s.id DESC LIMIT 1`),
    dayRow: db.prepare(`SELECT day, ${COLS} FROM metric_daily WHERE target_id = ? AND day = ?`),
    around: FAMILIES.map((f) => db.prepare(aroundSql(f))),
    addAccountDay: db.prepare(`INSERT INTO metric_account_daily (account_id, platform, day, reach, reach_n, eng, eng_n, rate_e, rate_r)
      VALUES (@account, @platform, @day, @fr, @rn, @fe, @en, @fre, @frr)
      ON CONFLICT (day, account_id, platform) DO UPDATE SET reach = reach + excluded.reach, reach_n = reach_n + excluded.reach_n,
        eng = eng + excluded.eng, eng_n = eng_n + excluded.eng_n, rate_e = rate_e + excluded.rate_e, rate_r = rate_r + excluded.rate_r`),
    clearAccountDaily: db.prepare('DELETE FROM metric_account_daily'),
    rebuildAccountDaily: db.prepare(rebuildAccountDailySql),
    clearLatest: db.prepare('DELETE FROM metric_latest'),
    clearDaily: db.prepare('DELETE FROM metric_daily'),
    rebuildLatest: db.prepare(`INSERT INTO metric_latest (target_id, account_id, platform, published_at, at, ${COLS})
      SELECT s.target_id, t.account_id, t.platform, coalesce(t.published_at, s.at), s.at, ${METRIC_FIELDS.map((f) => `s.${f}`).join(', ')}
      FROM (SELECT *, row_number() OVER (PARTITION BY target_id ORDER BY at DESC, id DESC) AS rn FROM metric_snapshots) s
      JOIN targets t ON t.id = s.target_id WHERE s.rn = 1`),
    // The span of every snapshot, for the zone's offsets over it (a rebuild reads them all anyway).
    snapshotSpan: db.prepare('SELECT min(at) AS lo, max(at) AS hi FROM metric_snapshots'),
  };

  /** Both daily rollups again from the snapshots, in `zone`'s days; inside the caller's transaction. */
  function countDays(zone: string): void {
    s.clearDaily.run();
    s.clearAccountDaily.run();
    const span = s.snapshotSpan.get() as { lo: number | null; hi: number | null };
    db.prepare(rebuildDailySql(localDaySql('at', zone, span.lo ?? 0, span.hi ?? 0))).run();
    s.rebuildAccountDaily.run();
    settings.set('analytics.dayZone', zone);
    // In the same transaction: a recount stopped partway leaves the mark for the next start.
    settings.reset('analytics.recountDue');
  }

  return {
    /**
     * Appends one snapshot of a target's numbers and brings its rollups up to date, in one
     * transaction. `values` keeps only the metric fields; anything absent is stored as NULL.
     */
    record(targetId: string, at: number, values: MetricValues): void {
      const t = s.target.get(targetId) as { id: string; account_id: string | null; platform: string; published_at: number | null } | undefined;
      if (!t) throw new Error(`No target ${targetId} to record metrics for`);
      const row: Record<string, unknown> = { targetId, at, accountId: t.account_id, platform: t.platform, publishedAt: t.published_at ?? at };
      for (const f of METRIC_FIELDS) {
        const v = values[f];
        row[f] = typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null;
      }
      db.transaction(() => {
        const zone = settings.get('analytics.dayZone');
        const day = localDay(at, zone);
        const { start: dayStart, end: dayEnd } = localDayBounds(day, zone);
        const before = s.dayRow.get(targetId, day) as DailyRow | undefined;
        s.snapshot.run(row);
        s.latest.run(row);
        atAge.record(targetId, t.platform as Platform, t.published_at, at);
        s.daily.run({ targetId, day, dayStart, dayEnd, accountId: t.account_id, platform: t.platform });
        // What came in that day is, for each family, the day's numbers minus those of the last day
        // that reported it; the next day that reports it loses what this day gained (a snapshot
        // arriving late changes both). Families this snapshot leaves as they were are not looked up.
        const was = parts(before);
        const now = parts(s.dayRow.get(targetId, day) as DailyRow | undefined);
        const zero = (): Record<keyof Parts, number> => ({ fr: 0, fe: 0, fre: 0, frr: 0 });
        const gains = new Map<number, Record<keyof Parts, number>>();
        const gainsOf = (d: number) => gains.get(d) ?? gains.set(d, zero()).get(d)!;
        const here = gainsOf(day);
        FAMILIES.forEach((f, i) => {
          if (f.parts.every((k) => was[k] === now[k])) return;
          const around = s.around[i]!.get({ targetId, day }) as Partial<Record<keyof Parts, number | null>> & { next: number | null };
          const next = around.next === null ? undefined : gainsOf(around.next);
          for (const k of f.parts) {
            // Not reported (before or now) stands at the last reported value, 0 before the first.
            const last = around[k] ?? 0;
            const gain = (now[k] ?? last) - (was[k] ?? last);
            here[k] += gain;
            if (next) next[k] -= gain;
          }
        });
        const key = { account: t.account_id ?? '', platform: t.platform };
        for (const [d, g] of gains) {
          // Counts change on this day only: how many copies reported the number that day.
          const counts = d === day ? { rn: Number(now.fr !== null) - Number(was.fr !== null), en: Number(now.fe !== null) - Number(was.fe !== null) } : { rn: 0, en: 0 };
          s.addAccountDay.run({ ...key, day: d, ...g, ...counts });
        }
      })();
    },

    /** Derives every rollup again from every snapshot (after an import, or to check them). */
    rebuild(): void {
      db.transaction(() => {
        s.clearLatest.run();
        s.rebuildLatest.run();
        atAge.rebuild();
        countDays(settings.get('analytics.dayZone'));
      })();
    },

    /**
     * Works out kept readings at an age still to work out (rows migration 0037 added for the
     * copies measured before it), one batch in one transaction (analytics/at-age-backfill.ts
     * calls it after the start, a batch a turn). Until then those copies are read from their
     * snapshots, as before. Returns how many it worked out; 0 when none is left.
     */
    workOutAtAge(): number {
      return db.transaction(() => atAge.workOut(1))();
    },

    /**
     * Counts the daily rollups again in `zone`'s days, unless they already are and no migration
     * marked a recount due ('analytics.recountDue': rows stored by an older way of counting): at
     * start and whenever the creator's time zone changes. One transaction, so the charts never
     * see a mix. Returns whether it counted them again.
     */
    countDaysIn(zone: string): boolean {
      if (settings.get('analytics.dayZone') === zone && !settings.get('analytics.recountDue')) return false;
      db.transaction(() => countDays(zone))();
      return true;
    },
  };
}

export type Rollups = ReturnType<typeof createRollups>;
