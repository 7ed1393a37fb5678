/**
 * The campaign guard. A campaign may carry a minimum engagement rate; when the rate of its
 * published copies (engagements ÷ views or impressions, pooled, from each copy's latest numbers,
 * over copies that reported a reach) falls under it — judged only once copies of at least
 * GUARD_MIN_POSTS posts have a rate — its scheduled copies move back to approved, keeping their time, so they
 * don't go out. The campaign records when and why; one alert says so. Resume puts them back:
 * scheduled again where their time is still ahead, to Review (with the reason) where it passed.
 */
import { AppError, type EventPayload } from '../../../../shared/contract';
import { GUARD_MIN_POSTS } from '../../../../shared/contract/features/campaigns';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { formatPercent } from '../../../../shared/domain/numbers';
import { formatInstant } from '../../../../shared/domain/time';
import { engagements, reach, type MetricValues } from '../../analytics/engagement';
import type { FeatureDeps } from '../types';

/** Written on each paused copy: how Resume finds the copies the guard held back (and what the creator reads). */
export const PAUSE_NOTE = 'Paused by the campaign guard';
export const GUARD_SWEEP_MS = 15 * 60_000;

type Status = 'off' | 'paused' | 'too_few' | 'ok' | 'below';
export interface GuardVerdict {
  campaignId: string;
  status: Status;
  rate: number | null;
  minRate: number | null;
  posts: number;
  paused: number;
  message: string;
}

export interface GuardNotice {
  campaignId: string;
  campaignName: string;
  title: string;
  body: string;
}

interface CampaignGuardRow {
  id: string;
  name: string;
  guard_min_rate: number | null;
  paused_at: number | null;
  /** When the creator last resumed it (schema 31): it is judged on copies published since. */
  guard_resumed_at: number | null;
}

/** "4.7 %" under 10 %, "12 %" above, with the separators of the creator's locale ("4,7 %" in de-DE). */
export const percent = (r: number, locale = 'en'): string => formatPercent(r, locale, r < 0.1 ? 1 : 0);

/**
 * Pooled engagement rate over copies that reported a reach and engagements, and how many posts
 * those copies are (one post sent to three accounts is one post: the minimum and the words count
 * posts).
 */
export function pooledRate(rows: readonly (MetricValues & { post_id: string })[]): { rate: number | null; posts: number } {
  let e = 0;
  let r = 0;
  const posts = new Set<string>();
  for (const m of rows) {
    const reached = reach(m).value;
    const engaged = engagements(m).value;
    if (reached === null || reached <= 0 || engaged === null) continue;
    e += engaged;
    r += reached;
    posts.add(m.post_id);
  }
  return { rate: posts.size > 0 ? e / r : null, posts: posts.size };
}

