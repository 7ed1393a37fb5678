import { randomUUID } from 'node:crypto';
import { AppError, type ChannelParsedInput } from '../../../../shared/contract';
import type { PillarDto } from '../../../../shared/contract/features/library';
import type { FeatureDeps } from '../types';
import type { VoicesService } from './voices';

export interface PillarRow {
  id: string;
  name: string;
  description: string;
  color: string;
  voice_id: string | null;
  created_at: number;
  updated_at: number;
}

type ListedRow = PillarRow & { account_ids: string; post_count: number };

const iso = (ms: number) => new Date(ms).toISOString();

const SELECT = `SELECT p.*,
  (SELECT json_group_array(account_id) FROM (SELECT account_id FROM pillar_accounts WHERE pillar_id = p.id ORDER BY account_id)) AS account_ids,
  (SELECT count(*) FROM posts WHERE pillar_id = p.id) AS post_count
  FROM pillars p`;

const toPillar = (r: ListedRow): PillarDto => ({
  id: r.id,
  name: r.name,
  description: r.description,
  color: r.color,
  accountIds: JSON.parse(r.account_ids) as string[],
  voiceId: r.voice_id,
  postCount: r.post_count,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

/** Content pillars: the themes a creator posts about, each with its colour, accounts and voice. */
export function createPillars({ db, audit, events, clock }: Pick<FeatureDeps, 'db' | 'audit' | 'events' | 'clock'>, voices: VoicesService) {
  const stmts = {
    list: db.prepare(`${SELECT} ORDER BY p.name COLLATE NOCASE`),
    getListed: db.prepare(`${SELECT} WHERE p.id = ?`),
    get: db.prepare('SELECT * FROM pillars WHERE id = ?'),
    sameName: db.prepare('SELECT id FROM pillars WHERE name = ? COLLATE NOCASE AND id <> ?'),
    account: db.prepare('SELECT id FROM accounts WHERE id = ?'),
    insert: db.prepare(`INSERT INTO pillars (id, name, description, color, voice_id, created_at, updated_at)
      VALUES (@id, @name, @description, @color, @voiceId, @now, @now)`),
    update: db.prepare('UPDATE pillars SET name = @name, description = @description, color = @color, voice_id = @voiceId, updated_at = @now WHERE id = @id'),
    clearAccounts: db.prepare('DELETE FROM pillar_accounts WHERE pillar_id = ?'),
    addAccount: db.prepare('INSERT INTO pillar_accounts (pillar_id, account_id) VALUES (?, ?)'),
    postsIn: db.prepare('SELECT id FROM posts WHERE pillar_id = ?'),
    delete: db.prepare('DELETE FROM pillars WHERE id = ?'),
  };

  /** With `path`, a missing pillar is a mistake in the request (e.g. templates:use's pillarId). */
  const mustGet = (id: string, path?: (string | number)[]): PillarRow => {
    const row = stmts.get.get(id) as PillarRow | undefined;
    if (row) return row;
    const message = 'That pillar no longer exists. It may have been deleted in another window.';
    throw path ? new AppError('invalid_input', message, { issues: [{ path, message }] }) : new AppError('not_found', message);
  };

  return {
    mustGet,

    list(): PillarDto[] {
      return (stmts.list.all() as ListedRow[]).map(toPillar);
    },

    save(input: ChannelParsedInput<'pillars:save'>): PillarDto {
      if (input.id) mustGet(input.id);
      if (stmts.sameName.get(input.name, input.id ?? '')) {
        const message = `You already have a pillar named “${input.name}”. Pick another name.`;
        throw new AppError('invalid_input', message, { issues: [{ path: ['name'], message }] });
      }
      if (input.voiceId) voices.mustGet(input.voiceId, ['voiceId']);
      const gone = input.accountIds.map((accountId, i) => ({ accountId, i })).filter(({ accountId }) => !stmts.account.get(accountId));
      if (gone.length > 0) {
        const message = gone.length === 1 ? 'One of the chosen accounts is no longer connected.' : `${gone.length} of the chosen accounts are no longer connected.`;
        throw new AppError('invalid_input', `${message} Pick the accounts again.`, { issues: gone.map(({ i }) => ({ path: ['accountIds', i], message })) });
      }
      const id = input.id ?? randomUUID();
      const row = { id, name: input.name, description: input.description, color: input.color, voiceId: input.voiceId, now: clock.now() };
      db.transaction(() => {
        if (input.id) stmts.update.run(row);
        else stmts.insert.run(row);
        stmts.clearAccounts.run(id);
        for (const accountId of input.accountIds) stmts.addAccount.run(id, accountId);
        audit.record({
          actor: 'user',
          action: input.id ? 'pillar.update' : 'pillar.create',
          entity: 'pillar',
          entityId: id,
          detail: { name: input.name, color: input.color, accounts: input.accountIds.length, voiceId: input.voiceId },
        });
      })();
      events.emit('library:changed', { kind: 'pillar', ids: [id] });
      return toPillar(stmts.getListed.get(id) as ListedRow);
    },

    /** Its posts stay, without a pillar. */
    delete(id: string): { id: string } {
      const row = mustGet(id);
      const posts = (stmts.postsIn.all(id) as { id: string }[]).map((r) => r.id);
      db.transaction(() => {
        stmts.delete.run(id);
        audit.record({ actor: 'user', action: 'pillar.delete', entity: 'pillar', entityId: id, detail: { name: row.name, posts: posts.length } });
      })();
      events.emit('library:changed', { kind: 'pillar', ids: [id] });
      if (posts.length > 0) events.emit('posts:changed', { ids: posts, reason: 'updated' });
      return { id };
    },
  };
}

export type PillarsService = ReturnType<typeof createPillars>;
