import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../../shared/contract';
import { TOKEN_PREFIX, type ApiTokenDto, type TokenScopeName } from '../../../../shared/contract/features/api-tokens';
import { currentRequest } from '../../rpc/request-context';
import type { FeatureDeps } from '../types';

interface Row {
  id: string;
  name: string;
  scope: TokenScopeName;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** A token the host accepted: what it may do and whose it is. */
export interface VerifiedToken {
  id: string;
  name: string;
  scope: TokenScopeName;
}

/** last_used_at is written at most this often per token: a busy script must not write on every call. */
const USE_GRANULARITY_MS = 60_000;
/** 32 random bytes: as strong as the app's own token, in URL-safe base64 after the prefix. */
const SECRET_BYTES = 32;
const SECRET_SHAPE = /^lct_[A-Za-z0-9_-]{43}$/;

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const toDto = (r: Row): ApiTokenDto => ({ id: r.id, name: r.name, scope: r.scope, createdAt: iso(r.created_at)!, lastUsedAt: iso(r.last_used_at), revokedAt: iso(r.revoked_at) });

/**
 * Scoped tokens for the local API (Settings → Agents and scripts). Only the SHA-256 of a secret
 * is stored; the secret is shown once, when the token is made. The host checks a token with
 * `verify` and a channel against the token's scope (shared/contract/access.ts).
 */
export function createApiTokens({ db, audit, events, clock }: Pick<FeatureDeps, 'db' | 'audit' | 'events' | 'clock'>) {
  const s = {
    list: db.prepare('SELECT * FROM api_tokens ORDER BY created_at DESC, rowid DESC'),
    get: db.prepare('SELECT * FROM api_tokens WHERE id = ?'),
    byHash: db.prepare('SELECT * FROM api_tokens WHERE token_hash = ?'),
    insert: db.prepare('INSERT INTO api_tokens (id, name, scope, token_hash, created_at) VALUES (?, ?, ?, ?, ?)'),
    revoke: db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    used: db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?'),
  };

  /** Tokens are the creator's to hand out: an agent could otherwise give itself a token that is not marked as an agent's. */
  const refuseAgent = (what: string) => {
    if (currentRequest().actor !== 'agent') return;
    throw new AppError('forbidden', `An agent can't ${what}. Make and revoke tokens yourself, in Settings → Agents and scripts.`);
  };

  return {
    list(): ApiTokenDto[] {
      return (s.list.all() as Row[]).map(toDto);
    },

    create(name: string, scope: TokenScopeName): { token: ApiTokenDto; secret: string } {
      refuseAgent('make API tokens');
      const secret = `${TOKEN_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
      const id = randomUUID();
      db.transaction(() => {
        s.insert.run(id, name, scope, sha256(secret).toString('hex'), clock.now());
        audit.record({ actor: 'user', action: 'apiToken.create', entity: 'api_token', entityId: id, detail: { name, scope } });
      })();
      events.emit('apiTokens:changed', { ids: [id] });
      return { token: toDto(s.get.get(id) as Row), secret };
    },

    revoke(id: string): ApiTokenDto {
      refuseAgent('revoke API tokens');
      const row = s.get.get(id) as Row | undefined;
      if (!row) throw new AppError('not_found', 'That token no longer exists.');
      if (row.revoked_at !== null) return toDto(row);
      db.transaction(() => {
        s.revoke.run(clock.now(), id);
        audit.record({ actor: 'user', action: 'apiToken.revoke', entity: 'api_token', entityId: id, detail: { name: row.name, scope: row.scope } });
      })();
      events.emit('apiTokens:changed', { ids: [id] });
      return toDto(s.get.get(id) as Row);
    },

    /**
     * The token a secret belongs to, or null when it is unknown, malformed or revoked. The lookup
     * is by the secret's hash (an index, not a scan); the hashes are then compared in constant time.
     */
    verify(secret: string): VerifiedToken | null {
      if (!SECRET_SHAPE.test(secret)) return null;
      const hash = sha256(secret);
      const row = s.byHash.get(hash.toString('hex')) as Row | undefined;
      if (!row || !timingSafeEqual(Buffer.from(row.token_hash, 'hex'), hash) || row.revoked_at !== null) return null;
      const now = clock.now();
      if (row.last_used_at === null || now - row.last_used_at >= USE_GRANULARITY_MS) {
        try {
          s.used.run(now, row.id);
        } catch (err) {
          // The data folder is being moved (write-hold.ts): the time of use waits; the request is still answered.
          if ((err as { code?: unknown }).code !== 'SQLITE_READONLY') throw err;
        }
      }
      return { id: row.id, name: row.name, scope: row.scope };
    },

    /** Whether the token of this id exists and is not revoked (the host ends a revoked token's open event stream). */
    isActive(id: string): boolean {
      const row = s.get.get(id) as Row | undefined;
      return row !== undefined && row.revoked_at === null;
    },

    /** Whether a secret is one of these tokens' but revoked (the host says so rather than "wrong token"). */
    isRevoked(secret: string): boolean {
      if (!SECRET_SHAPE.test(secret)) return false;
      const row = s.byHash.get(sha256(secret).toString('hex')) as Row | undefined;
      return row !== undefined && row.revoked_at !== null;
    },
  };
}

export type ApiTokens = ReturnType<typeof createApiTokens>;