export function createCampaignGuard(deps: Pick<FeatureDeps, 'audit' | 'clock' | 'db' | 'events' | 'log' | 'targets' | 'zone' | 'dateFormat' | 'background'> & Partial<Pick<FeatureDeps, 'settings'>> & { notify: (n: GuardNotice) => void; cleared?: (campaignId: string) => void }) {
  const { db, audit, clock, events, targets, log } = deps;
  /** The creator's locale (Settings) for the numbers in the guard's words; English without one. */
  const pc = (r: number) => percent(r, deps.settings?.get().locale ?? 'en');
  const s = {
    one: db.prepare('SELECT id, name, guard_min_rate, paused_at, guard_resumed_at FROM campaigns WHERE id = ?'),
    guarded: db.prepare('SELECT id, name, guard_min_rate, paused_at, guard_resumed_at FROM campaigns WHERE guard_min_rate IS NOT NULL ORDER BY created_at'),
    // Each from the campaign's posts, then their copies in the state (CROSS JOIN keeps that order):
    // left to the planner, these walked every published, scheduled or approved copy of every post.
    metrics: db.prepare(`SELECT ml.*, p.id AS post_id FROM posts p INDEXED BY posts_campaign CROSS JOIN targets t ON t.post_id = p.id CROSS JOIN metric_latest ml ON ml.target_id = t.id
      WHERE p.campaign_id = @id AND t.state = 'published' AND (@since IS NULL OR t.published_at > @since)`),
    queued: db.prepare(`SELECT t.id FROM posts p INDEXED BY posts_campaign CROSS JOIN targets t ON t.post_id = p.id WHERE p.campaign_id = ? AND t.state = 'scheduled'`),
    held: db.prepare(`SELECT t.id, t.scheduled_at, t.platform FROM posts p INDEXED BY posts_campaign CROSS JOIN targets t ON t.post_id = p.id
      WHERE p.campaign_id = ? AND t.state = 'approved' AND t.last_error LIKE '${PAUSE_NOTE}%'`),
    // Of these posts, the copies scheduled while their campaign is paused (approved from Review,
    // moved, imported meanwhile), with the reason it was paused.
    // CROSS JOINs keep the order: each changed post by id, not every scheduled copy per change.
    scheduledWhilePaused: db.prepare(`SELECT t.id, c.paused_reason AS reason FROM json_each(?) j
      CROSS JOIN posts p ON p.id = j.value CROSS JOIN campaigns c ON c.id = p.campaign_id AND c.paused_at IS NOT NULL
      CROSS JOIN targets t ON t.post_id = p.id AND t.state = 'scheduled'`),
    setPaused: db.prepare('UPDATE campaigns SET paused_at = ?, paused_reason = ?, updated_at = ? WHERE id = ?'),
    resumed: db.prepare('UPDATE campaigns SET paused_at = NULL, paused_reason = NULL, guard_resumed_at = @now, updated_at = @now WHERE id = @id'),
    setMin: db.prepare('UPDATE campaigns SET guard_min_rate = ? WHERE id = ?'),
  };

  const judge = (c: CampaignGuardRow): GuardVerdict => {
    const base = { campaignId: c.id, minRate: c.guard_min_rate, paused: 0 };
    if (c.guard_min_rate === null) return { ...base, status: 'off', rate: null, posts: 0, message: 'No minimum engagement rate is set, so the guard is off.' };
    // After a resume the creator has seen the numbers that paused it and chose to go on: judged
    // again on those, the campaign would be paused again on the next sweep. Only copies published
    // since then count, so it pauses again only on new evidence.
    const since = c.guard_resumed_at;
    const { rate, posts } = pooledRate(s.metrics.all({ id: c.id, since }) as (MetricValues & { post_id: string })[]);
    const span = since === null ? 'so far' : 'since it was resumed';
    if (c.paused_at !== null) {
      return { ...base, status: 'paused', rate, posts, message: `Paused since ${formatInstant(c.paused_at, deps.zone(), { withZone: true, format: deps.dateFormat() })}; resume it to send its posts again.` };
    }
    if (rate === null || posts < GUARD_MIN_POSTS) {
      return { ...base, status: 'too_few', rate, posts, message: `Only ${posts} published post${posts === 1 ? '' : 's'} with reported views ${span}; the guard judges from ${GUARD_MIN_POSTS}.` };
    }
    const words = `${pc(rate)} engagement over ${posts} published posts${since === null ? '' : ` ${span}`}`;
    if (rate >= c.guard_min_rate) return { ...base, status: 'ok', rate, posts, message: `${words}, at or above the minimum of ${pc(c.guard_min_rate)}.` };
    return { ...base, status: 'below', rate, posts, message: `${words}, under the minimum of ${pc(c.guard_min_rate)}.` };
  };

  /** Holds back the campaign's scheduled copies, keeping their time; returns how many. */
  const pause = (c: CampaignGuardRow, verdict: GuardVerdict): number => {
    const now = clock.now();
    const reason = verdict.message;
    const ids = (s.queued.all(c.id) as { id: string }[]).map((r) => r.id);
    let moved: string[] = [];
    targets.atomically(() => {
      // Into approved: nothing goes out as it is, so the pre-flight gates have nothing to say.
      moved = targets.transition(ids, 'scheduled', 'approved', 'campaign guard: pause', { lastError: `${PAUSE_NOTE}: ${reason}` }, { gate: false });
      s.setPaused.run(now, reason, now, c.id);
      audit.record({ actor: 'system', action: 'campaign.guard_pause', entity: 'campaign', entityId: c.id, detail: { rate: verdict.rate, minRate: c.guard_min_rate, posts: verdict.posts, targets: moved } });
    });
    events.emit('campaigns:changed', { ids: [c.id], reason: 'saved' });
    deps.notify({
      campaignId: c.id,
      campaignName: c.name,
      title: `“${c.name}” paused: engagement under ${pc(c.guard_min_rate ?? 0)}`,
      body: `${reason} ${moved.length === 0 ? 'No posts were scheduled.' : `${moved.length} scheduled post${moved.length === 1 ? ' is' : 's are'} held back.`} Open Campaigns to resume.`,
    });
    log.info('campaign guard paused a campaign', { campaignId: c.id, held: moved.length });
    return moved.length;
  };

  const check = (c: CampaignGuardRow): GuardVerdict => {
    const v = judge(c);
    return v.status === 'below' ? { ...v, paused: pause(c, v) } : v;
  };

  const mustGet = (id: string): CampaignGuardRow => {
    const row = s.one.get(id) as CampaignGuardRow | undefined;
    if (!row) throw new AppError('not_found', 'That campaign no longer exists. It may have been deleted in another window.');
    return row;
  };

  /**
   * Holds back, as the pause held the others, a copy that came onto the schedule after its
   * campaign was paused: else a post approved from Review meanwhile went out of a paused
   * campaign. Heard on posts:changed, which comes before the scheduler is woken for the copy.
   */
  const holdScheduled = (postIds: readonly string[]) => {
    const rows = s.scheduledWhilePaused.all(JSON.stringify(postIds)) as { id: string; reason: string | null }[];
    if (rows.length === 0) return;
    targets.atomically(() => {
      for (const r of rows) {
        targets.transition([r.id], 'scheduled', 'approved', 'campaign guard: held while paused', { lastError: `${PAUSE_NOTE}: ${r.reason ?? 'the campaign is paused.'}` }, { gate: false });
      }
    });
    log.info('campaign guard held copies scheduled while their campaign is paused', { held: rows.length });
  };

  let stopTimer: (() => void) | null = null;
  let stopListening: (() => void) | null = null;
  /** Paused (the data folder's move): no sweep; the resume sweeps at once. */
  let paused = false;
  const sweep = () => {
    if (paused) return;
    try {
      for (const c of s.guarded.all() as CampaignGuardRow[]) if (c.paused_at === null) check(c);
    } catch (err) {
      log.error('the campaign guard could not look at its campaigns', { error: err as Error });
    }
  };

  const arm = () => {
    stopTimer = clock.setTimer(GUARD_SWEEP_MS, () => {
      sweep();
      arm();
    });
  };
  deps.background.register('campaign guard', {
    async pause() {
      paused = true;
    },
    resume() {
      paused = false;
      // Started (its listener is on): what came in meanwhile is judged now.
      if (stopListening) sweep();
    },
  });

  return {
    /** Judges one campaign, or every guarded one; pauses those under their minimum. */
    evaluate(id?: string): GuardVerdict[] {
      return id ? [check(mustGet(id))] : (s.guarded.all() as CampaignGuardRow[]).map(check);
    },

    /** Sets (or with null clears) the minimum; undefined leaves it. Inside the save's transaction. */
    setMinRate(id: string, minRate: number | null | undefined): void {
      if (minRate !== undefined) s.setMin.run(minRate, id);
    },

    /** Puts back what the guard held: scheduled where its time is ahead, Review where it passed. */
    resume(id: string): { rescheduled: number; toReview: number } {
      const c = mustGet(id);
      const now = clock.now();
      const zone = deps.zone();
      const held = s.held.all(id) as { id: string; scheduled_at: number | null; platform: keyof typeof PLATFORM_NAMES }[];
      let rescheduled = 0;
      let toReview = 0;
      const review = (t: (typeof held)[number], why: string) => {
        toReview += targets.transition([t.id], 'approved', 'in_review', 'campaign guard: resume, to review', { lastError: why }).length;
      };
      targets.atomically(() => {
        for (const t of held) {
          if (t.scheduled_at === null || t.scheduled_at <= now) {
            const when = t.scheduled_at === null ? 'It had no time' : `Its time (${formatInstant(t.scheduled_at, zone, { withZone: true, format: deps.dateFormat() })}) passed`;
            review(t, `${when} while “${c.name}” was paused; pick a new time.`);
            continue;
          }
          try {
            // Its own savepoint: a copy that no longer passes the gates can't undo the others.
            rescheduled += targets.atomically(() => targets.transition([t.id], 'approved', 'scheduled', 'campaign guard: resume', { lastError: null })).length;
          } catch (err) {
            if (!(err instanceof AppError && err.code === 'gate_failed')) throw err;
            review(t, `It can't go back on the schedule as it is: ${err.message}`);
          }
        }
        s.resumed.run({ now, id });
        audit.record({ actor: 'user', action: 'campaign.guard_resume', entity: 'campaign', entityId: id, detail: { rescheduled, toReview } });
      });
      events.emit('campaigns:changed', { ids: [id], reason: 'saved' });
      deps.cleared?.(id);
      return { rescheduled, toReview };
    },

    /** Looks again every 15 minutes and whenever new numbers arrive ('metrics:updated'). */
    start(): void {
      arm();
      stopListening = events.subscribe((event, payload) => {
        if ((event as string) === 'metrics:updated') sweep();
        if (event === 'posts:changed') {
          try {
            holdScheduled((payload as EventPayload<'posts:changed'>).ids);
          } catch (err) {
            log.error('the campaign guard could not hold back copies of a paused campaign', { error: err as Error });
          }
        }
      });
    },
    stop(): void {
      stopTimer?.();
      stopListening?.();
      stopTimer = stopListening = null;
    },
  };
}

export type CampaignGuard = ReturnType<typeof createCampaignGuard>;
