/**
 * The copy behind a data folder's move, off the main thread's back: every read, write and flush
 * goes through fs.promises (libuv's thread pool) and the database through SQLite's online backup,
 * which copies a step of pages per turn of the event loop. On a slow external disk with gigabytes
 * of media the app keeps answering, and says how far it got (`progress`).
 *
 * Each file is flushed (FileHandle.sync) before it is closed, each folder after its entries, so
 * the copy is on disk when this resolves: only then may the pointer name the new folder. A copy
 * that fails is taken back. The caller keeps the workspace still meanwhile (data-folder-move.ts).
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { chmod, lstat, mkdir, open, readdir, readlink, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../shared/contract';
import { DATABASE, leftBehind, moveTargetProblem } from './data-folder';
import { syncFileAsync, syncFolderAsync, syncHandle } from './store/durable-files';
import type { Db } from './store/open';
import { ensurePrivateDir } from './store/private-files';

export type CopyPhase = 'database' | 'files' | 'flushing' | 'done';

export interface CopyProgress {
  phase: CopyPhase;
  doneBytes: number;
  totalBytes: number;
  doneFiles: number;
  totalFiles: number;
}

export interface CopyIo {
  /** Copies one regular file (its permissions and times kept), flushed before it resolves; `copied` hears each chunk. */
  copyFile(from: string, to: string, copied: (bytes: number) => void): Promise<void>;
}

const CHUNK = 1 << 20;

/** Chunk by chunk, so a film of several gigabytes reports its progress as it goes. */
export async function copyFileDurably(from: string, to: string, copied: (bytes: number) => void): Promise<void> {
  const source = await open(from, 'r');
  try {
    const st = await source.stat();
    // 'wx': never over a file already there.
    const target = await open(to, 'wx', st.mode & 0o777);
    try {
      const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, st.size)));
      for (;;) {
        const { bytesRead } = await source.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        for (let at = 0; at < bytesRead; ) at += (await target.write(buffer, at, bytesRead - at)).bytesWritten;
        copied(bytesRead);
      }
      if (process.platform !== 'win32') await target.chmod(st.mode & 0o7777);
      await target.utimes(st.atime, st.mtime);
      await syncHandle(target, to);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

type Entry = { kind: 'dir' | 'file' | 'link'; rel: string; size: number; mode: number };

/** Everything under `from/name`, folders before what they hold. */
async function walk(from: string, rel: string, out: Entry[]): Promise<void> {
  const st = await lstat(join(from, rel));
  if (st.isDirectory()) {
    out.push({ kind: 'dir', rel, size: 0, mode: st.mode & 0o7777 });
    for (const name of (await readdir(join(from, rel))).sort()) await walk(from, join(rel, name), out);
  } else if (st.isSymbolicLink()) out.push({ kind: 'link', rel, size: 0, mode: 0 });
  else if (st.isFile()) out.push({ kind: 'file', rel, size: st.size, mode: 0 });
  // Sockets and pipes (none of ours) mean nothing in another folder: left out, as cpSync did not copy them either.
}

export interface CopyRequest {
  db: Db;
  from: string;
  to: string;
  progress?: (p: CopyProgress) => void;
  io?: Partial<CopyIo>;
  /** Aborted: the copy stops at its next chunk or file, is taken back, and rejects with `cancelled`. */
  signal?: AbortSignal;
}

/** The creator stopped the move: what was copied is taken back. */
export const moveStopped = (from: string): AppError => new AppError('cancelled', `The move was stopped and the copy taken back. Loomcast keeps using ${from}; nothing there changed.`);

export interface CopiedWorkspace {
  /** The names copied besides the database. */
  names: string[];
  /** Takes the copy back (a pointer that could not be written after it). */
  remove(): Promise<void>;
}

/**
 * Copies the workspace in `from` to the empty (or new) folder `to`: the database as one
 * consistent file by SQLite's backup, then media, logs and everything else of ours as files.
 * Nothing in `from` changes. Refuses a folder that may not take it with invalid_input, and a
 * failed copy with internal, the copy taken back either way.
 */
