/**
 * Copies compared like with like: each copy's numbers as they stood one fixed age after its own
 * publishing (24 h; 72 h on TikTok and YouTube, whose numbers lag), read from the snapshot
 * history as experiments read them (experiments/age.ts). A copy's newest numbers would set a post
 * a month out beside one an hour out, and the hour it went out would win or lose on age alone.
 * Copies not that old yet, or without a look near that age, are left out and counted. Each copy's
 * reading at its age is kept as a rollup (metric_at_age, at-age-store.ts).
 */
import type { Platform } from '../../../shared/domain/platforms';
import { compareAgeMs, readAtAge, type Snapshot } from './age';
import { looksByCopy, looksSql, READING_COLUMNS, type KeptState } from './at-age-store';
import type { Db } from '../store/open';
import { engagementsAndRate } from './engagement';

export interface AgedCopy {
  targetId: string;
  platform: Platform;
  publishedAt: number;
  rate: number | null;
  engagements: number | null;
}

export interface AtAge {
  counted: AgedCopy[];
  /** Out, but not that old yet (or that old, with the look at that age still to come). */
  waiting: number;
  /** No look near that age (Loomcast was closed then, or the post was found later). */
  missed: number;
  /** The age alone: "24 h", "72 h", or both where TikTok or YouTube are among others. */
  age: string;
  /** The age and what was left out, in words, as the answer shows it. */
  words: string;
}

const LAGGING: readonly Platform[] = ['tiktok', 'youtube'];

const posts = (n: number) => `${n} post${n === 1 ? '' : 's'}`;

export interface AgeCopy {
  targetId: string;
  platform: Platform;
  publishedAt: number;
}

/**
 * Readings at an age: the kept one where it holds (at-age-store.ts), else from the snapshots.
 * `withRows` takes copies whose kept rows a scope's statement already joined.
 */
export function createAtAge(db: Db) {
  const around = db.prepare(`WITH c(target_id, t) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))
    ${looksSql()}`);
  const stored = db
    .prepare(`SELECT g.target_id, ${READING_COLUMNS.map((c) => `g.${c}`).join(', ')} FROM json_each(?) j JOIN metric_at_age g ON g.target_id = j.value`)
    .raw(true);

  /**
   * Every copy's reading: too young before its age; else its kept reading (`rowOf`: its raw row,
   * READING_COLUMNS from position `at`) where that is for this copy's age and worked out; else
   * readAtAge over its looks from the snapshots (two index seeks each, for those copies only).
   */
  function withRows(copies: readonly AgeCopy[], rowOf: (c: AgeCopy, i: number) => readonly unknown[] | undefined, at: number, now: number): AtAge {
    const kept: (readonly unknown[] | null)[] = [];
    const rest: [string, number][] = [];
    for (const [i, c] of copies.entries()) {
      const due = c.publishedAt + compareAgeMs(c.platform);
      const row = now < due ? null : rowOf(c, i);
      const holds = row !== null && row !== undefined && row[at] === due && row[at + 1] !== null;
      kept.push(holds ? row : null);
      if (!holds && now >= due) rest.push([c.targetId, due]);
    }
    const looks = looksByCopy(rest.length ? (around.all(JSON.stringify(rest)) as (Snapshot & { target_id: string })[]) : []);
    const counted: AgedCopy[] = [];
    let waiting = 0;
    let missed = 0;
    for (const [i, c] of copies.entries()) {
      const row = kept[i];
      if (row) {
        const state = row[at + 1] as KeptState;
        if (state === 'counted') counted.push({ targetId: c.targetId, platform: c.platform, publishedAt: c.publishedAt, rate: row[at + 2] as number | null, engagements: row[at + 3] as number | null });
        else if (state === 'missed') missed++;
        else waiting++;
        continue;
      }
      const reading = readAtAge(looks.get(c.targetId) ?? [], c.publishedAt, compareAgeMs(c.platform), now);
      if (reading.status === 'counted') {
        const { rate, engagements } = engagementsAndRate(reading.values);
        counted.push({ targetId: c.targetId, platform: c.platform, publishedAt: c.publishedAt, rate, engagements });
      } else if (reading.status === 'missed') missed++;
      else waiting++;
    }
    const lagging = copies.some((c) => LAGGING.includes(c.platform));
    const others = copies.length === 0 || copies.some((c) => !LAGGING.includes(c.platform));
    const age = !lagging ? '24 h' : !others ? '72 h' : '24 h (72 h on TikTok and YouTube, whose numbers lag)';
    const left = [
      waiting ? `${posts(waiting)} ${waiting === 1 ? 'is' : 'are'} younger than that and ${waiting === 1 ? 'waits' : 'wait'}` : '',
      missed ? `${posts(missed)} had no look near that age` : '',
    ].filter(Boolean);
    const words = `Each post as it stood ${age} after it went out, so older posts do not win on time alone${left.length ? `; ${left.join(', and ')}` : ''}.`;
    return { counted, waiting, missed, age, words };
  }

  function atAge(copies: readonly AgeCopy[], now: number): AtAge {
    const rows = new Map((stored.all(JSON.stringify(copies.map((c) => c.targetId))) as unknown[][]).map((r) => [r[0] as string, r]));
    return withRows(copies, (c) => rows.get(c.targetId), 1, now);
  }
  atAge.withRows = withRows;
  return atAge;
}
