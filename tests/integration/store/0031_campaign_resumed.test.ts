import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 30 → 31: a campaign keeps when its guard was last resumed; campaigns resumed before
// take it from their last resume's audit entry, so Resume holds for them too.
describe('migration 0031_campaign_resumed', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it("fills in each campaign's last resume from the audit log, and leaves the others empty", () => {
    expect(MIGRATIONS[30]?.name).toBe('campaign_resumed');
    const path = join(dir.path, 'campaigns.sqlite');
    const v30 = openStore(path, MIGRATIONS.slice(0, 30));
    v30.db.exec(`INSERT INTO campaigns (id, name, created_at, updated_at) VALUES ('c1', 'Spring', 1, 1), ('c2', 'Summer', 1, 1);
      INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES
        (100, 'user', 'campaign.guard_resume', 'campaign', 'c1'),
        (300, 'user', 'campaign.guard_resume', 'campaign', 'c1'),
        (200, 'user', 'campaign.save', 'campaign', 'c2'),
        (400, 'user', 'campaign.guard_resume', 'campaign', 'c9');`);
    v30.close();

    const v31 = openStore(path, MIGRATIONS.slice(0, 31));
    try {
      expect(v31.db.prepare('SELECT id, guard_resumed_at FROM campaigns ORDER BY id').all()).toEqual([
        { id: 'c1', guard_resumed_at: 300 },
        { id: 'c2', guard_resumed_at: null },
      ]);
      expect(v31.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      v31.close();
    }
  });
});
