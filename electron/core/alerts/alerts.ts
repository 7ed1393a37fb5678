import type { AlertDto } from '../../../shared/contract';
import type { Notifier } from '../deps';
import type { EventBus } from '../events';
import type { Db } from '../store/open';

export type AlertInput = Omit<AlertDto, 'id' | 'at' | 'readAt'>;

interface AlertRow {
  id: number;
  at: number;
  kind: AlertDto['kind'];
  title: string;
  body: string;
  subject_kind: 'post' | 'account' | null;
  subject_id: string | null;
  read_at: number | null;
}

const toDto = (r: AlertRow): AlertDto => ({
  id: r.id,
  at: new Date(r.at).toISOString(),
  kind: r.kind,
  title: r.title,
  body: r.body,
  subject: r.subject_kind && r.subject_id ? { kind: r.subject_kind, id: r.subject_id } : null,
  readAt: r.read_at === null ? null : new Date(r.read_at).toISOString(),
});

/** Every alert is kept (the creator can read it later), shown as a desktop notification, and pushed. */
export function createAlerts({ db, notifier, events, now }: { db: Db; notifier: Notifier; events: EventBus; now: () => number }) {
  const insert = db.prepare('INSERT INTO alerts (at, kind, title, body, subject_kind, subject_id) VALUES (?, ?, ?, ?, ?, ?)');
  const recent = db.prepare('SELECT * FROM alerts ORDER BY id DESC LIMIT ?');
  const readSome = db.prepare('UPDATE alerts SET read_at = ? WHERE read_at IS NULL AND id IN (SELECT value FROM json_each(?))');
  const readAll = db.prepare('UPDATE alerts SET read_at = ? WHERE read_at IS NULL');
  return {
    raise(a: AlertInput): AlertDto {
      const at = now();
      const id = Number(insert.run(at, a.kind, a.title, a.body, a.subject?.kind ?? null, a.subject?.id ?? null).lastInsertRowid);
      const alert: AlertDto = { ...a, id, at: new Date(at).toISOString(), readAt: null };
      notifier.notify({ title: a.title, body: a.body, ...(a.subject ? { subject: a.subject } : {}), urgency: a.kind === 'post_failed' || a.kind === 'account_needs_reconnect' ? 'critical' : 'normal' });
      events.emit('alerts:raised', alert);
      return alert;
    },
    list(limit: number): AlertDto[] {
      return (recent.all(limit) as AlertRow[]).map(toDto);
    },
    markRead(ids?: number[]): { count: number } {
      const r = ids ? readSome.run(now(), JSON.stringify(ids)) : readAll.run(now());
      return { count: r.changes };
    },
  };
}

export type Alerts = ReturnType<typeof createAlerts>;
