import { StoreRefusedError } from '../core/store/errors';

export interface StartupProblem {
  title: string;
  message: string;
}

/**
 * There is no better-sqlite3 build for this Electron (see electron/main/sqlite-binding.ts);
 * the message is the one line from scripts/lib/electron-sqlite.mjs that says why.
 */
export class SqliteEngineMissingError extends Error {
  constructor(line: string) {
    super(line);
    this.name = 'SqliteEngineMissingError';
  }
}

const ENGINE_TITLE = 'Loomcast could not load its database engine';

/**
 * What to tell the creator when Loomcast cannot start. Plain Node (testable without Electron).
 * A refused database keeps its own message, written for them; a missing or mismatched Electron
 * build of SQLite says how `npm start` gets one; anything else says where the log is.
 */
export function describeStartupError(err: unknown, logFile: string): StartupProblem {
  if (err instanceof StoreRefusedError) return { title: 'Loomcast cannot open its data', message: err.message };
  if (err instanceof SqliteEngineMissingError) return { title: ENGINE_TITLE, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message)) {
    return {
      title: ENGINE_TITLE,
      message:
        'Loomcast: the SQLite engine it loaded was built for another Node.js or Electron version. Start Loomcast with ' +
        '`npm start`, which fetches or builds the one for this Electron, or use browser mode instead: npm run web' +
        `\n\n${message}`,
    };
  }
  return { title: 'Loomcast could not start', message: `${message}\n\nDetails are in ${logFile}` };
}
