import { appendFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import type { Logger, LogLevel } from '../deps';
import { PRIVATE_FILE_MODE, ensurePrivateDir, ensurePrivateFile, type TightenReport } from '../store/private-files';
import { redact } from './redact';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A log file is started afresh past this size; the last two before it are kept. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_KEPT = 2;

const sizeOf = (file: string): number => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

/** `logs/loomcast.log` → `logs/loomcast.1.log`, the next older `loomcast.2.log`… */
export const olderLog = (file: string, n: number): string => {
  const p = parse(file);
  return join(p.dir, `${p.name}.${n}${p.ext}`);
};

/**
 * JSON lines in the data dir (one file the creator can attach to a bug report), mirrored to
 * the console at `consoleLevel` and above. It never grows without end: past `maxBytes` the file
 * becomes `loomcast.1.log` (the one before, `loomcast.2.log`; older ones go) and a new one starts,
 * so a year of publishing keeps at most three files, 15 MB, of the latest lines.
 */
export function createFileLogger(file: string, opts: { now?: () => number; consoleLevel?: LogLevel | 'silent'; maxBytes?: number } = {}): Logger {
  // The log is the creator's alone (folder 0700, file 0600); looser modes left by an older
  // Loomcast are tightened, and the first lines written say so.
  const tightened: Array<Parameters<TightenReport>> = [];
  const report: TightenReport = (message, fields) => tightened.push([message, fields]);
  ensurePrivateDir(dirname(file), report);
  ensurePrivateFile(file, report);
  const now = opts.now ?? Date.now;
  const consoleLevel = opts.consoleLevel ?? 'warn';
  const maxBytes = opts.maxBytes ?? LOG_MAX_BYTES;
  // What this logger believes the file holds; checked against the file itself before rotating,
  // since another logger of the same process (the host's) may have written or rotated it.
  let size = sizeOf(file);
  const rotateIfFull = () => {
    size = sizeOf(file);
    if (size < maxBytes) return;
    rmSync(olderLog(file, LOG_KEPT), { force: true });
    for (let n = LOG_KEPT - 1; n >= 1; n--) if (sizeOf(olderLog(file, n)) > 0) renameSync(olderLog(file, n), olderLog(file, n + 1));
    renameSync(file, olderLog(file, 1));
    size = 0;
  };
  const log = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) => {
    // Secrets are hidden at any depth, and the copy is bounded and acyclic, so stringify cannot throw.
    const line = JSON.stringify({ at: new Date(now()).toISOString(), level, message, ...redact(fields) }) + '\n';
    if (size >= maxBytes) {
      try {
        rotateIfFull();
      } catch {
        // A log that cannot be rotated (a read-only folder, a file held open elsewhere) keeps
        // growing rather than stopping the app, and is tried again after another maxBytes.
        size = 0;
      }
    }
    appendFileSync(file, line, { mode: PRIVATE_FILE_MODE });
    size += Buffer.byteLength(line);
    if (consoleLevel !== 'silent' && ORDER[level] >= ORDER[consoleLevel]) {
      (level === 'error' ? console.error : console.log)(`[${level}] ${message}`);
    }
  };
  for (const [message, fields] of tightened) log('warn', message, fields);
  return {
    log,
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}
