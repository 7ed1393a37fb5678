/**
 * metric_at_age (schema 37): each copy's reading at the age it is compared at (readAtAge over
 * its two looks either side of publish time + compareAgeMs: counted with its rate and
 * engagements, missed, or awaiting a look), kept beside the snapshots so a year of copies reads
 * one short row each by primary key instead of seeking the snapshot history twice per copy and
 * reading it again (~25,000 copies a year at 100,000 posts took most of a second a screen). A
 * rollup like the others: written by rollups.ts's record() with each snapshot that can change it
 * and rebuilt from the snapshots by rebuild(), never the other way round.
 *
 * The reading does not depend on the time it is read at once the copy is that old (readAtAge
 * only says "too young" before), so it is kept as of then. `due` is the instant it was read for:
 * a reader trusts a row only when `due` is still its copy's publish time + age and the reading is
 * worked out (`state` not NULL: rows the migration added, until the start works them out), and
 * reads the snapshots for any other copy, so a row can make a read faster, never different.
 */
import type { Platform } from '../../../shared/domain/platforms';
import type { Db } from '../store/open';
import { compareAgeMs, readAtAge, type Snapshot } from './age';
import { engagementsAndRate, METRIC_FIELDS } from './engagement';

const HOUR_MS = 3_600_000;

/** compareAgeMs in SQL over a platform column (checked against it in analytics-at-age-store.test.ts). */
export const compareAgeSql = (platform: string): string =>
  `(CASE WHEN ${platform} IN ('tiktok', 'youtube') THEN ${72 * HOUR_MS} ELSE ${24 * HOUR_MS} END)`;

/** A kept reading's state: readAtAge's status for a copy that old. */
export type KeptState = 'counted' | 'missed' | 'awaiting';

/** The columns a reader takes, in this order, after whatever comes before them. */
export const READING_COLUMNS = ['due', 'state', 'rate', 'eng'] as const;

const fields = METRIC_FIELDS.map((f) => `s.${f}`).join(', ');
/**
 * Each copy's two looks either side of its age (the last at or before it, the first at or after
 * it: all readAtAge uses), two index seeks each on metric_snapshots_target, the look before first.
 * `c(target_id, t)` is the copies, defined by the statement using it.
 */
export const looksSql = (): string => {
  const side = (cmp: '<=' | '>=', dir: 'ASC' | 'DESC') =>
    `SELECT c.target_id, s.at, ${fields} FROM c JOIN metric_snapshots s ON s.id =
      (SELECT id FROM metric_snapshots WHERE target_id = c.target_id AND at ${cmp} c.t ORDER BY at ${dir}, id ${dir} LIMIT 1)`;
  return `${side('<=', 'DESC')} UNION ALL ${side('>=', 'ASC')}`;
};

/** Rows of looksSql() by copy, as readAtAge takes them: the look before the age, then the one after it (the same look twice when one is at it). */
export function looksByCopy(rows: readonly (Snapshot & { target_id: string })[], into: Map<string, Snapshot[]> = new Map()): Map<string, Snapshot[]> {
  for (const row of rows) {
    const list = into.get(row.target_id);
    if (!list) into.set(row.target_id, [row]);
    else if (row.at < list[0]!.at) list.unshift(row);
    else list.push(row);
  }
  return into;
}

/** One copy's looks (record(), the start's working out of rows). */
export const LOOKS_ONE_SQL = `WITH c(target_id, t) AS (SELECT @targetId, @due) ${looksSql()}`;

/** Every copy with a publish time and a snapshot, its reading still to work out (rebuild(); migration 0037 runs the same). */
export const KEEP_ALL_SQL = `INSERT INTO metric_at_age (target_id, due)
  SELECT t.id, t.published_at + ${compareAgeSql('t.platform')} FROM targets t
  WHERE t.published_at IS NOT NULL AND t.id IN (SELECT DISTINCT target_id FROM metric_snapshots)`;

/** Rows whose reading is still to work out, a batch at a time, through the partial index of them. */
export const UNREAD_SQL = `SELECT g.target_id, g.due, t.platform FROM metric_at_age g INDEXED BY metric_at_age_unread
  JOIN targets t ON t.id = g.target_id WHERE g.state IS NULL LIMIT 500`;

/** A copy's reading once it is that old, from its looks: what readAtAge answers at any later time. */
export function keptReading(looks: readonly Snapshot[], due: number, platform: Platform): { state: KeptState; rate: number | null; eng: number | null; afterAt: number | null } {
  const age = compareAgeMs(platform);
  const reading = readAtAge(looks, due - age, age, Number.POSITIVE_INFINITY);
  const afterAt = looks.find((s) => s.at >= due)?.at ?? null;
  if (reading.status === 'counted') {
    const { rate, engagements } = engagementsAndRate(reading.values);
    return { state: 'counted', rate, eng: engagements, afterAt };
  }
  return { state: reading.status === 'missed' ? 'missed' : 'awaiting', rate: null, eng: null, afterAt };
}

/** The writer's side (inside rollups.ts's transactions). */
export function createAtAgeKeeper(db: Db) {
  const s = {
    row: db.prepare('SELECT due, a_at FROM metric_at_age WHERE target_id = ?'),
    looks: db.prepare(LOOKS_ONE_SQL),
    put: db.prepare('INSERT OR REPLACE INTO metric_at_age (target_id, due, a_at, state, rate, eng) VALUES (@targetId, @due, @afterAt, @state, @rate, @eng)'),
    clear: db.prepare('DELETE FROM metric_at_age'),
    all: db.prepare(KEEP_ALL_SQL),
    unread: db.prepare(UNREAD_SQL),
  };
  const keep = (targetId: string, platform: Platform, due: number) => {
    const looks = looksByCopy(s.looks.all({ targetId, due }) as (Snapshot & { target_id: string })[]).get(targetId) ?? [];
    s.put.run({ targetId, due, ...keptReading(looks, due, platform) });
  };
  /** Works out rows still without their reading (after the migration, or a rebuild), a batch of UNREAD_SQL's at a time, up to `batches`. */
  const workOut = (batches = Number.POSITIVE_INFINITY): number => {
    let n = 0;
    for (let done = 0; done < batches; done++) {
      const batch = s.unread.all() as { target_id: string; due: number; platform: Platform }[];
      if (batch.length === 0) break;
      for (const r of batch) keep(r.target_id, r.platform, r.due);
      n += batch.length;
    }
    return n;
  };
  return {
    /** After a snapshot at `at` of a copy: its reading again, unless the look cannot change either of the looks it rests on. */
    record(targetId: string, platform: Platform, publishedAt: number | null, at: number): void {
      if (publishedAt === null) return;
      const due = publishedAt + compareAgeMs(platform);
      const kept = s.row.get(targetId) as { due: number; a_at: number | null } | undefined;
      // A look after the age and not before the kept look after it changes neither (a new
      // snapshot has the largest id, and the look after the age is the first by (at, id)).
      if (kept && kept.due === due && at > due && kept.a_at !== null && at >= kept.a_at) return;
      keep(targetId, platform, due);
    },
    workOut,
    rebuild(): void {
      s.clear.run();
      s.all.run();
      workOut();
    },
  };
}
