/**
 * Alerts as conditions. One open row per (rule, subject): raising the same open condition again
 * only updates it (last seen, occurrences) and never notifies twice. A condition that clears is
 * resolved; if it comes back, that is a new alert. The creator can acknowledge an alert (no more
 * notices) or snooze it (no notice until the snooze ends; then one, if it is still open).
 */
import { AppError } from '../../../shared/contract';
import type { AlertItemDto, AlertRule } from '../../../shared/contract/features/alerts';
import type { Notifier } from '../deps';
import type { EventBus } from '../events';
import type { Db } from '../store/open';

export interface AlertInput {
  kind: AlertRule;
  title: string;
  body: string;
  subject: { kind: 'post' | 'account'; id: string } | null;
  /** Which thing the condition is about; `<subject kind>:<id>` by default. */
  subjectKey?: string;
}

interface AlertRow {
  id: number;
  at: number;
  kind: AlertRule;
  title: string;
  body: string;
  subject_kind: 'post' | 'account' | null;
  subject_id: string | null;
  read_at: number | null;
  rule: AlertRule | null;
  subject_key: string | null;
  state: 'open' | 'resolved';
  last_seen_at: number | null;
  occurrences: number;
  acknowledged_at: number | null;
  snoozed_until: number | null;
  resolved_at: number | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const toDto = (r: AlertRow): AlertItemDto => ({
  id: r.id,
  at: new Date(r.at).toISOString(),
  kind: r.kind,
  title: r.title,
  body: r.body,
  subject: r.subject_kind && r.subject_id ? { kind: r.subject_kind, id: r.subject_id } : null,
  readAt: iso(r.read_at),
  state: r.state,
  lastSeenAt: new Date(r.last_seen_at ?? r.at).toISOString(),
  occurrences: r.occurrences,
  acknowledgedAt: iso(r.acknowledged_at),
  snoozedUntil: iso(r.snoozed_until),
  resolvedAt: iso(r.resolved_at),
});

export const subjectKeyOf = (a: Pick<AlertInput, 'subject' | 'subjectKey'>): string => a.subjectKey ?? (a.subject ? `${a.subject.kind}:${a.subject.id}` : 'app');

const CRITICAL: readonly AlertRule[] = ['post_failed', 'account_needs_reconnect', 'failure_rate'];

export interface AlertsDeps {
  db: Db;
  notifier: Notifier;
  events: EventBus;
  now: () => number;
  /** False for a rule the creator switched off: raising it does nothing. */
  enabled?: (rule: AlertRule) => boolean;
}

export function createAlerts({ db, notifier, events, now, enabled = () => true }: AlertsDeps) {
  const s = {
    insert: db.prepare(`INSERT INTO alerts (at, kind, title, body, subject_kind, subject_id, rule, subject_key, state, last_seen_at, occurrences)
      VALUES (@at, @kind, @title, @body, @subjectKind, @subjectId, @kind, @key, 'open', @at, 1)`),
    open: db.prepare<[string, string], AlertRow>(`SELECT * FROM alerts WHERE state = 'open' AND rule = ? AND subject_key = ?`),
    openOf: db.prepare<[string], AlertRow>(`SELECT * FROM alerts WHERE state = 'open' AND rule = ?`),
    seen: db.prepare('UPDATE alerts SET last_seen_at = ?, occurrences = occurrences + 1, title = ?, body = ? WHERE id = ?'),
    resolve: db.prepare(`UPDATE alerts SET state = 'resolved', resolved_at = ?, snoozed_until = NULL WHERE id = ? AND state = 'open'`),
    byId: db.prepare<[number], AlertRow>('SELECT * FROM alerts WHERE id = ?'),
    recent: db.prepare<[number], AlertRow>(`SELECT * FROM alerts ORDER BY (state = 'open') DESC, id DESC LIMIT ?`),
    readSome: db.prepare('UPDATE alerts SET read_at = ? WHERE read_at IS NULL AND id IN (SELECT value FROM json_each(?))'),
    readAll: db.prepare('UPDATE alerts SET read_at = ? WHERE read_at IS NULL'),
    ack: db.prepare('UPDATE alerts SET acknowledged_at = coalesce(acknowledged_at, ?), read_at = coalesce(read_at, ?), snoozed_until = NULL WHERE id = ?'),
    snooze: db.prepare('UPDATE alerts SET snoozed_until = ?, read_at = coalesce(read_at, ?) WHERE id = ?'),
    snoozeOver: db.prepare<[number], AlertRow>(`SELECT * FROM alerts WHERE state = 'open' AND snoozed_until IS NOT NULL AND snoozed_until <= ?`),
    unsnooze: db.prepare('UPDATE alerts SET snoozed_until = NULL WHERE id = ?'),
    unreadIds: db.prepare<[], { id: number }>('SELECT id FROM alerts WHERE read_at IS NULL'),
    unreadOpenNotPosts: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM alerts WHERE state = 'open' AND read_at IS NULL AND acknowledged_at IS NULL AND coalesce(subject_kind, '') <> 'post'`),
  };
  const openedListeners = new Set<(alert: AlertItemDto) => void>();

  const notify = (r: AlertRow) =>
    notifier.notify({
      kind: r.kind,
      title: r.title,
      body: r.body,
      ...(r.subject_kind && r.subject_id ? { subject: { kind: r.subject_kind, id: r.subject_id } } : {}),
      urgency: CRITICAL.includes(r.kind) ? 'critical' : 'normal',
    });

  const changed = (ids: number[]) => {
    if (ids.length > 0) events.emit('alerts:changed', { ids });
  };

  const one = (id: number): AlertRow => {
    const r = s.byId.get(id);
    if (!r) throw new AppError('not_found', 'That alert is no longer there.');
    return r;
  };

  /** Opens the condition, or notes it was seen again. Returns the row and whether it is new. */
  const upsert = db.transaction((a: AlertInput, key: string, at: number): { row: AlertRow; opened: boolean } => {
    const existing = s.open.get(a.kind, key);
    if (existing) {
      s.seen.run(at, a.title, a.body, existing.id);
      return { row: s.byId.get(existing.id)!, opened: false };
    }
    const id = Number(s.insert.run({ at, kind: a.kind, title: a.title, body: a.body, subjectKind: a.subject?.kind ?? null, subjectId: a.subject?.id ?? null, key }).lastInsertRowid);
    return { row: s.byId.get(id)!, opened: true };
  });

  return {
    /**
     * The one way an alert is raised (publishing's own and every rule's). A new condition is
     * kept, notified once and pushed; the same open condition again is only noted.
     */
    raise(a: AlertInput): AlertItemDto | null {
      if (!enabled(a.kind)) return null;
      const { row, opened } = upsert(a, subjectKeyOf(a), now());
      const alert = toDto(row);
      if (opened) {
        notify(row);
        events.emit('alerts:raised', alert);
        for (const l of openedListeners) l(alert);
      } else {
        changed([row.id]);
      }
      return alert;
    },

    /**
     * Resolves the open alerts of `rule` whose subject key is not in `holding`, among the keys
     * `owns` says the caller watches (others raised the rest); returns how many.
     */
    resolveAllBut(rule: AlertRule, holding: ReadonlySet<string>, owns: (key: string) => boolean = () => true): number {
      const at = now();
      const ids = s.openOf
        .all(rule)
        .filter((r) => owns(r.subject_key ?? '') && !holding.has(r.subject_key ?? ''))
        .filter((r) => s.resolve.run(at, r.id).changes === 1)
        .map((r) => r.id);
      changed(ids);
      return ids.length;
    },

    /** The subject keys of the open alerts of a rule. */
    openKeys(rule: AlertRule): string[] {
      return s.openOf.all(rule).map((r) => r.subject_key ?? '');
    },

    /** Snoozes that ended on an alert still open: one notice each, once. */
    wakeSnoozed(): number {
      const rows = s.snoozeOver.all(now());
      for (const r of rows) {
        s.unsnooze.run(r.id);
        if (r.acknowledged_at === null) notify(r);
      }
      changed(rows.map((r) => r.id));
      return rows.length;
    },

    list(limit = 100): AlertItemDto[] {
      return s.recent.all(limit).map(toDto);
    },

    get: (id: number): AlertItemDto => toDto(one(id)),

    markRead(ids?: number[]): { count: number } {
      const wanted = ids ? new Set(ids) : null;
      const reading = s.unreadIds.all().map((r) => r.id).filter((id) => !wanted || wanted.has(id));
      const r = ids ? s.readSome.run(now(), JSON.stringify(ids)) : s.readAll.run(now());
      // What counts as unread changed (the status line and the tray count it).
      changed(reading);
      return { count: r.changes };
    },

    /** Open alerts the creator has not read, about anything but a post (a post's own problem shows on its copies). */
    unreadNotAboutPosts(): number {
      return s.unreadOpenNotPosts.get()!.n;
    },

    acknowledge(id: number): AlertItemDto {
      one(id);
      const at = now();
      s.ack.run(at, at, id);
      changed([id]);
      return toDto(one(id));
    },

    snooze(id: number, until: number): AlertItemDto {
      const r = one(id);
      if (r.state !== 'open') throw new AppError('conflict', 'This alert has already cleared; there is nothing to snooze.');
      if (until <= now()) throw new AppError('invalid_input', 'Pick a time in the future to snooze until.');
      s.snooze.run(until, now(), id);
      changed([id]);
      return toDto(one(id));
    },

    /** Called with every newly opened alert (webhooks). */
    onOpened(listener: (alert: AlertItemDto) => void): () => void {
      openedListeners.add(listener);
      return () => openedListeners.delete(listener);
    },
  };
}

export type Alerts = ReturnType<typeof createAlerts>;
