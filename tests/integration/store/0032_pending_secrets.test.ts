import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 31 → 32: the ids of keychain entries written for a connect whose row is not in yet.
describe('migration 0032_pending_secrets', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('adds an empty list of pending secrets, one note per account id', () => {
    expect(MIGRATIONS[31]?.name).toBe('pending_secrets');
    const store = openStore(join(dir.path, 'pending.sqlite'), MIGRATIONS.slice(0, 32));
    try {
      expect(store.db.prepare('SELECT count(*) AS n FROM pending_secrets').get()).toEqual({ n: 0 });
      store.db.prepare('INSERT INTO pending_secrets (account_id, noted_at) VALUES (?, ?)').run('a1', 5);
      expect(() => store.db.prepare('INSERT INTO pending_secrets (account_id, noted_at) VALUES (?, ?)').run('a1', 6)).toThrow(/UNIQUE|PRIMARY/);
      expect(() => store.db.prepare('INSERT INTO pending_secrets (account_id, noted_at) VALUES (?, ?)').run('a2', 'soon')).toThrow(/cannot store TEXT value in INTEGER/);
    } finally {
      store.close();
    }
  });
});
