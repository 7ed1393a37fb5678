/**
 * What works: for hashtags, templates, pillars, voices, media against text, length and hour of
 * day, each group's median engagement rate over the baseline's median (lift), with a bootstrap
 * interval from a fixed seed (the same data always gives the same interval). Rates are those each
 * copy had one fixed age after it went out (at-age.ts), never its newest. Only copies with a
 * rate count; a group is shown only from 5 such copies, and the hidden ones are counted. A copy's
 * hashtags are those of its text, its thread's later parts and its first comment, each tag once
 * however many of them carry it (as hashtag suggestions read them).
 * The baseline is the account's posts when one account is in view, else every post in view.
 */
import { DateTime } from 'luxon';
import { extractHashtags } from '../../../shared/text-rules';
import { TAGGED_PART_KINDS, tagKey } from '../features/hashtags/history';
import type { Db } from '../store/open';
import type { AnalyticsQueries } from './queries';
import type { AnalyticsFilters } from './scope';
import { median } from './stats/describe';
import { lift } from './stats/lift';
import { seededRandom } from './stats/rng';

export const WHAT_WORKS_SEED = 20_261_223;

type Dimension = 'hashtags' | 'templates' | 'pillars' | 'voices' | 'media' | 'length' | 'hour';

const LABELS: Record<Dimension, string> = {
  hashtags: 'Hashtags',
  templates: 'Templates',
  pillars: 'Pillars',
  voices: 'Voices',
  media: 'Media or text',
  length: 'Length',
  hour: 'Time of day',
};

interface Extra {
  text: string;
  /** The later parts of a thread, one a line; null when the copy is a single post. */
  parts: string | null;
  template: string | null;
  pillar: string | null;
  voice: string | null;
  media: number;
  account_id: string | null;
}

export function lengthBucket(chars: number): [string, string] {
  if (chars < 100) return ['short', 'Under 100 characters'];
  if (chars < 280) return ['medium', '100–279 characters'];
  if (chars < 1000) return ['long', '280–999 characters'];
  return ['very-long', '1,000 characters or more'];
}

export function hourBucket(hour: number): [string, string] {
  if (hour < 6) return ['night', 'Night (00–06)'];
  if (hour < 12) return ['morning', 'Morning (06–12)'];
  if (hour < 18) return ['afternoon', 'Afternoon (12–18)'];
  return ['evening', 'Evening (18–24)'];
}

export function whatWorks(db: Db, queries: Pick<AnalyticsQueries, 'aged'>, f: AnalyticsFilters, zone: string, now: number) {
  // What each rated copy was made of, read in one statement for all of them.
  const extra = db.prepare(`SELECT t.id, t.account_id,
      coalesce(t.text_override, (SELECT v.text FROM post_versions v WHERE v.post_id = t.post_id ORDER BY v.number DESC LIMIT 1), '') AS text,
      (SELECT group_concat(tp.text, char(10)) FROM target_parts tp WHERE tp.target_id = t.id AND tp.kind IN ${TAGGED_PART_KINDS}) AS parts,
      tp.name AS template, pl.name AS pillar, vo.name AS voice,
      EXISTS (SELECT 1 FROM post_media pm WHERE pm.post_id = t.post_id) AS media
    FROM targets t JOIN posts p ON p.id = t.post_id
    LEFT JOIN templates tp ON tp.id = p.template_id LEFT JOIN pillars pl ON pl.id = p.pillar_id LEFT JOIN voices vo ON vo.id = p.voice_id
    WHERE t.rowid IN (SELECT value FROM json_each(?))`);
  // Every copy's rate as it stood at one age (at-age.ts), so a group of older posts does not win
  // on the days its numbers had to grow.
  const { copies, aged } = queries.aged(f, now);
  const copyOf = new Map(copies.map((c) => [c.targetId, c]));
  const rated = aged.counted.filter((c) => c.rate !== null && Number.isFinite(c.rate)).map((c) => ({ ...c, account: copyOf.get(c.targetId)!.account }));
  // By rowid (the copies were just read): one seek each, not one in the index of ids and one in the table.
  const extras = new Map((extra.all(JSON.stringify(rated.map((c) => copyOf.get(c.targetId)!.row))) as (Extra & { id: string })[]).map((x) => [x.id, x]));
  const groups = new Map<Dimension, Map<string, { label: string; rates: number[] }>>();
  const add = (d: Dimension, key: string, label: string, rate: number) => {
    let byKey = groups.get(d);
    if (!byKey) groups.set(d, (byKey = new Map()));
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { label, rates: [] }));
    g.rates.push(rate);
  };
  const accounts = new Set<string | null>();
  for (const c of rated) {
    const x = extras.get(c.targetId)!;
    const rate = c.rate!;
    accounts.add(x.account_id);
    const tags = new Map<string, string>();
    // A tag in a thread's later part or the first comment is as much the post's as one in its first
    // (hashtags/history.ts reads them the same way); length stays the first part's, the one a reader sees first.
    for (const tag of extractHashtags(x.parts ? `${x.text}\n${x.parts}` : x.text)) {
      const key = tagKey(tag);
      if (!tags.has(key)) tags.set(key, `#${key}`);
    }
    for (const [key, label] of tags) add('hashtags', key, label, rate);
    if (x.template) add('templates', x.template, x.template, rate);
    if (x.pillar) add('pillars', x.pillar, x.pillar, rate);
    if (x.voice) add('voices', x.voice, x.voice, rate);
    add('media', x.media ? 'media' : 'text', x.media ? 'With media' : 'Text only', rate);
    const [lk, ll] = lengthBucket([...x.text].length);
    add('length', lk, ll, rate);
    const [hk, hl] = hourBucket(DateTime.fromMillis(c.publishedAt, { zone }).hour);
    add('hour', hk, hl, rate);
  }

  // Sorted once: each group's lift sorts it again, which on a sorted list is one pass.
  const baselineRates = rated.map((c) => c.rate!).sort((a, b) => a - b);
  const one = accounts.size === 1 && !accounts.has(null);
  const handle = one ? rated[0]?.account : null;
  const atThatAge = `each as it stood ${aged.age} after it went out`;
  const baselineLabel = one
    ? `Against the median of ${handle ?? 'the account'}'s ${baselineRates.length} posts with a rate, ${atThatAge}`
    : `Against the median of the ${baselineRates.length} posts with a rate in view, ${atThatAge}; pick an account to compare within it`;

  const dimensions = (Object.keys(LABELS) as Dimension[]).map((dimension) => {
    const out = [];
    let hidden = 0;
    for (const [key, g] of groups.get(dimension) ?? []) {
      const l = lift(g.rates, baselineRates, { random: seededRandom(WHAT_WORKS_SEED) });
      if (!l) {
        hidden++;
        continue;
      }
      const fin = (v: number) => (Number.isFinite(v) ? v : null);
      out.push({ key, label: g.label, n: l.n, lift: l.lift, low: fin(l.interval.low), high: fin(l.interval.high), level: l.interval.level, groupMedian: l.groupMedian });
    }
    out.sort((a, b) => b.lift - a.lift || b.n - a.n || a.label.localeCompare(b.label));
    return { dimension, label: LABELS[dimension], groups: out, hidden };
  });
  return { baseline: { n: baselineRates.length, median: baselineRates.length ? median(baselineRates) : null, label: baselineLabel }, dimensions };
}
