/**
 * Moving the workspace to another data folder, as the core sees it: the workspace is held still
 * (every change refused with a typed error, all background work paused (background.ts), the
 * last writes done (the search index brought up to date), the database connection read-only),
 * copied off the main thread with progress pushed as desktop:moveProgress, and the shell's
 * `commit` (the pointer to the new folder) runs once the copy is on disk. After that the hold
 * stays: the app restarts on the copy, and nothing may change the old database it was taken
 * from (the background work stays paused; the restarted core does what waited, from the copy).
 * A failure or a stop anywhere takes the copy back and lets the app, and its background
 * work, go on where it was.
 */
import { existsSync, readdirSync } from 'node:fs';
import { AppError } from '../../shared/contract';
import type { DataFolderMoveProgressDto } from '../../shared/contract/features/desktop';
import { moveTargetProblem } from './data-folder';
import { copyWorkspaceAsync, moveStopped, type CopiedWorkspace, type CopyIo, type CopyProgress } from './data-folder-copy';
import type { Background } from './background';
import type { Logger } from './deps';
import type { EventBus } from './events';
import type { Db } from './store/open';
import type { WriteHold } from './write-hold';

export interface MoveDeps {
  db: Db;
  dataDir: string;
  events: Pick<EventBus, 'emit'>;
  log: Logger;
  hold: WriteHold;
  /** All the work that writes in the background: paused (each waits for, or puts back, what it has under way) for the copy. */
  background: Pick<Background, 'pauseAll'>;
  /**
   * Runs once everything is paused, just before the database goes read-only: the last writes
   * (the search index brought up to date, so a search during the move finds every post by what
   * it says now, without writing). A failure is logged; the move goes on.
   */
  beforeFreeze?: () => Promise<void>;
}

export interface MoveOptions {
  /** Runs once the copy is on disk, the workspace still held: the desktop writes its pointer here. A throw takes the copy back. */
  commit?: () => void;
  /** Steps of the copy replaced: tests stand in a slow or failing disk here. */
  io?: Partial<CopyIo>;
}

export function createDataFolderMove(d: MoveDeps) {
  const { log } = d;
  /** The move under way, until its copy is on disk (then it can no longer be stopped). */
  let stoppable: AbortController | null = null;

  /** Copies the workspace into `to`, then `commit`s; resolves with the names copied besides the database. */
  async function moveTo(to: string, o: MoveOptions = {}): Promise<string[]> {
    if (d.hold.isHeld()) throw new AppError('conflict', 'The data folder is already being moved. Wait for that move to end.');
    const problem = moveTargetProblem(d.dataDir, to, existsSync(to) ? readdirSync(to) : null);
    if (problem) throw new AppError('invalid_input', problem);
    d.hold.refuseRequests(`Loomcast is moving its data folder to ${to}: nothing can be changed until the move is over (Loomcast then restarts there). Try again in a moment.`);
    let last: CopyProgress = { phase: 'database', doneBytes: 0, totalBytes: 0, doneFiles: 0, totalFiles: 0 };
    const emit = (p: CopyProgress | (Omit<CopyProgress, 'phase'> & { phase: 'failed' | 'cancelled' }), why: string | null) => {
      const payload: DataFolderMoveProgressDto = { to, ...p, problem: why };
      d.events.emit('desktop:moveProgress', payload);
    };
    let resume: (() => void) | null = null;
    let copy: CopiedWorkspace | null = null;
    const stop = new AbortController();
    stoppable = stop;
    try {
      // Publishing pauses first (background.ts): a post being sent is recorded before the database goes read-only.
      resume = await d.background.pauseAll();
      await d.beforeFreeze?.().catch((err: unknown) => log.warn('could not finish the last writes before the move; searches may miss the latest edits until it is over', { error: err as Error }));
      d.hold.freezeDatabase();
      copy = await copyWorkspaceAsync({
        db: d.db,
        from: d.dataDir,
        to,
        progress: (p) => {
          last = p;
          emit(p, null);
        },
        signal: stop.signal,
        ...(o.io ? { io: o.io } : {}),
      });
      // On disk: from here the move goes through, or fails, but is not stopped half-way.
      stoppable = null;
      if (stop.signal.aborted) throw moveStopped(d.dataDir);
      o.commit?.();
      log.info('workspace copied to a new data folder; changes stay refused until the restart there', { from: d.dataDir, to, copied: copy.names, bytes: last.doneBytes, files: last.doneFiles });
      return copy.names;
    } catch (err) {
      stoppable = null;
      if (copy) await copy.remove().catch(() => {});
      const error =
        err instanceof AppError
          ? err
          : new AppError('internal', `Loomcast could not switch to ${to}: ${(err as Error).message}. It keeps using ${d.dataDir}; nothing there changed.`, { details: (err as Error).message });
      log.error('moving the data folder failed; the copy was taken back', { from: d.dataDir, to, error: err as Error });
      d.hold.release();
      resume?.();
      emit({ ...last, phase: error.code === 'cancelled' ? 'cancelled' : 'failed' }, error.message);
      throw error;
    }
  }

  return {
    moveTo,
    /** Stops the copy under way (it is taken back and the app goes on where it was); false when there is none to stop. */
    cancel(): boolean {
      if (!stoppable || stoppable.signal.aborted) return false;
      stoppable.abort();
      return true;
    },
  };
}

export type DataFolderMove = ReturnType<typeof createDataFolderMove>;
