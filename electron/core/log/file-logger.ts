import { appendFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger, LogLevel } from '../deps';
import { PRIVATE_FILE_MODE, ensurePrivateDir, ensurePrivateFile, type TightenReport } from '../store/private-files';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Field names whose values are never written, whatever a caller passes by mistake. */
const SECRET_KEYS = /(secret|password|token|authorization|cookie|jwt|key)$/i;

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (SECRET_KEYS.test(k)) out[k] = '[redacted]';
    else if (v instanceof Error) out[k] = { name: v.name, message: v.message };
    else out[k] = v;
  }
  return out;
}

/**
 * JSON lines in the data dir (one file the creator can attach to a bug report), mirrored to
 * the console at `consoleLevel` and above.
 */
export function createFileLogger(file: string, opts: { now?: () => number; consoleLevel?: LogLevel | 'silent' } = {}): Logger {
  // The log is the creator's alone (folder 0700, file 0600); looser modes left by an older
  // Loomcast are tightened, and the first lines written say so.
  const tightened: Array<Parameters<TightenReport>> = [];
  const report: TightenReport = (message, fields) => tightened.push([message, fields]);
  ensurePrivateDir(dirname(file), report);
  ensurePrivateFile(file, report);
  const now = opts.now ?? Date.now;
  const consoleLevel = opts.consoleLevel ?? 'warn';
  const log = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) => {
    const line = JSON.stringify({ at: new Date(now()).toISOString(), level, message, ...redact(fields) });
    appendFileSync(file, line + '\n', { mode: PRIVATE_FILE_MODE });
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
