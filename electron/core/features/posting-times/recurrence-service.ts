import { DateTime } from 'luxon';
import { AppError, type ChannelOutput, type ChannelParsedInput } from '../../../../shared/contract';
import type { RecurrenceDto } from '../../../../shared/contract/features/posting-times';
import { toLocal } from '../../../../shared/domain/time';
import type { FeatureDeps } from '../types';
import { createPostCopier } from '../../posts/post-copy';
import { twinsOf } from '../../posts/duplicate-check';
import { mediaOfPost } from '../../posts/guard-prints';
import { occurrence, totalOccurrences, type OccurrenceTime, type RecurrenceRule } from './recurrence-rule';

/** How many upcoming occurrences of a series exist as real posts at any time (the post itself included). */
export const AHEAD = 3;
/** The furthest an end date may be: five years after the first post. */
const MAX_YEARS = 5;
/** A bound on one top-up's walk over occurrences whose time went by while Loomcast was closed. */
const MAX_STEPS = 5_000;

interface RecurrenceRow {
  origin_post_id: string;
  every_days: number;
  until_count: number | null;
  until_date: string | null;
  zone: string;
  start_date: string;
  local_time: string;
  next_number: number;
}

interface OccurrenceRow {
  number: number;
  post_id: string | null;
  at: number;
}

const ruleOf = (r: RecurrenceRow): RecurrenceRule => ({
  startDate: r.start_date,
  time: r.local_time,
  zone: r.zone,
  everyDays: r.every_days,
  until: r.until_count !== null ? { count: r.until_count } : { date: r.until_date! },
});

const iso = (ms: number) => new Date(ms).toISOString();

/** What one top-up did, to announce after its transaction committed. */
export interface TopUp {
  originPostId: string;
  created: string[];
}

/**
 * Evergreen series. The rule lives in `recurrences`; the next AHEAD occurrences exist as
 * ordinary scheduled posts (copies of the origin), so the scheduler publishes them like any
 * other post and never needs to know about repeats. `topUp` makes the next copy whenever one
 * goes by; it runs after each publish (posts:changed), when a copy's time passes, and at start.
 */
