/**
 * What a backup file is called and which ones are kept: pure functions, no file system.
 *
 * A backup's name says everything the list needs, so listing never opens a database:
 *   loomcast-daily-20261204T202758123Z.sqlite
 *   loomcast-pre-migration-v0007-20261204T202758123Z.sqlite   (the schema it was taken at)
 *   loomcast-manual-20261204T202758123Z.sqlite                 (Back up now)
 *   loomcast-pre-restore-20261204T202758123Z.sqlite            (what was there before a restore)
 * The time is UTC to the millisecond, so names sort in the order they were taken.
 */

export const BACKUP_KINDS = ['daily', 'pre-migration', 'manual', 'pre-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export interface BackupName {
  name: string;
  kind: BackupKind;
  /** Epoch ms the backup was taken at. */
  takenAt: number;
  /** The schema version a pre-migration backup was taken at; null for the others. */
  schemaVersion: number | null;
}

/** How many of each kind are kept; manual backups are the creator's and are never removed. */
export const KEEP: Readonly<Record<BackupKind, number>> = { daily: 7, 'pre-migration': 5, manual: Infinity, 'pre-restore': 5 };

const NAME = /^loomcast-(daily|pre-migration-v(\d{4})|manual|pre-restore)-(\d{8}T\d{9}Z)\.sqlite$/;

function stamp(epochMs: number): string {
  // 2026-12-04T20:27:58.123Z → 20261204T202758123Z
  return new Date(epochMs).toISOString().replace(/[-:.]/g, '');
}

function parseStamp(s: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se, ms] = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi, se, ms);
  // Rejects 20261340T… and the like: the parts must be the instant's own.
  return stamp(t) === s ? t : null;
}

/** The file name for a backup of `kind` taken at `takenAt`; `schemaVersion` is needed for pre-migration. */
export function backupFileName(kind: BackupKind, takenAt: number, schemaVersion?: number): string {
  if (kind === 'pre-migration') {
    if (schemaVersion === undefined || !Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > 9999) {
      throw new Error(`A pre-migration backup needs the schema version it was taken at (1–9999), not ${String(schemaVersion)}`);
    }
    return `loomcast-pre-migration-v${String(schemaVersion).padStart(4, '0')}-${stamp(takenAt)}.sqlite`;
  }
  return `loomcast-${kind}-${stamp(takenAt)}.sqlite`;
}

/** What a file name says about its backup, or null when it is not a backup's name. */
export function parseBackupFileName(name: string): BackupName | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const takenAt = parseStamp(m[3]!);
  if (takenAt === null) return null;
  if (m[2] !== undefined) return { name, kind: 'pre-migration', takenAt, schemaVersion: Number(m[2]) };
  return { name, kind: m[1] as BackupKind, takenAt, schemaVersion: null };
}

/** Newest first; equal times by name so the order never depends on the directory listing. */
export function newestFirst<T extends { takenAt: number; name: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => b.takenAt - a.takenAt || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/**
 * The backups rotation removes: of each kind, all but the newest `keep[kind]`, those named after
 * `now` counting as the oldest. Manual backups stay until the creator deletes them. Only ever called after the newest backup was checked.
 */
export function backupsToRemove(list: readonly BackupName[], keep: Readonly<Record<BackupKind, number>> = KEEP, now = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  for (const kind of BACKUP_KINDS) {
    const limit = keep[kind];
    if (!(limit >= 0)) throw new Error(`How many ${kind} backups to keep must be 0 or more, not ${limit}`);
    // Named after `now` (taken while the clock was ahead): the oldest in truth, so they go first;
    // sorted by their names they would outlive every backup taken since, the new one included.
    const ahead = (b: BackupName) => b.takenAt > now;
    const ofKind = list.filter((b) => b.kind === kind);
    [...newestFirst(ofKind.filter((b) => !ahead(b))), ...newestFirst(ofKind.filter(ahead))]
      .slice(limit)
      .forEach((b) => out.push(b.name));
  }
  return out;
}

/** Is the daily backup due: none yet, or the newest is a day old (a clock set back counts as due). */
export function dailyDueAt(list: readonly BackupName[], dayMs = 86_400_000): number | null {
  const last = newestFirst(list.filter((b) => b.kind === 'daily'))[0];
  return last ? last.takenAt + dayMs : null;
}
