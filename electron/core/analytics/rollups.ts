/**
 * The one writer of metric_snapshots and its rollups. A snapshot is appended, never changed;
 * metric_latest (each target's newest numbers) and metric_daily (each target's numbers at the
 * end of each UTC day it was looked at) are derived from snapshots and can be rebuilt from them
 * at any time. A NULL stays NULL: not reported is not zero.
 */
import type { Db } from '../store/open';
import { METRIC_FIELDS, type MetricValues } from './engagement';

export const DAY_MS = 86_400_000;
/** Days since 1970-01-01 (UTC) of an instant. */
export const dayOf = (ms: number): number => Math.floor(ms / DAY_MS);

const COLS = METRIC_FIELDS.join(', ');
const PARAMS = METRIC_FIELDS.map((f) => `@${f}`).join(', ');
const SET_LATEST = METRIC_FIELDS.map((f) => `${f} = excluded.${f}`).join(', ');

export function createRollups(db: Db) {
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
    clearLatest: db.prepare('DELETE FROM metric_latest'),
    clearDaily: db.prepare('DELETE FROM metric_daily'),
    rebuildLatest: db.prepare(`INSERT INTO metric_latest (target_id, account_id, platform, published_at, at, ${COLS})
      SELECT s.target_id, t.account_id, t.platform, coalesce(t.published_at, s.at), s.at, ${METRIC_FIELDS.map((f) => `s.${f}`).join(', ')}
      FROM (SELECT *, row_number() OVER (PARTITION BY target_id ORDER BY at DESC, id DESC) AS rn FROM metric_snapshots) s
      JOIN targets t ON t.id = s.target_id WHERE s.rn = 1`),
    rebuildDaily: db.prepare(`INSERT INTO metric_daily (target_id, day, account_id, platform, ${COLS})
      SELECT s.target_id, s.day, t.account_id, t.platform, ${METRIC_FIELDS.map((f) => `s.${f}`).join(', ')}
      FROM (SELECT *, (at / ${DAY_MS}) AS day, row_number() OVER (PARTITION BY target_id, at / ${DAY_MS} ORDER BY at DESC, id DESC) AS rn FROM metric_snapshots) s
      JOIN targets t ON t.id = s.target_id WHERE s.rn = 1`),
  };

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
      const day = dayOf(at);
      db.transaction(() => {
        s.snapshot.run(row);
        s.latest.run(row);
        s.daily.run({ targetId, day, dayStart: day * DAY_MS, dayEnd: (day + 1) * DAY_MS, accountId: t.account_id, platform: t.platform });
      })();
    },

    /** Derives both rollups again from every snapshot (after an import, or to check them). */
    rebuild(): void {
      db.transaction(() => {
        s.clearLatest.run();
        s.clearDaily.run();
        s.rebuildLatest.run();
        s.rebuildDaily.run();
      })();
    },
  };
}

export type Rollups = ReturnType<typeof createRollups>;