export function createRecurrenceService({ db, audit, clock, log, posts, targets, zone: creatorZone }: Pick<FeatureDeps, 'db' | 'audit' | 'clock' | 'log' | 'posts' | 'targets' | 'zone'>) {
  const copier = createPostCopier(db, targets);
  const s = {
    get: db.prepare('SELECT * FROM recurrences WHERE origin_post_id = ?'),
    all: db.prepare('SELECT origin_post_id FROM recurrences ORDER BY created_at'),
    originOf: db.prepare('SELECT origin_post_id FROM recurrence_occurrences WHERE post_id = ?'),
    // Series by age, each with its copies: past the cap, the series made last are left out.
    repeating: db
      .prepare(
        `SELECT id FROM (SELECT r.origin_post_id AS id, r.created_at, 1 AS n FROM recurrences r
          UNION ALL SELECT o.post_id, r.created_at, o.number FROM recurrence_occurrences o JOIN recurrences r ON r.origin_post_id = o.origin_post_id WHERE o.post_id IS NOT NULL)
        ORDER BY created_at, n LIMIT ?`,
      )
      .pluck(),
    upsert: db.prepare(`INSERT INTO recurrences (origin_post_id, every_days, until_count, until_date, zone, start_date, local_time, next_number, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 2, ?, ?)
      ON CONFLICT(origin_post_id) DO UPDATE SET every_days = excluded.every_days, until_count = excluded.until_count, until_date = excluded.until_date,
        zone = excluded.zone, start_date = excluded.start_date, local_time = excluded.local_time, next_number = 2, updated_at = excluded.updated_at`),
    remove: db.prepare('DELETE FROM recurrences WHERE origin_post_id = ?'),
    // A copy moved on its own (calendar, reschedule) is shown where it now is, not where it was made.
    occurrences: db.prepare(`SELECT o.number, o.post_id, coalesce((SELECT min(t.scheduled_at) FROM targets t WHERE t.post_id = o.post_id), o.at) AS at
      FROM recurrence_occurrences o WHERE o.origin_post_id = ? ORDER BY o.number`),
    addOccurrence: db.prepare('INSERT INTO recurrence_occurrences (origin_post_id, number, post_id, at, created_at) VALUES (?, ?, ?, ?, ?)'),
    forgetOccurrences: db.prepare('DELETE FROM recurrence_occurrences WHERE origin_post_id = ?'),
    setNext: db.prepare('UPDATE recurrences SET next_number = ?, updated_at = ? WHERE origin_post_id = ?'),
    // Copies nothing of which has gone out or failed: deleting them loses no history.
    unsentCopies: db.prepare(`SELECT o.post_id AS id FROM recurrence_occurrences o WHERE o.origin_post_id = ? AND o.post_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM targets t WHERE t.post_id = o.post_id AND t.state NOT IN ('draft','in_review','approved','scheduled'))`),
    deletePost: db.prepare('DELETE FROM posts WHERE id = ?'),
  };

  const row = (originId: string) => s.get.get(originId) as RecurrenceRow | undefined;

  /** A copy's series is its origin's; any other post is its own origin. */
  const originOf = (postId: string): string => (s.originOf.get(postId) as { origin_post_id: string } | undefined)?.origin_post_id ?? postId;

  /** Upcoming occurrences already made (numbers below `next` whose time is after `now`), up to AHEAD. */
  const upcomingBefore = (rule: RecurrenceRule, next: number, now: number): number => {
    let n = 0;
    for (let k = next - 1; k >= 1 && n < AHEAD; k--) {
      const o = occurrence(rule, k);
      if (!o || o.epochMs <= now) break;
      n++;
    }
    return n;
  };

  /**
   * Posts already carrying the origin's words and media to its accounts at a given instant: a post
   * of the series moved onto a later occurrence's time (or any post with the same words there). A
   * copy made there would go out twice at once, so the occurrence is left to that post. The origin
   * is read once per top-up (on its first future occurrence), not once per occurrence.
   */
  const twinsFinder = (originId: string) => {
    let query: Omit<Parameters<typeof twinsOf>[1], 'scheduledAt'> | null = null;
    return (atMs: number): string[] => {
      if (!query) {
        const origin = posts.get(originId);
        const live = origin.targets.filter((t) => t.state !== 'cancelled');
        query = {
          text: origin.text,
          mediaHashes: mediaOfPost(db, originId),
          accountIds: [...new Set(live.flatMap((t) => (t.accountId ? [t.accountId] : [])))],
          platforms: [...new Set(live.flatMap((t) => (t.accountId ? [] : [t.platform])))],
        };
      }
      return twinsOf({ db, clock, log }, { ...query, scheduledAt: atMs });
    };
  };

  /** Makes copies until AHEAD occurrences are upcoming. Call inside a transaction. */
  const topUpIn = (originId: string, now: number): string[] => {
    const r = row(originId);
    if (!r) return [];
    const rule = ruleOf(r);
    const created: string[] = [];
    let next = r.next_number;
    let upcoming = upcomingBefore(rule, next, now);
    const twinsAt = twinsFinder(originId);
    for (let step = 0; upcoming < AHEAD && step < MAX_STEPS; step++) {
      const o = occurrence(rule, next);
      if (!o) break;
      const taken = o.epochMs > now ? twinsAt(o.epochMs) : [];
      if (taken.length > 0) {
        // Passed over like a time gone by (no row): the post already there goes out instead.
        audit.record({ actor: 'system', action: 'recurrence.taken', entity: 'post', entityId: originId, detail: { number: next, at: o.epochMs, postIds: taken } });
        upcoming++;
      } else if (o.epochMs > now) {
        const id = copier.copy(originId, o.epochMs, rule.zone, now);
        // Every copy of the origin was cancelled: nothing to repeat until that changes.
        if (id === null) break;
        s.addOccurrence.run(originId, next, id, o.epochMs, now);
        audit.record({ actor: 'system', action: 'recurrence.occurrence', entity: 'post', entityId: id, detail: { originPostId: originId, number: next, at: o.epochMs } });
        created.push(id);
        upcoming++;
      }
      // An occurrence whose time went by while Loomcast was closed is passed over, not sent late.
      next++;
    }
    if (next !== r.next_number) s.setNext.run(next, now, originId);
    return created;
  };

  const nextToMake = (rule: RecurrenceRule, from: number, now: number): OccurrenceTime | null => {
    for (let n = from, step = 0; step < MAX_STEPS; n++, step++) {
      const o = occurrence(rule, n);
      if (!o || o.epochMs > now) return o;
    }
    return null;
  };

  const view = (originId: string): RecurrenceDto | null => {
    const r = row(originId);
    if (!r) return null;
    const rule = ruleOf(r);
    // The first post where it is now: moved on its own, it no longer sits on the rule's first day.
    const planned = posts.get(originId).scheduledAt;
    const firstAt = planned ? Date.parse(planned) : occurrence(rule, 1)!.epochMs;
    const first = toLocal(firstAt, rule.zone);
    const made = (s.occurrences.all(originId) as OccurrenceRow[]).map((o) => {
      const wall = toLocal(o.at, rule.zone);
      return { number: o.number, postId: o.post_id, at: iso(o.at), date: wall.date, time: wall.time };
    });
    const next = nextToMake(rule, r.next_number, clock.now());
    return {
      originPostId: originId,
      everyDays: r.every_days,
      until: r.until_count !== null ? { count: r.until_count } : { date: r.until_date! },
      zone: r.zone,
      startDate: r.start_date,
      time: r.local_time,
      occurrences: [{ number: 1, postId: originId, at: iso(firstAt), date: first.date, time: first.time }, ...made],
      next: next ? { number: next.number, at: iso(next.epochMs), date: next.date, time: next.time } : null,
      total: totalOccurrences(rule),
    };
  };

  /** Deletes the copies that haven't gone out and detaches the rest; returns the deleted ids. */
  const dropCopies = (originId: string): string[] => {
    const ids = (s.unsentCopies.all(originId) as { id: string }[]).map((r) => r.id);
    for (const id of ids) {
      s.deletePost.run(id);
      targets.touched(id, 'deleted');
    }
    s.forgetOccurrences.run(originId);
    return ids;
  };

  return {
    originOf,

    /** Every post in a repeating series, up to `max`. */
    repeating: (max: number) => s.repeating.all(max) as string[],

    get({ postId }: ChannelParsedInput<'queue:recurrence'>): RecurrenceDto | null {
      posts.get(postId);
      return view(originOf(postId));
    },

    /**
     * Sets (or replaces) the rule of the series `postId` belongs to. The series keeps the
     * origin's day and wall-clock time in the zone it was planned in. Replacing a rule deletes
     * the copies that haven't gone out and makes them again under the new rule.
     */
    set({ postId, everyDays, until }: ChannelParsedInput<'queue:setRecurrence'>): { view: RecurrenceDto; created: string[]; removed: string[] } {
      const originId = originOf(postId);
      const post = posts.get(originId);
      if (!post.scheduledAt) throw new AppError('invalid_time', 'Give this post a day and time first: a repeat starts from it and keeps its time of day.');
      const zone = post.zone ?? creatorZone();
      const start = toLocal(Date.parse(post.scheduledAt), zone);
      const rule: RecurrenceRule = { startDate: start.date, time: start.time, zone, everyDays, until };
      if ('date' in until) {
        const end = DateTime.fromISO(until.date, { zone: 'UTC' });
        const issue = (message: string) => new AppError('invalid_input', message, { issues: [{ path: ['until', 'date'], message }] });
        if (!end.isValid) throw issue(`${until.date} is not a real date.`);
        if (until.date < start.date) throw issue(`The end date ${until.date} is before the post's own day, ${start.date}.`);
        if (until.date > DateTime.fromISO(start.date, { zone: 'UTC' }).plus({ years: MAX_YEARS }).toISODate()!) throw issue(`End the series within ${MAX_YEARS} years of the first post.`);
        if (totalOccurrences(rule) < 2) throw issue(`Every ${everyDays} days from ${start.date}, nothing falls on or before ${until.date}: the post would go out only once. Pick a later end date.`);
      }
      const now = clock.now();
      const result = targets.atomically(() => {
        const removed = row(originId) ? dropCopies(originId) : [];
        s.upsert.run(originId, everyDays, 'count' in until ? until.count : null, 'date' in until ? until.date : null, zone, start.date, start.time, now, now);
        const created = topUpIn(originId, now);
        audit.record({ actor: 'user', action: 'recurrence.set', entity: 'post', entityId: originId, detail: { everyDays, until, zone, startDate: start.date, time: start.time } });
        return { created, removed };
      }, 'immediate');
      return { view: view(originId)!, ...result };
    },

    clear({ postId }: ChannelParsedInput<'queue:clearRecurrence'>): ChannelOutput<'queue:clearRecurrence'> & { removedIds: string[] } {
      posts.get(postId);
      const originId = originOf(postId);
      if (!row(originId)) throw new AppError('not_found', 'This post doesn’t repeat, so there is nothing to stop.');
      const removedIds = targets.atomically(() => {
        const ids = dropCopies(originId);
        s.remove.run(originId);
        audit.record({ actor: 'user', action: 'recurrence.clear', entity: 'post', entityId: originId, detail: { removed: ids.length } });
        return ids;
      }, 'immediate');
      return { originPostId: originId, removed: removedIds.length, removedIds };
    },

    /** Tops up every series; returns what was made, and the earliest time a top-up is due again. */
    topUpAll(): { made: TopUp[]; wakeAt: number | null } {
      const now = clock.now();
      const made: TopUp[] = [];
      let wakeAt: number | null = null;
      for (const { origin_post_id: originId } of s.all.all() as { origin_post_id: string }[]) {
        const created = targets.atomically(() => topUpIn(originId, now), 'immediate');
        if (created.length) made.push({ originPostId: originId, created });
        const r = row(originId);
        if (!r) continue;
        // The series needs another copy when its earliest upcoming occurrence goes by.
        const rule = ruleOf(r);
        const soonest = nextToMake(rule, Math.max(1, r.next_number - AHEAD), now);
        if (soonest && soonest.number < r.next_number && (wakeAt === null || soonest.epochMs < wakeAt)) wakeAt = soonest.epochMs;
      }
      return { made, wakeAt };
    },
  };
}

export type RecurrenceService = ReturnType<typeof createRecurrenceService>;
