/**
 * The one writer of metric_snapshots and its rollups. A snapshot is appended, never changed;
 * metric_latest (each target's newest numbers), metric_daily (each target's numbers at the end of
 * each of the creator's days it was looked at) and metric_account_daily (per account, platform and
 * day, what came in that day) are derived from snapshots and can be rebuilt from them at any time.
 * A NULL stays NULL: not reported is not zero.
 *
 * Days are the creator's calendar days (local-day.ts) in the zone stored as 'analytics.dayZone';
 * when the creator's time zone changes, `countDaysIn` counts the daily rollups again in the new one.
 */
import type { Logger } from '../deps';
import { settingsStoreOf } from '../settings/settings-store';
import type { Db } from '../store/open';
import { METRIC_FIELDS, type MetricValues } from './engagement';
import { DAY_MS, localDay, localDayBounds, localDaySql } from './local-day';

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
/** A day row's parts of the per-account rollup; no row at all counts as nothing reported. */
function parts(row: DailyRow | undefined) {
  if (!row) return { fr: 0, rn: 0, fe: 0, en: 0, fre: 0, frr: 0 };
  const r0 = row.views ?? row.impressions ?? null;
  const reported = ENGAGEMENT.filter((f) => row[f] !== null && row[f] !== undefined);
  const e0 = reported.length ? reported.reduce((n, f) => n + (row[f] as number), 0) : null;
  const both = r0 !== null && r0 > 0 && e0 !== null;
  return { fr: r0 ?? 0, rn: r0 === null ? 0 : 1, fe: e0 ?? 0, en: e0 === null ? 0 : 1, fre: both ? e0 : 0, frr: both ? r0 : 0 };
}
const PARAMS = METRIC_FIELDS.map((f) => `@${f}`).join(', ');
const SET_LATEST = METRIC_FIELDS.map((f) => `${f} = excluded.${f}`).join(', ');

export function createRollups(db: Db, log: Logger = quiet) {
  const settings = settingsStoreOf(db, log);
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
    prevRow: db.prepare(`SELECT day, ${COLS} FROM metric_daily WHERE target_id = ? AND day < ? ORDER BY day DESC LIMIT 1`),
    nextRow: db.prepare(`SELECT day, ${COLS} FROM metric_daily WHERE target_id = ? AND day > ? ORDER BY day LIMIT 1`),
    addAccountDay: db.prepare(`INSERT INTO metric_account_daily (account_id, platform, day, reach, reach_n, eng, eng_n, rate_e, rate_r)
      VALUES (@account, @platform, @day, @fr, @rn, @fe, @en, @fre, @frr)
      ON CONFLICT (day, account_id, platform) DO UPDATE SET reach = reach + excluded.reach, reach_n = reach_n + excluded.reach_n,
        eng = eng + excluded.eng, eng_n = eng_n + excluded.eng_n, rate_e = rate_e + excluded.rate_e, rate_r = rate_r + excluded.rate_r`),
    clearAccountDaily: db.prepare('DELETE FROM metric_account_daily'),
    rebuildAccountDaily: db.prepare(`WITH f AS (
    SELECT target_id, coalesce(account_id, '') AS account_id, platform, day, coalesce(views, impressions) AS r0,
      CASE WHEN likes IS NULL AND replies IS NULL AND reposts IS NULL AND quotes IS NULL AND shares IS NULL AND saves IS NULL THEN NULL
        ELSE coalesce(likes, 0) + coalesce(replies, 0) + coalesce(reposts, 0) + coalesce(quotes, 0) + coalesce(shares, 0) + coalesce(saves, 0) END AS e0
    FROM metric_daily),
  g AS (
    SELECT target_id, account_id, platform, day, coalesce(r0, 0) AS fr, (r0 IS NOT NULL) AS rn, coalesce(e0, 0) AS fe, (e0 IS NOT NULL) AS en,
      CASE WHEN r0 > 0 AND e0 IS NOT NULL THEN e0 ELSE 0 END AS fre, CASE WHEN r0 > 0 AND e0 IS NOT NULL THEN r0 ELSE 0 END AS frr
    FROM f),
  h AS (
    SELECT *, lag(fr, 1, 0) OVER w AS pfr, lag(fe, 1, 0) OVER w AS pfe, lag(fre, 1, 0) OVER w AS pfre, lag(frr, 1, 0) OVER w AS pfrr
    FROM g WINDOW w AS (PARTITION BY target_id ORDER BY day))
INSERT INTO metric_account_daily (account_id, platform, day, reach, reach_n, eng, eng_n, rate_e, rate_r)
SELECT account_id, platform, day, sum(fr - pfr), sum(rn), sum(fe - pfe), sum(en), sum(fre - pfre), sum(frr - pfrr) FROM h GROUP BY account_id, platform, day`),
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
        s.daily.run({ targetId, day, dayStart, dayEnd, accountId: t.account_id, platform: t.platform });
        // What came in that day is the day's numbers minus the day looked at before; the day looked
        // at after loses what this day gained (a snapshot arriving late changes both).
        const after = parts(s.dayRow.get(targetId, day) as DailyRow | undefined);
        const was = before ? parts(before) : parts(s.prevRow.get(targetId, day) as DailyRow | undefined);
        const key = { account: t.account_id ?? '', platform: t.platform };
        const delta = (d: number, a: ReturnType<typeof parts>, b: ReturnType<typeof parts>, counts: { rn: number; en: number }) =>
          s.addAccountDay.run({ ...key, day: d, fr: a.fr - b.fr, fe: a.fe - b.fe, fre: a.fre - b.fre, frr: a.frr - b.frr, ...counts });
        delta(day, after, was, { rn: after.rn - (before ? parts(before).rn : 0), en: after.en - (before ? parts(before).en : 0) });
        const next = s.nextRow.get(targetId, day) as DailyRow | undefined;
        if (next) delta(next.day, was, after, { rn: 0, en: 0 });
      })();
    },

    /** Derives every rollup again from every snapshot (after an import, or to check them). */
    rebuild(): void {
      db.transaction(() => {
        s.clearLatest.run();
        s.rebuildLatest.run();
        countDays(settings.get('analytics.dayZone'));
      })();
    },

    /**
     * Counts the daily rollups again in `zone`'s days, unless they already are: at start and
     * whenever the creator's time zone changes. One transaction, so the charts never see a mix.
     * Returns whether it counted them again.
     */
    countDaysIn(zone: string): boolean {
      if (settings.get('analytics.dayZone') === zone) return false;
      db.transaction(() => countDays(zone))();
      return true;
    },
  };
}

export type Rollups = ReturnType<typeof createRollups>;
