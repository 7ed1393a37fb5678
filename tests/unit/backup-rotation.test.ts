import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToRemove, dailyDueAt, parseBackupFileName, type BackupKind, type BackupName } from '../../electron/core/store/backup-files';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10, 3, 4, 5, 6);

const backup = (kind: BackupKind, takenAt: number, schemaVersion = 7): BackupName => parseBackupFileName(backupFileName(kind, takenAt, schemaVersion))!;
const days = (kind: BackupKind, n: number) => Array.from({ length: n }, (_, i) => backup(kind, T0 + i * DAY));

describe('backup file names', () => {
  it('say the kind, the schema a pre-migration backup was taken at, and the instant, and read back the same', () => {
    expect(backupFileName('daily', T0)).toBe('loomcast-daily-20260110T030405006Z.sqlite');
    expect(backupFileName('pre-migration', T0, 7)).toBe('loomcast-pre-migration-v0007-20260110T030405006Z.sqlite');
    expect(parseBackupFileName('loomcast-pre-migration-v0007-20260110T030405006Z.sqlite')).toEqual({
      name: 'loomcast-pre-migration-v0007-20260110T030405006Z.sqlite',
      kind: 'pre-migration',
      takenAt: T0,
      schemaVersion: 7,
    });
    for (const kind of ['daily', 'manual', 'pre-restore'] as const) expect(parseBackupFileName(backupFileName(kind, T0))).toMatchObject({ kind, takenAt: T0, schemaVersion: null });
  });

  it('are not read from other files, half-written copies or impossible dates', () => {
    for (const name of [
      'loomcast.sqlite',
      'loomcast-daily-20260110T030405006Z.sqlite.partial',
      'loomcast-weekly-20260110T030405006Z.sqlite',
      'loomcast-daily-20261340T030405006Z.sqlite',
      'loomcast-pre-migration-20260110T030405006Z.sqlite',
      '../loomcast-daily-20260110T030405006Z.sqlite',
    ]) {
      expect(parseBackupFileName(name), name).toBeNull();
    }
    expect(() => backupFileName('pre-migration', T0)).toThrow(/schema version/);
  });
});

describe('backup rotation', () => {
  it('keeps the last 7 daily backups and removes the older ones', () => {
    const list = days('daily', 10);
    expect(backupsToRemove(list)).toEqual(list.slice(0, 3).reverse().map((b) => b.name));
  });

  it('counts backups named after now (a clock that ran ahead) as the oldest', () => {
    const list = [...days('daily', 3), ...Array.from({ length: 6 }, (_, i) => backup('daily', T0 + (1000 + i) * DAY))];
    const now = T0 + 2 * DAY;
    // Kept: the three of now and before, and the four latest of those named ahead.
    expect(backupsToRemove(list, undefined, now).sort()).toEqual(list.slice(3, 5).map((b) => b.name).sort());
    // Without `now` they are simply the newest.
    expect(backupsToRemove(list).sort()).toEqual(list.slice(0, 2).map((b) => b.name).sort());
  });

  it('keeps the last 5 pre-migration backups', () => {
    const list = days('pre-migration', 8);
    expect(backupsToRemove(list).sort()).toEqual(list.slice(0, 3).map((b) => b.name).sort());
  });

  it('counts each kind on its own and never removes manual backups', () => {
    const list = [...days('daily', 7), ...days('pre-migration', 5), ...days('manual', 40), ...days('pre-restore', 6)];
    expect(backupsToRemove(list)).toEqual([list.find((b) => b.kind === 'pre-restore')!.name]);
  });

  it('goes by the time in the name, not the order it is given in', () => {
    const list = days('daily', 9).reverse();
    expect(new Set(backupsToRemove(list))).toEqual(new Set([backup('daily', T0).name, backup('daily', T0 + DAY).name]));
  });

  it('removes nothing when there are fewer than the limit, and takes other limits', () => {
    expect(backupsToRemove(days('daily', 3))).toEqual([]);
    expect(backupsToRemove([], { daily: 7, 'pre-migration': 5, manual: Infinity, 'pre-restore': 5 })).toEqual([]);
    expect(backupsToRemove(days('daily', 3), { daily: 1, 'pre-migration': 5, manual: Infinity, 'pre-restore': 5 })).toHaveLength(2);
    expect(() => backupsToRemove([], { daily: -1, 'pre-migration': 5, manual: Infinity, 'pre-restore': 5 })).toThrow(/0 or more/);
  });
});

describe('when the daily backup is due', () => {
  it('is now when there is none, else a day after the newest daily one', () => {
    expect(dailyDueAt([])).toBeNull();
    expect(dailyDueAt([...days('daily', 3), backup('manual', T0 + 10 * DAY)])).toBe(T0 + 3 * DAY);
  });
});
