import type { AlertDto } from '../../../shared/contract';
import type { Notifier } from '../deps';
import type { EventBus } from '../events';
import type { Db } from '../store/open';

export type AlertInput = Omit<AlertDto, 'id' | 'at'>;

/** Every alert is kept (the creator can read it later), shown as a desktop notification, and pushed. */
export function createAlerts({ db, notifier, events, now }: { db: Db; notifier: Notifier; events: EventBus; now: () => number }) {
  const insert = db.prepare('INSERT INTO alerts (at, kind, title, body, subject_kind, subject_id) VALUES (?, ?, ?, ?, ?, ?)');
  return {
    raise(a: AlertInput): AlertDto {
      const at = now();
      const id = Number(insert.run(at, a.kind, a.title, a.body, a.subject?.kind ?? null, a.subject?.id ?? null).lastInsertRowid);
      const alert: AlertDto = { ...a, id, at: new Date(at).toISOString() };
      notifier.notify({ title: a.title, body: a.body, ...(a.subject ? { subject: a.subject } : {}), urgency: a.kind === 'post_failed' || a.kind === 'account_needs_reconnect' ? 'critical' : 'normal' });
      events.emit('alerts:raised', alert);
      return alert;
    },
  };
}

export type Alerts = ReturnType<typeof createAlerts>;
