/**
 * `npm run web -- …` read without side effects: every flag checked, the data folder resolved
 * (--data-dir > LOOMCAST_DATA_DIR > the folder picked in the desktop app > the OS default) and the
 * token taken from --token, --token-file or LOOMCAST_TOKEN. The file system comes in through
 * `io`, so every refusal is unit-tested; cli.ts only acts on the result.
 */
import { parseArgs } from 'node:util';
import { isPlatform, type Platform } from '../../shared/domain/platforms';
import { resolveDataDir, type DataDirSource } from '../core/data-folder';

export const USAGE = `Usage: npm run web -- [--port P] [--data-dir DIR] [--host 127.0.0.1] [--allow-remote]
                     [--token T | --token-file PATH] [--headless] [--api-base platform=url ...]
                     [--restore-latest-backup] [--import-workspace FILE] [--link-cards-on-loopback]
  --headless         run as a service: open no browser, log to stdout and the log file;
                     needs a fixed token (--token-file PATH, or LOOMCAST_TOKEN in the environment)
  --token-file PATH  read the token from PATH (readable by you only: chmod 600 PATH)
  --restore-latest-backup
                     go back to the newest backup that passes its integrity check, then start
                     (the database it replaces is kept: backed up, or renamed aside if damaged)
  --import-workspace FILE
                     unpack a workspace archive (Settings → Move to another computer) into the
                     data folder first; the folder must be new or empty
  --link-cards-on-loopback
                     read link cards from pages on this computer too (a site you test locally);
                     otherwise only public sites are read, never this computer or your network`;

export const TOKEN_HELP = 'Make one with: openssl rand -hex 32';
const TOKEN_CHARS = /^[A-Za-z0-9._~-]+$/;

export type TokenSource = 'flag' | 'file' | 'env' | 'random';

export interface HostArgs {
  port: number;
  host: string;
  allowRemote: boolean;
  /** Link cards may read pages on 127.0.0.1 / ::1 (a local test site); never private networks. */
  linkCardsOnLoopback: boolean;
  headless: boolean;
  dataDir: string;
  dataDirSource: DataDirSource;
  /** null: make a random one for this run (printed in the URL). */
  token: string | null;
  tokenSource: TokenSource;
  /** Where the token came from, for the start-up line (never the token itself). */
  tokenFrom: string | null;
  /** Said at start, beside the address: a token given where others can read it. */
  warnings: string[];
  platformBaseUrls: Partial<Record<Platform, string>>;
  /** Stage the newest good backup before the core opens the database. */
  restoreLatestBackup: boolean;
  /** A workspace archive to unpack into the (empty) data folder before starting, or null. */
  importWorkspace: string | null;
}

export interface ArgsIo {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  defaultDir: string;
  /** The pointer file in the default folder, or null. */
  pointer: () => string | null;
  exists: (path: string) => boolean;
  /** The token file's text and permission bits; throws like fs does (ENOENT, EACCES, EISDIR). */
  readTokenFile: (path: string) => { text: string; mode: number; isFile: boolean };
}

export type ParsedArgs = { ok: true; help: true } | { ok: true; help: false; args: HostArgs } | { ok: false; message: string };

const refuse = (message: string): ParsedArgs => ({ ok: false, message });

/** Said when the token comes with --token. */
export const TOKEN_ON_COMMAND_LINE =
  'the token given with --token can be read by other users of this computer in its process list (ps). Give it with --token-file PATH (chmod 600) or LOOMCAST_TOKEN instead.';

/** Why a token cannot be used, or null. `what` names where it came from. */
export function tokenProblem(token: string, what: string): string | null {
  if (token.length < 16) return `${what} must be at least 16 characters. ${TOKEN_HELP}`;
  if (!TOKEN_CHARS.test(token)) return `${what} may only use letters, digits and - _ . ~ (it goes into the address you open). ${TOKEN_HELP}`;
  return null;
}

