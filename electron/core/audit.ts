import { currentRequest } from './rpc/request-context';
import type { Db } from './store/open';

export interface AuditEntry {
  /** 'user' is whoever made the request: an agent's or a script's request is recorded as theirs. */
  actor: 'user' | 'agent' | 'script' | 'scheduler' | 'system';
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
      // Features write 'user' for what a request asked; the request says who that really was.
      const req = currentRequest();
      const byRequest = e.actor === 'user' && req.actor !== 'user';
      const actor = byRequest ? req.actor : e.actor;
      // The client's own name (`via`) and the scoped token it used, so the log says which script did what.
      const extra = byRequest ? { ...(req.client !== null ? { via: req.client } : {}), ...(req.tokenId !== null ? { tokenId: req.tokenId } : {}) } : {};
      const detail = Object.keys(extra).length > 0 ? { ...e.detail, ...extra } : e.detail;
      insert.run(now(), actor, e.action, e.entity, e.entityId ?? null, detail ? JSON.stringify(detail) : null);
    },
  };
}

export type Audit = ReturnType<typeof createAudit>;
