import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto, SettingsDto } from '../../shared/contract';
import type { ImportPreviewDto } from '../../shared/contract/features/io';
import { call, createTestCore, type TestCore } from '../support/core';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC.
const BST = '“BST” is an abbreviation, not a time zone: use a place name such as Europe/London.';

describe('time zone names', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });
  const sql = () => new Database(join(t.dataDir, 'loomcast.sqlite'));

  it('refuses an abbreviation for a post, in Settings and in an import row, saying which zone to use', async () => {
    t = await createTestCore({ zone: 'Europe/Berlin' });
    // ICU reads BST as Bangladesh: 09:00 "BST" on 1 July would go out at 03:00 UTC, not 08:00.
    const post = await t.core.dispatch('posts:create', { text: 'Summer in London', platforms: ['x'], schedule: { date: '2027-07-01', time: '09:00', zone: 'BST' } });
    expect(post).toMatchObject({ ok: false, error: { code: 'invalid_input', message: BST } });
    expect(await t.core.dispatch('settings:update', { timeZone: 'BST' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: `Invalid input for settings:update: timeZone: ${BST}` } });
    expect(await t.core.dispatch('io:importPreview', { csv: 'datetime,text', options: { zone: 'EST' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const preview = await call<ImportPreviewDto>(t.core, 'io:importPreview', { csv: ['datetime,zone,text,accounts', '2027-07-01 09:00,BST,Summer in London,x', '2027-07-01 09:00,Europe/London,Summer in London,x'].join('\n') });
    expect(preview.rows.map((r) => r.errors)).toEqual([[{ field: 'zone', message: BST }], []]);
    expect(preview.rows[1]!.at).toBe('2027-07-01T08:00:00.000Z');
  });

  it('takes links such as Asia/Calcutta and US/Eastern, and UTC', async () => {
    t = await createTestCore({ zone: 'Europe/Berlin' });
    for (const zone of ['Asia/Calcutta', 'US/Eastern', 'Etc/UTC', 'UTC']) {
      const p = await call<PostDto>(t.core, 'posts:create', { text: `In ${zone}`, platforms: ['x'], schedule: { date: '2027-07-01', time: '09:00', zone } });
      expect(p.zone).toBe(zone);
    }
    expect(await call<SettingsDto>(t.core, 'settings:update', { timeZone: 'Asia/Calcutta' })).toMatchObject({ timeZone: 'Asia/Calcutta' });
  });

  it('keeps loading and moving a zone stored before abbreviations were refused', async () => {
    t = await createTestCore({ zone: 'Europe/Berlin' });
    const p = await call<PostDto>(t.core, 'posts:create', { text: 'Planned in EST long ago', platforms: ['x'], schedule: { date: '2027-07-01', time: '09:00', zone: 'America/New_York' } });
    const db = sql();
    db.prepare(`INSERT INTO settings (key, value) VALUES ('timeZone', '"EST"') ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run();
    db.prepare(`UPDATE targets SET zone = 'EST' WHERE post_id = ?`).run(p.id);
    db.close();
    t = await t.restart();
    expect(await call<SettingsDto>(t.core, 'settings:get')).toMatchObject({ timeZone: 'EST' });
    expect(await call<PostDto>(t.core, 'posts:get', { id: p.id })).toMatchObject({ zone: 'EST' });
    // The calendar sends Settings' zone; the composer the post's own. Neither is new input.
    const moved = await call<PostDto>(t.core, 'posts:reschedule', { id: p.id, date: '2027-07-02', time: '09:00', zone: 'EST' });
    expect(moved.scheduledAt).toBe('2027-07-02T14:00:00.000Z'); // EST is a fixed UTC−5
    expect((await call<PostDto[]>(t.core, 'posts:shift', { ids: [p.id], days: 1 }))[0]!.scheduledAt).toBe('2027-07-03T14:00:00.000Z');
    const made = await call<PostDto>(t.core, 'posts:create', { text: 'In the creator’s zone', platforms: ['x'], schedule: { date: '2027-07-01', time: '09:00' } });
    expect(made.zone).toBe('EST');
    // A new one is still refused.
    expect(await t.core.dispatch('posts:reschedule', { id: p.id, date: '2027-07-02', time: '09:00', zone: 'PST' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
