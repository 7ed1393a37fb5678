/**
 * Copies compared like with like: each copy's numbers as they stood one fixed age after its own
 * publishing (24 h; 72 h on TikTok and YouTube, whose numbers lag), read from the snapshot
 * history as experiments read them (experiments/age.ts). A copy's newest numbers would set a post
 * a month out beside one an hour out, and the hour it went out would win or lose on age alone.
 * Copies not that old yet, or without a look near that age, are left out and counted.
 */
import type { Platform } from '../../../shared/domain/platforms';
import { compareAgeMs, readAtAge, type Snapshot } from './age';
import type { Db } from '../store/open';
import { engagementRate, engagements, METRIC_FIELDS } from './engagement';

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

export function createAtAge(db: Db) {
  const fields = METRIC_FIELDS.map((f) => `s.${f}`).join(', ');
  // Each copy's two looks either side of its age (the last at or before it, the first at or after
  // it: all readAtAge uses), two index seeks each on metric_snapshots_target, not its whole
  // history (a year of ten accounts is ~1,000,000 looks; reading them all took seconds).
  const side = (cmp: '<=' | '>=', dir: 'ASC' | 'DESC') =>
    `SELECT c.target_id, s.at, ${fields} FROM c JOIN metric_snapshots s ON s.id =
      (SELECT id FROM metric_snapshots WHERE target_id = c.target_id AND at ${cmp} c.t ORDER BY at ${dir}, id ${dir} LIMIT 1)`;
  const around = db.prepare(`WITH c(target_id, t) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))
    ${side('<=', 'DESC')} UNION ALL ${side('>=', 'ASC')}`);

  return function atAge(copies: readonly { targetId: string; platform: Platform; publishedAt: number }[], now: number): AtAge {
    const byTarget = new Map<string, Snapshot[]>();
    for (const row of around.all(JSON.stringify(copies.map((c) => [c.targetId, c.publishedAt + compareAgeMs(c.platform)]))) as (Snapshot & { target_id: string })[]) {
      const list = byTarget.get(row.target_id);
      if (!list) byTarget.set(row.target_id, [row]);
      // The look before the age, then the one after it (the same look twice when one is at the age).
      else if (row.at < list[0]!.at) list.unshift(row);
      else list.push(row);
    }
    const counted: AgedCopy[] = [];
    let waiting = 0;
    let missed = 0;
    for (const c of copies) {
      const reading = readAtAge(byTarget.get(c.targetId) ?? [], c.publishedAt, compareAgeMs(c.platform), now);
      if (reading.status === 'counted') {
        counted.push({ targetId: c.targetId, platform: c.platform, publishedAt: c.publishedAt, rate: engagementRate(reading.values), engagements: engagements(reading.values).value });
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
  };
}