function tokenFromFile(path: string, io: ArgsIo): { token: string } | { problem: string } {
  let file;
  try {
    file = io.readTokenFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { problem: `the token file ${path} does not exist. ${TOKEN_HELP} > ${path} && chmod 600 ${path}` };
    if (code === 'EACCES') return { problem: `the token file ${path} cannot be read by this user (${code}). Loomcast must run as the user who owns it.` };
    if (code === 'EISDIR') return { problem: `${path} is a folder; --token-file takes the file that holds the token.` };
    return { problem: `the token file ${path} could not be read: ${(err as Error).message}` };
  }
  if (!file.isFile) return { problem: `${path} is not a regular file; --token-file takes the file that holds the token.` };
  // Windows has no POSIX modes; the user profile's ACLs apply there.
  if (io.platform !== 'win32' && (file.mode & 0o077) !== 0) {
    const mode = `0${(file.mode & 0o777).toString(8)}`;
    return { problem: `the token file ${path} can be read by other users (mode ${mode}), so they could use your Loomcast. Make it yours alone: chmod 600 ${path}` };
  }
  const token = file.text.trim();
  if (token === '') return { problem: `the token file ${path} is empty. ${TOKEN_HELP} > ${path}` };
  const problem = tokenProblem(token, `the token in ${path}`);
  return problem ? { problem } : { token };
}

export function parseHostArgs(argv: string[], io: ArgsIo): ParsedArgs {
  let v;
  try {
    v = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '4917' },
        'data-dir': { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        'allow-remote': { type: 'boolean', default: false },
        'link-cards-on-loopback': { type: 'boolean', default: false },
        token: { type: 'string' },
        'token-file': { type: 'string' },
        headless: { type: 'boolean', default: false },
        // platform=url, repeatable: point a platform's API at another server (self-hosted, tests).
        'api-base': { type: 'string', multiple: true, default: [] },
        'restore-latest-backup': { type: 'boolean', default: false },
        'import-workspace': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    return refuse(`${(err as Error).message}\n${USAGE}`);
  }
  if (v.help) return { ok: true, help: true };

  const port = Number(v.port);
  if (!/^\d+$/.test(v.port) || !Number.isInteger(port) || port < 0 || port > 65535) return refuse(`--port must be a number from 0 to 65535, not "${v.port}"`);

  const platformBaseUrls: Partial<Record<Platform, string>> = {};
  for (const pair of v['api-base']) {
    const eq = pair.indexOf('=');
    const [platform, url] = [pair.slice(0, eq), pair.slice(eq + 1)];
    if (eq < 1 || !isPlatform(platform) || !/^https?:\/\//.test(url)) return refuse(`--api-base takes platform=url, e.g. mastodon=http://127.0.0.1:3000, not "${pair}"`);
    platformBaseUrls[platform] = url;
  }

  if (v.token !== undefined && v['token-file'] !== undefined) return refuse('give the token one way: --token or --token-file, not both.');
  let token: string | null = null;
  let tokenSource: TokenSource = 'random';
  let tokenFrom: string | null = null;
  if (v.token !== undefined) {
    const problem = tokenProblem(v.token, '--token');
    if (problem) return refuse(problem);
    [token, tokenSource, tokenFrom] = [v.token, 'flag', '--token'];
  } else if (v['token-file'] !== undefined) {
    const read = tokenFromFile(v['token-file'], io);
    if ('problem' in read) return refuse(read.problem);
    [token, tokenSource, tokenFrom] = [read.token, 'file', v['token-file']];
  } else if (io.env.LOOMCAST_TOKEN !== undefined) {
    const problem = tokenProblem(io.env.LOOMCAST_TOKEN.trim(), 'LOOMCAST_TOKEN');
    if (problem) return refuse(problem);
    [token, tokenSource, tokenFrom] = [io.env.LOOMCAST_TOKEN.trim(), 'env', 'LOOMCAST_TOKEN'];
  }
  if (v.headless && token === null) {
    return refuse(`--headless needs a fixed token, so the address you open keeps working after a restart: --token-file PATH (chmod 600) or LOOMCAST_TOKEN in the environment. ${TOKEN_HELP}`);
  }

  // A command line is readable by every user of the machine (ps, /proc/<pid>/cmdline).
  const warnings = tokenSource === 'flag' ? [TOKEN_ON_COMMAND_LINE] : [];

  const where = resolveDataDir({ flag: v['data-dir'], env: io.env, pointer: io.pointer(), defaultDir: io.defaultDir, exists: io.exists });
  if (where.missing) return refuse(`the data folder picked in the desktop app, ${where.dir}, is not there (a drive not connected?). Connect it, or pass --data-dir.`);

  return {
    ok: true,
    help: false,
    args: { port, host: v.host, allowRemote: v['allow-remote'], linkCardsOnLoopback: v['link-cards-on-loopback'], headless: v.headless, dataDir: where.dir, dataDirSource: where.source, token, tokenSource, tokenFrom, warnings, platformBaseUrls, restoreLatestBackup: v['restore-latest-backup'], importWorkspace: v['import-workspace'] ?? null },
  };
}
