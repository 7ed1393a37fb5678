import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore, type Store } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 33 → 34: when an account's sign-in ends, kept on its row; older rows say nothing until looked at.
describe('migration 0034_sign_in_ends', () => {
  const dir = tempDir();
  const path = join(dir.path, 'db.sqlite');
  let store: Store;

  beforeAll(() => {
    expect(MIGRATIONS[33]?.name).toBe('sign_in_ends');
    const v33 = openStore(path, MIGRATIONS.slice(0, 33));
    v33.db.exec(`INSERT INTO accounts (id, platform, handle, status, token_expires_at, created_at, updated_at) VALUES ('old', 'linkedin', 'ada', 'connected', 5, 1, 1)`);
    v33.close();
    store = openStore(path, MIGRATIONS.slice(0, 34));
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  it('leaves an older account with no known end, and keeps the rest of its row', () => {
    expect(store.schemaVersion).toBe(34);
    expect(store.db.prepare(`SELECT token_expires_at, sign_in_ends_at FROM accounts WHERE id = 'old'`).get()).toEqual({ token_expires_at: 5, sign_in_ends_at: null });
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
