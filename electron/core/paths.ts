import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Electron keeps `userData` for an app named Loomcast, so the desktop app and browser
 * mode open the same database by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Loomcast');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Loomcast');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Loomcast');
}