export async function copyWorkspaceAsync(req: CopyRequest): Promise<CopiedWorkspace> {
  const { db, from, to } = req;
  const copyFile = req.io?.copyFile ?? copyFileDurably;
  const goOn = () => {
    if (req.signal?.aborted) throw moveStopped(from);
  };
  const listing = existsSync(to) ? readdirSync(to) : null;
  const problem = moveTargetProblem(from, to, listing);
  if (problem) throw new AppError('invalid_input', problem);
  // Only hidden files can be there already (moveTargetProblem): the folder's own, such as the
  // .DS_Store Finder leaves in both folders. Never written over, and never ours to take back.
  const there = new Set(listing ?? []);
  const names = readdirSync(from).filter((name) => !leftBehind(name) && !there.has(name)).sort();
  const remove = async () => {
    if (listing === null) await rm(to, { recursive: true, force: true });
    else for (const name of [DATABASE, ...names]) await rm(join(to, name), { recursive: true, force: true });
  };
  const p: CopyProgress = { phase: 'database', doneBytes: 0, totalBytes: 0, doneFiles: 0, totalFiles: 0 };
  let reported = 0;
  const report = (force: boolean) => {
    p.totalBytes = Math.max(p.totalBytes, p.doneBytes);
    // About 500 reports for a whole copy, and one at every change of phase.
    if (!force && p.doneBytes - reported < Math.max(4 * CHUNK, p.totalBytes / 500)) return;
    reported = p.doneBytes;
    req.progress?.({ ...p });
  };
  try {
    mkdirSync(to, { recursive: true });
    ensurePrivateDir(to);
    const entries: Entry[] = [];
    for (const name of names) await walk(from, name, entries);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const dbBytes = (db.pragma('page_count', { simple: true }) as number) * pageSize;
    p.totalFiles = 1 + entries.filter((e) => e.kind !== 'dir').length;
    p.totalBytes = dbBytes + entries.reduce((sum, e) => sum + e.size, 0);
    report(true);

    // The backup copies what was committed, consistently; the caller holds every write meanwhile.
    await db.backup(join(to, DATABASE), {
      progress: ({ totalPages, remainingPages }) => {
        goOn();
        p.doneBytes = (totalPages - remainingPages) * pageSize;
        report(false);
        return 256;
      },
    });
    goOn();
    await syncFileAsync(join(to, DATABASE));
    p.doneBytes = dbBytes;
    p.doneFiles = 1;
    p.phase = 'files';
    report(true);

    const folders: { path: string; mode: number | null }[] = [{ path: to, mode: null }];
    for (const e of entries) {
      const target = join(to, e.rel);
      if (e.kind === 'dir') {
        await mkdir(target);
        folders.push({ path: target, mode: e.mode });
        continue;
      }
      if (e.kind === 'link') await symlink(await readlink(join(from, e.rel)), target);
      else {
        await copyFile(join(from, e.rel), target, (bytes) => {
          goOn();
          p.doneBytes += bytes;
          report(false);
        });
      }
      goOn();
      p.doneFiles += 1;
      report(false);
    }
    // Deepest first, then the new folder's own entry in its parent. A folder's permissions once
    // it is filled: a read-only one would refuse its own files.
    p.phase = 'flushing';
    report(true);
    for (const dir of folders.reverse()) {
      if (dir.mode !== null && process.platform !== 'win32') await chmod(dir.path, dir.mode);
      await syncFolderAsync(dir.path);
    }
    await syncFolderAsync(join(to, '..'));
    p.phase = 'done';
    p.totalBytes = p.doneBytes;
    report(true);
    return { names, remove };
  } catch (err) {
    // Half a copy is no use to anyone: take back what was written (the folder too, if it was new).
    await remove().catch(() => {});
    if (req.signal?.aborted) throw moveStopped(from);
    throw new AppError('internal', `The workspace could not be copied to ${to}: ${(err as Error).message}. Loomcast keeps using ${from}; nothing there changed.`, { details: (err as Error).message });
  }
}
