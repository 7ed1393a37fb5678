import { StoreRefusedError } from '../core/store/errors';

export interface StartupProblem {
  title: string;
  message: string;
}

/**
 * What to tell the creator when Loomcast cannot start. Plain Node (testable without Electron).
 * A refused database keeps its own message, written for them; a native module built for
 * Node rather than Electron (the usual way a fresh development checkout fails) says how to
 * fix it; anything else says where the log is.
 */
export function describeStartupError(err: unknown, logFile: string): StartupProblem {
  if (err instanceof StoreRefusedError) return { title: 'Loomcast cannot open its data', message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message)) {
    return {
      title: 'Loomcast could not load its database engine',
      message:
        'better-sqlite3 was built for Node.js, not for this Electron. In a development checkout, run ' +
        '`npx @electron/rebuild -f -w better-sqlite3` (and `npm rebuild better-sqlite3` before running the tests again); ' +
        `packaged builds must be rebuilt for Electron before packing.\n\n${message}`,
    };
  }
  return { title: 'Loomcast could not start', message: `${message}\n\nDetails are in ${logFile}` };
}
