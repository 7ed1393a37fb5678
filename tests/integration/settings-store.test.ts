import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../electron/core/deps';
import { createSettingsStore, SETTINGS, type SettingKey } from '../../electron/core/settings/settings-store';
import { openStore, type Store } from '../../electron/core/store/open';
import { tempDir } from '../support/core';

/** A logger that keeps what it was told, to check a fallback is said out loud. */
function recordingLog(): Logger & { warnings: { message: string; fields?: Record<string, unknown> }[] } {
  const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
  const log = (level: string, message: string, fields?: Record<string, unknown>) => {
    if (level === 'warn') warnings.push({ message, ...(fields ? { fields } : {}) });
  };
  return { warnings, log, debug: (m, f) => log('debug', m, f), info: (m, f) => log('info', m, f), warn: (m, f) => log('warn', m, f), error: (m, f) => log('error', m, f) };
}

describe('the typed settings store', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  let log: ReturnType<typeof recordingLog>;
  beforeEach(() => {
    dir = tempDir();
    store = openStore(join(dir.path, 'db.sqlite'), undefined, () => 0);
    log = recordingLog();
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  /** Writes a raw row, past the table's JSON check, as a damaged or hand-edited file would hold. */
  const rawRow = (key: string, value: string) => {
    store.db.pragma('ignore_check_constraints = ON');
    store.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
    store.db.pragma('ignore_check_constraints = OFF');
  };
  const rows = () => store.db.prepare('SELECT key, value FROM settings ORDER BY key').all();

  it('answers each key’s declared default until something is stored, and stores nothing by reading', () => {
    const s = createSettingsStore({ db: store.db, log });
    for (const key of Object.keys(SETTINGS) as SettingKey[]) expect(s.get(key)).toEqual(SETTINGS[key].fallback);
    expect(s.get('guard.windowDays')).toBe(7);
    expect(s.get('media_bucket')).toBeNull();
    expect(rows()).toEqual([]);
    expect(log.warnings).toEqual([]);
  });

  it('takes a start-up default over the declared one', () => {
    const s = createSettingsStore({ db: store.db, log, defaults: { timeZone: 'Europe/Berlin' } });
    expect(s.get('timeZone')).toBe('Europe/Berlin');
    expect(createSettingsStore({ db: store.db, log }).get('timeZone')).toBe('UTC');
  });

  it('stores a value as JSON and reads it back typed, from any store over the same database', () => {
    createSettingsStore({ db: store.db, log }).set('missedGraceMinutes', 30);
    expect(createSettingsStore({ db: store.db, log }).get('missedGraceMinutes')).toBe(30);
    expect(rows()).toEqual([{ key: 'missedGraceMinutes', value: '30' }]);
  });

  it('falls back to the default, and logs it, when the stored value is not JSON', () => {
    rawRow('theme', 'dark mode please');
    const s = createSettingsStore({ db: store.db, log });
    expect(s.get('theme')).toBe('system');
    expect(s.getMany(['theme', 'missedAction'])).toEqual({ theme: 'system', missedAction: 'hold' });
    expect(log.warnings[0]).toMatchObject({ message: expect.stringMatching(/not JSON; using its default/), fields: { setting: 'theme' } });
  });

  it('falls back to the default, and logs why, when the stored JSON breaks the key’s schema', () => {
    rawRow('guard.windowDays', '"a week"');
    rawRow('io.icalFeed', JSON.stringify({ sha256: 'not hex', createdAt: 1 }));
    const s = createSettingsStore({ db: store.db, log });
    expect(s.get('guard.windowDays')).toBe(7);
    expect(s.get('io.icalFeed')).toBeNull();
    expect(log.warnings.map((w) => w.fields?.setting)).toEqual(['guard.windowDays', 'io.icalFeed']);
    expect(log.warnings[0]?.message).toMatch(/invalid; using its default/);
  });

  it('refuses a key nobody declared, for reads and writes alike', () => {
    const s = createSettingsStore({ db: store.db, log });
    expect(() => s.get('fontSize' as SettingKey)).toThrow('There is no setting "fontSize"');
    expect(() => s.set('fontSize' as SettingKey, 12 as never)).toThrow(/no setting "fontSize"/);
    expect(() => s.setMany({ fontSize: 12 } as never)).toThrow(/no setting "fontSize"/);
    expect(() => s.reset('fontSize' as SettingKey)).toThrow(/no setting "fontSize"/);
    expect(rows()).toEqual([]);
  });

  it('leaves rows of keys it does not know alone (an older or newer Loomcast may have written them)', () => {
    rawRow('someFutureSetting', '{"x":1}');
    const s = createSettingsStore({ db: store.db, log });
    expect(s.getMany(['theme'])).toEqual({ theme: 'system' });
    expect(log.warnings).toEqual([]);
    expect(rows()).toEqual([{ key: 'someFutureSetting', value: '{"x":1}' }]);
  });

  it('validates a write and stores nothing when the value does not fit', () => {
    const s = createSettingsStore({ db: store.db, log });
    expect(() => s.set('missedGraceMinutes', -5)).toThrow(expect.objectContaining({ code: 'invalid_input', issues: [expect.objectContaining({ path: ['missedGraceMinutes'] })] }));
    expect(rows()).toEqual([]);
  });

  it('writes several keys in one transaction: all of them, or none when one is invalid', () => {
    const s = createSettingsStore({ db: store.db, log });
    s.setMany({ theme: 'dark', missedAction: 'publish', 'guard.windowDays': 14 });
    expect(s.getMany(['theme', 'missedAction', 'guard.windowDays'])).toEqual({ theme: 'dark', missedAction: 'publish', 'guard.windowDays': 14 });

    expect(() => s.setMany({ theme: 'light', 'guard.windowDays': 100_000 })).toThrow(/guard\.windowDays/);
    expect(s.get('theme')).toBe('dark');
  });

  it('forgets a value on reset, so the default shows again', () => {
    const s = createSettingsStore({ db: store.db, log });
    s.set('media_bucket', { endpoint: 'https://s3.example.com', region: 'us-east-1', bucket: 'b', accessKeyId: 'AKIA', forcePathStyle: true });
    expect(s.get('media_bucket')).toMatchObject({ bucket: 'b' });
    s.reset('media_bucket');
    expect(s.get('media_bucket')).toBeNull();
    expect(rows()).toEqual([]);
  });
});
