import { join } from 'node:path';
import { AppError } from '../../../../shared/contract';
import type { BackupDto, backupsChannels } from '../../../../shared/contract/features/backups';
import { dailyDueAt, type BackupKind } from '../../store/backup-files';
import { BACKUP_DIR, BackupFailedError, createBackupOffThread, listBackups, type BackupEntry } from '../../store/backups';
import { RestoreRefusedError, stageRestore } from '../../store/recovery';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { startStopWorker } from '../../background';
import type { MediaStore } from '../../media/media-store';
import { mediaOfBackup, sweepUnusedMedia } from '../../media/media-sweep';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The first daily backup of a run waits this long, so opening Loomcast stays quick. */
export const FIRST_DAILY_DELAY_MS = 5 * MINUTE;
/** A daily backup that failed (a full disk) is tried again after this. */
const RETRY_MS = 60 * MINUTE;

export interface BackupsDeps extends Pick<FeatureDeps, 'db' | 'dataDir' | 'clock' | 'log' | 'background'> {
  /** Closes this core and opens a new one on the same data folder; absent where nothing can reopen the core. */
  requestRestart?: () => void;
  /** The Electron build of better-sqlite3, for the connections that take and check backups. */
  nativeBinding?: string | undefined;
  /** Media files: after each daily backup, those no post and no kept backup uses are removed (media/media-sweep.ts). */
  media?: Pick<MediaStore, 'unusedSince' | 'remove' | 'strays' | 'removeStrays'>;
}

export const toBackupDto = (b: BackupEntry): BackupDto => ({
  name: b.name,
  kind: b.kind,
  takenAt: new Date(b.takenAt).toISOString(),
  sizeBytes: b.sizeBytes,
  schemaVersion: b.schemaVersion,
});

/**
 * Settings → Backups and the daily backup. Every backup is checked before older ones of its kind
 * are removed (store/backups.ts); a restore is staged and applied when the core reopens.
 */
export function createBackupsFeature(deps: BackupsDeps): { handlers: FeatureHandlers<keyof typeof backupsChannels>; start(): void; stop(): Promise<void>; idle(): Promise<void> } {
  const { db, dataDir, clock, log } = deps;
  const dir = join(dataDir, BACKUP_DIR);
  let cancel: (() => void) | null = null;
  let running = false;
  /** The backup being taken: one at a time (a second waits for it), and the core's close waits for it too. */
  let inFlight: Promise<unknown> = Promise.resolve();
  /** The media sweep after the last daily backup, which the close waits for as well. */
  let sweeping: Promise<unknown> = Promise.resolve();

  /** `takenAt`: when it was asked for, which names it even if it waits for one under way. */
  const backUp = (kind: BackupKind, takenAt = clock.now()): Promise<BackupEntry> => {
    const take = async () => {
      const entry = await createBackupOffThread({
        db,
        dir,
        kind,
        takenAt,
        nativeBinding: deps.nativeBinding,
        removed: (names) => log.info('older backups removed', { kind, names }),
        fellBack: (why) => log.warn('the backup ran on the main thread: its worker could not load SQLite', { why }),
      });
      log.info('backup written', { kind, name: entry.name, bytes: entry.sizeBytes });
      return entry;
    };
    const next = inFlight.then(take, take);
    inFlight = next.catch(() => undefined);
    return next;
  };

  const arm = (wait: number) => {
    cancel?.();
    cancel = running ? clock.setTimer(wait, daily) : null;
  };

  /** Files no post uses any more go once no kept backup needs them: after the daily backup, which may have rotated one out. */
  const sweepMedia = (media: NonNullable<BackupsDeps['media']>) =>
    sweepUnusedMedia({ media, backups: () => listBackups(dir), readBackup: (path, among) => mediaOfBackup(path, among, deps.nativeBinding), now: () => clock.now(), log }).catch((err: unknown) =>
      log.error('removing unused media failed; it is tried again after the next daily backup', { error: err as Error }),
    );

  /** Resolves once no backup is being taken and no media sweep runs. */
  async function idle(): Promise<void> {
    for (;;) {
      const [backup, sweep] = [inFlight, sweeping];
      await backup;
      await sweep;
      if (backup === inFlight && sweep === sweeping) return;
    }
  }

  function daily(): void {
    cancel = null;
    const takenAt = clock.now();
    // The next one is planned now, a day on, however long this one takes; a failure plans a retry instead.
    arm(DAY);
    backUp('daily', takenAt).then(
      () => {
        if (deps.media) sweeping = sweepMedia(deps.media);
      },
      (err: unknown) => {
        log.error('the daily backup failed; trying again in an hour', { error: err as Error });
        arm(RETRY_MS);
      },
    );
  }

  function start(): void {
    running = true;
    const due = dailyDueAt(listBackups(dir), DAY);
    const left = due === null ? 0 : due - clock.now();
    // Overdue, or the clock was set back past the last one: soon after start; else when a day has passed.
    arm(left <= FIRST_DAILY_DELAY_MS || left > DAY ? FIRST_DAILY_DELAY_MS : left);
  }
  /** Stops the daily timer; resolves once a backup under way (and its media sweep) is done. */
  async function stop(): Promise<void> {
    running = false;
    cancel?.();
    cancel = null;
    await idle();
  }
  // Paused for the data folder's move: a backup overdue by then is taken soon after the resume.
  deps.background.register('backups', startStopWorker('backups', { start, stop, isRunning: () => running }, log));

  return {
    start,
    stop,
    idle,
    handlers: {
      'backups:list': () => ({ folder: dir, backups: listBackups(dir).map(toBackupDto) }),

      'backups:create': async () => {
        try {
          return toBackupDto(await backUp('manual'));
        } catch (err) {
          if (err instanceof BackupFailedError) throw new AppError('internal', err.message);
          throw err;
        }
      },

      'backups:restore': ({ name }) => {
        if (!deps.requestRestart) {
          throw new AppError('conflict', 'This Loomcast cannot reopen its data by itself. Quit it, then start it with --restore-latest-backup or restore from the desktop app.');
        }
        const entry = listBackups(dir).find((b) => b.name === name);
        if (!entry) throw new AppError('not_found', `There is no backup named ${name} any more. It may have been rotated out; pick one from the list again.`);
        try {
          stageRestore(dataDir, entry.path, { nativeBinding: deps.nativeBinding });
        } catch (err) {
          if (err instanceof RestoreRefusedError) throw new AppError('conflict', err.message);
          throw err;
        }
        log.info('restore staged; reopening the data', { name });
        deps.requestRestart();
        return { restored: toBackupDto(entry) };
      },
    },
  };
}
