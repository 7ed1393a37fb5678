import type { Db } from './store/open';

export interface AuditEntry {
  actor: 'user' | 'scheduler' | 'system';
  action: string;
  entity: string;
  entityId?: string | null;
  /** Never secrets: this table is exported with the rest of the database. */
  detail?: Record<string, unknown>;
}

export function createAudit(db: Db, now: () => number) {
  const insert = db.prepare('INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)');
  return {
    record(e: AuditEntry): void {
      insert.run(now(), e.actor, e.action, e.entity, e.entityId ?? null, e.detail ? JSON.stringify(e.detail) : null);
    },
  };
}

export type Audit = ReturnType<typeof createAudit>;
