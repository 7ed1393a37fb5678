import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAlerts } from '../../electron/core/alerts/alerts';
import { createConditions } from '../../electron/core/alerts/conditions';
import { DEFAULT_TARGET_BANDS } from '../../electron/core/analytics/engagement';
import { createRollups } from '../../electron/core/analytics/rollups';
import type { Notification } from '../../electron/core/deps';
import { createEventBus } from '../../electron/core/events';
import { MIGRATIONS } from '../../electron/core/store/migrations';
import { openStore, type Store } from '../../electron/core/store/open';
import { AlertRules, DEFAULT_ALERT_RULES, type AlertRulesDto } from '../../shared/contract/features/alerts';
import { tempDir } from '../support/core';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 23, 9, 0);

describe('alerts as conditions', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  let t: number;
  let notes: Notification[];
  let raised: number[];
  let rules: AlertRulesDto;
  const make = () => {
    const events = createEventBus();
    events.subscribe((e, p) => {
      if (e === 'alerts:raised') raised.push((p as { id: number }).id);
    });
    return createAlerts({ db: store.db, notifier: { notify: (n) => notes.push(n) }, events, now: () => t, enabled: (r) => rules[r].enabled });
  };
  const rows = () => store.db.prepare('SELECT rule, subject_key, state, occurrences, last_seen_at, resolved_at FROM alerts ORDER BY id').all();

  beforeEach(() => {
    dir = tempDir();
    t = T0;
    store = openStore(`${dir.path}/db.sqlite`, MIGRATIONS, () => t);
    notes = [];
    raised = [];
    rules = structuredClone(DEFAULT_ALERT_RULES);
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  const failed = { kind: 'post_failed', title: 'Your X post failed', body: 'The server said no.', subject: { kind: 'post', id: 'p1' } } as const;

  it('the same condition twice is one row and one notice; it clears to resolved; coming back is a new row', () => {
    const alerts = make();
    alerts.raise(failed);
    t += 60_000;
    alerts.raise({ ...failed, body: 'Still failing.' });
    expect(rows()).toEqual([{ rule: 'post_failed', subject_key: 'post:p1', state: 'open', occurrences: 2, last_seen_at: T0 + 60_000, resolved_at: null }]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ title: 'Your X post failed', subject: { kind: 'post', id: 'p1' }, urgency: 'critical' });
    expect(raised).toHaveLength(1);
    expect(alerts.list()[0]).toMatchObject({ body: 'Still failing.', occurrences: 2, state: 'open' });

    // Another subject is another alert.
    alerts.raise({ ...failed, subject: { kind: 'post', id: 'p2' } });
    expect(notes).toHaveLength(2);

    t += 60_000;
    expect(alerts.resolveAllBut('post_failed', new Set(['post:p2']))).toBe(1);
    expect(rows()[0]).toMatchObject({ state: 'resolved', resolved_at: T0 + 120_000 });
    expect(alerts.resolveAllBut('post_failed', new Set(['post:p2']))).toBe(0);

    alerts.raise(failed);
    expect(rows().filter((r) => (r as { subject_key: string }).subject_key === 'post:p1')).toHaveLength(2);
    expect(notes).toHaveLength(3);
  });

  it('a switched-off rule raises nothing', () => {
    rules.post_failed.enabled = false;
    expect(make().raise(failed)).toBeNull();
    expect(rows()).toEqual([]);
    expect(notes).toEqual([]);
  });

  it('snoozed: no notice while it is seen again; one when the snooze ends and it still holds; acknowledged: none', () => {
    const alerts = make();
    const a = alerts.raise(failed)!;
    expect(() => alerts.snooze(a.id, t - 1)).toThrow(/future/);
    alerts.snooze(a.id, t + HOUR);
    t += HOUR / 2;
    alerts.raise(failed);
    expect(alerts.wakeSnoozed()).toBe(0);
    expect(notes).toHaveLength(1);
    t += HOUR / 2;
    expect(alerts.wakeSnoozed()).toBe(1);
    expect(notes).toHaveLength(2);
    expect(alerts.get(a.id).snoozedUntil).toBeNull();
    expect(alerts.wakeSnoozed()).toBe(0);

    alerts.acknowledge(a.id);
    alerts.snooze(a.id, t + HOUR);
    t += 2 * HOUR;
    alerts.raise(failed);
    alerts.wakeSnoozed();
    expect(notes).toHaveLength(2);
    expect(alerts.get(a.id).acknowledgedAt).not.toBeNull();

    alerts.resolveAllBut('post_failed', new Set());
    expect(() => alerts.snooze(a.id, t + HOUR)).toThrow(/already cleared/);
  });

  describe('conditions and thresholds', () => {
    const seed = (platform: string, published: number, id = 't1') =>
      store.db.exec(`INSERT OR IGNORE INTO accounts (id, platform, handle, status, created_at, updated_at) VALUES ('a-${platform}', '${platform}', '@me', 'connected', 1, 1);
        INSERT INTO posts (id, created_at, updated_at) VALUES ('p-${id}', 1, 1);
        INSERT INTO targets (id, post_id, platform, account_id, state, published_at, created_at, updated_at) VALUES ('${id}', 'p-${id}', '${platform}', 'a-${platform}', 'published', ${published}, 1, 1);`);

    it('zero views: only a reported 0, only after the hours set; not reported is not zero', () => {
      const c = createConditions(store.db);
      const r = createRollups(store.db);
      seed('threads', T0, 't1');
      seed('mastodon', T0, 't2');
      r.record('t1', T0 + 6 * HOUR, { views: 0, likes: 0 });
      r.record('t2', T0 + 6 * HOUR, { views: null, likes: 0 });
      expect(c.zeroViews(rules, T0 + 5 * HOUR)).toEqual([]);
      const found = c.zeroViews(rules, T0 + 6 * HOUR);
      expect(found.map((x) => x.subjectKey)).toEqual(['target:t1']);
      expect(found[0]!.subject).toEqual({ kind: 'post', id: 'p-t1' });
      rules.zero_views.hours = 12;
      expect(c.zeroViews(rules, T0 + 6 * HOUR)).toEqual([]);
      rules.zero_views.hours = 0;
      expect(c.zeroViews(rules, T0 + 1)).toHaveLength(1);
      rules.zero_views.hours = 6;
      r.record('t1', T0 + 7 * HOUR, { views: 3, likes: 0 });
      expect(c.zeroViews(rules, T0 + 8 * HOUR)).toEqual([]);
    });

    it('zero views: a 0 seen before the hours were up is no verdict; the alert waits for a look taken after them', () => {
      const c = createConditions(store.db);
      const r = createRollups(store.db);
      seed('threads', T0, 't1');
      r.record('t1', T0 + 10 * 60_000, { views: 0, likes: 0 });
      // The hours are up, but the only look is from the first minutes: nothing to say yet, however long.
      expect(c.zeroViews(rules, T0 + 6 * HOUR)).toEqual([]);
      expect(c.zeroViews(rules, T0 + 30 * HOUR)).toEqual([]);
      r.record('t1', T0 + 6 * HOUR - 1, { views: 0, likes: 0 });
      expect(c.zeroViews(rules, T0 + 7 * HOUR)).toEqual([]);
      r.record('t1', T0 + 6 * HOUR, { views: 0, likes: 0 });
      expect(c.zeroViews(rules, T0 + 7 * HOUR).map((x) => x.subjectKey)).toEqual(['target:t1']);
    });

    it('low engagement: under half the band’s low end, from a look taken 24 h or more after publishing; platforms without a rate are skipped', () => {
      const c = createConditions(store.db);
      const r = createRollups(store.db);
      seed('linkedin', T0, 't1'); // band low 3 %: the floor is 1.5 %
      seed('mastodon', T0, 't2');
      r.record('t1', T0 + HOUR, { views: 1000, likes: 14 });
      r.record('t2', T0 + HOUR, { likes: 0 });
      // The hours are up, but the only look is from the first hour: no verdict on the day yet.
      expect(c.lowEngagement(rules, T0 + 24 * HOUR)).toEqual([]);
      r.record('t1', T0 + 24 * HOUR, { views: 1000, likes: 14 });
      r.record('t2', T0 + 24 * HOUR, { likes: 0 });
      expect(c.lowEngagement(rules, T0 + 23 * HOUR)).toEqual([]);
      expect(c.lowEngagement(rules, T0 + 24 * HOUR).map((x) => x.subjectKey)).toEqual(['target:t1']);
      r.record('t1', T0 + 25 * HOUR, { views: 1000, likes: 15 });
      expect(c.lowEngagement(rules, T0 + 24 * HOUR)).toEqual([]);
      rules.low_engagement.percentOfLow = 100;
      expect(c.lowEngagement(rules, T0 + 24 * HOUR)).toHaveLength(1);
      // The creator's own band for LinkedIn (1–2 %) is what the floor is taken from.
      const own = createConditions(store.db, () => ({ ...DEFAULT_TARGET_BANDS, linkedin: { low: 0.01, high: 0.02 } }));
      expect(own.lowEngagement(rules, T0 + 24 * HOUR)).toEqual([]);
      // The words follow the creator's locale; English without one.
      expect(c.lowEngagement(rules, T0 + 24 * HOUR)[0]?.body).toContain(': 1.5 % engagement, under 100 % of the 3.0 % you aim for at least (3.0 %).');
      const german = createConditions(store.db, undefined, () => 'de-DE');
      r.record('t1', T0 + 26 * HOUR, { views: 1000, likes: 14 });
      expect(german.lowEngagement(rules, T0 + 24 * HOUR)[0]?.body).toContain(': 1,4 % engagement, under 100 % of the 3,0 % you aim for at least (3,0 %).');
    });

    it('failure rate over the window, once enough posts went out; the backlog above its count', () => {
      const c = createConditions(store.db);
      store.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p', 1, 1)`);
      const add = (i: number, state: string, at: number) =>
        store.db.exec(`INSERT INTO targets (id, post_id, platform, state, published_at, scheduled_at, created_at, updated_at) VALUES ('x${i}', 'p', '${['x', 'bluesky', 'mastodon', 'linkedin', 'threads', 'facebook', 'instagram', 'tiktok', 'youtube', 'pinterest'][i]}', '${state}', ${state === 'published' ? at : 'NULL'}, ${at}, 1, ${at})`);
      for (let i = 0; i < 9; i++) add(i, 'published', T0 - HOUR);
      add(9, 'failed', T0 - HOUR);
      expect(c.failureRate(rules, T0)).toEqual([]); // 10 % is not above 10 %
      rules.failure_rate.percent = 9;
      expect(c.failureRate(rules, T0)).toMatchObject([{ kind: 'failure_rate', subjectKey: 'app' }]);
      expect(c.failureRate(rules, T0 + 24 * HOUR)).toEqual([]); // outside the window
      rules.failure_rate.minPosts = 11;
      expect(c.failureRate(rules, T0)).toEqual([]);

      const review = store.db.prepare(`INSERT INTO posts (id, created_at, updated_at) VALUES (?, 1, 1)`);
      const copy = store.db.prepare(`INSERT INTO targets (id, post_id, platform, state, created_at, updated_at) VALUES (?, ?, 'x', 'in_review', 1, 1)`);
      for (let i = 0; i < 3; i++) {
        review.run(`r${i}`);
        copy.run(`rt${i}`, `r${i}`);
      }
      rules.backlog.count = 3;
      expect(c.backlog(rules)).toEqual([]);
      rules.backlog.count = 2;
      expect(c.backlog(rules).map((x) => x.subjectKey)).toEqual(['backlog:review']);
    });

    it('failure rate: a failed copy counts from when it failed, not from when it was last edited', () => {
      const c = createConditions(store.db);
      rules.failure_rate.minPosts = 2;
      store.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p', 1, 1)`);
      const add = store.db.prepare(`INSERT INTO targets (id, post_id, platform, state, published_at, scheduled_at, attempt_started_at, created_at, updated_at)
        VALUES (@id, 'p', @platform, @state, @publishedAt, @scheduledAt, @triedAt, 1, @updatedAt)`);
      const none = { publishedAt: null, triedAt: null };
      add.run({ ...none, id: 'out', platform: 'x', state: 'published', publishedAt: T0 - HOUR, scheduledAt: T0 - HOUR, updatedAt: T0 - HOUR });
      // Tried and failed 30 hours ago; its text was edited an hour ago (updated_at moved, nothing failed).
      add.run({ ...none, id: 'tried', platform: 'bluesky', state: 'failed', scheduledAt: T0 - 30 * HOUR, triedAt: T0 - 30 * HOUR, updatedAt: T0 - HOUR });
      // Refused by the last gate 26 hours ago, before any try; its account changed since.
      add.run({ ...none, id: 'gated', platform: 'mastodon', state: 'failed', scheduledAt: T0 - 26 * HOUR, updatedAt: T0 - 2 * HOUR });
      expect(c.failureRate(rules, T0)).toEqual([]);
      // Put back in the schedule and failed again 2 hours ago: that failure is in the window, by its
      // due time, though the try it keeps is the old one.
      add.run({ ...none, id: 'again', platform: 'linkedin', state: 'failed', scheduledAt: T0 - 2 * HOUR, triedAt: T0 - 40 * HOUR, updatedAt: T0 - 2 * HOUR });
      expect(c.failureRate(rules, T0)).toMatchObject([{ body: expect.stringMatching(/^1 of the 2 posts/) }]);
    });

    it('metrics failing: several failed or permission-required looks in a row', () => {
      const c = createConditions(store.db);
      seed('threads', T0);
      const look = store.db.prepare(`INSERT INTO metric_check_log (target_id, account_id, at, status, detail) VALUES ('t1', 'a-threads', ?, ?, ?)`);
      look.run(1, 'ok', null);
      look.run(2, 'failed', 'HTTP 500');
      look.run(3, 'permission_required', 'threads_manage_insights');
      expect(c.metricsFailing(rules)).toEqual([]);
      look.run(4, 'failed', 'HTTP 502');
      expect(c.metricsFailing(rules)).toMatchObject([{ subjectKey: 'account:a-threads', subject: { kind: 'account', id: 'a-threads' } }]);
      look.run(5, 'ok', null);
      expect(c.metricsFailing(rules)).toEqual([]);
    });

    it('token expiring: the refresh token’s end where there is one, else the access token’s', async () => {
      const c = createConditions(store.db);
      seed('linkedin', T0);
      const DAY = 24 * HOUR;
      const creds = { accessToken: 'a', refreshToken: 'r', expiresAt: T0 + HOUR, refreshExpiresAt: T0 + 8 * DAY };
      const load = async () => creds;
      expect(await c.tokenExpiring(rules, T0, load)).toEqual([]);
      creds.refreshExpiresAt = T0 + 6 * DAY;
      expect(await c.tokenExpiring(rules, T0, load)).toMatchObject([{ subjectKey: 'account:a-linkedin' }]);
      expect(await c.tokenExpiring(rules, T0, async () => ({ accessToken: 'a', expiresAt: T0 + HOUR }))).toHaveLength(1);
      expect(await c.tokenExpiring(rules, T0, async () => ({ accessToken: 'a', refreshToken: 'r', expiresAt: T0 + HOUR }))).toEqual([]);
    });
  });

  it('thresholds are validated, in words, and missing ones read as their defaults', () => {
    expect(AlertRules.parse({ zero_views: { hours: 2 } }).zero_views).toEqual({ enabled: true, hours: 2 });
    expect(AlertRules.parse({}).backlog.count).toBe(100);
    const bad = AlertRules.safeParse({ failure_rate: { percent: 0 }, zero_views: { hours: 1.5 } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message).sort()).toEqual(['Use a whole number of hours', 'Use at least 1 percent']);
  });
});
