/**
 * Launch at login, decided without Electron: which OS mechanism applies, where Linux's XDG
 * autostart entry lives, what it says, and what state it describes. The adapter (./index.ts)
 * only reads and writes what this module decides, so everything here is unit-tested.
 */
import { isAbsolute, join } from 'node:path';

/** The desktop id (and so the file name) the packaged app's own desktop entry uses. */
export const DESKTOP_ID = 'app.loomcast.desktop';
export const AUTOSTART_FILE = `${DESKTOP_ID}.desktop`;
/** Started at login: into the tray, without opening the window. */
export const HIDDEN_ARG = '--hidden';

/** macOS and Windows keep login items themselves; Linux desktops read XDG autostart entries. */
export type LoginItemMethod = 'login-item' | 'autostart-file' | 'unsupported';

export function loginItemMethod(platform: NodeJS.Platform): LoginItemMethod {
  if (platform === 'darwin' || platform === 'win32') return 'login-item';
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') return 'autostart-file';
  return 'unsupported';
}

/** `$XDG_CONFIG_HOME/autostart/…`, or `~/.config/autostart/…` (a relative XDG_CONFIG_HOME is invalid per the spec and ignored). */
export function autostartPath(env: NodeJS.ProcessEnv, home: string): string {
  const xdg = env.XDG_CONFIG_HOME;
  const config = xdg && isAbsolute(xdg) ? xdg : join(home, '.config');
  return join(config, 'autostart', AUTOSTART_FILE);
}

export interface LaunchTarget {
  /** The program to run. */
  exec: string;
  /** Its arguments, `--hidden` last. */
  args: string[];
}

/**
 * What starts Loomcast: the AppImage itself when running from one (process.execPath points
 * into its temporary mount, gone after this run), else the installed executable; a development
 * run (not packaged) also names the app folder, as `electron .` does.
 */
export function launchTarget(o: { appImage: string | undefined; execPath: string; isPackaged: boolean; appPath: string }): LaunchTarget {
  if (o.appImage) return { exec: o.appImage, args: [HIDDEN_ARG] };
  return { exec: o.execPath, args: o.isPackaged ? [HIDDEN_ARG] : [o.appPath, HIDDEN_ARG] };
}

/**
 * One Exec argument as the Desktop Entry spec wants it: quoted when it holds a reserved
 * character, with `"`, `` ` ``, `$` and `\` escaped inside the quotes; `%` doubled (field codes);
 * then the string-value escape doubles every backslash once more.
 */
export function quoteExecArg(arg: string): string {
  const percent = arg.replace(/%/g, '%%');
  const quoted = /[\s"'\\><~|&;$*?#()`]/.test(percent) || percent === '' ? `"${percent.replace(/(["`$\\])/g, '\\$1')}"` : percent;
  return quoted.replace(/\\/g, '\\\\');
}

export function execLine(t: LaunchTarget): string {
  return [t.exec, ...t.args].map(quoteExecArg).join(' ');
}

/** The autostart entry's text. One line per key; nothing else in it varies. */
export function autostartEntry(t: LaunchTarget): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Loomcast',
    'Comment=Keeps your scheduled posts publishing from the tray',
    `Exec=${execLine(t)}`,
    `Icon=${DESKTOP_ID}`,
    'Terminal=false',
    'StartupNotify=false',
    'NoDisplay=false',
    'Hidden=false',
    'X-GNOME-Autostart-enabled=true',
    'X-GNOME-Autostart-Delay=5',
    'X-KDE-autostart-after=panel',
    '',
  ].join('\n');
}

export interface AutostartState {
  /** The desktop will start Loomcast at login. */
  enabled: boolean;
  /** Enabled, but the entry starts another copy or path of Loomcast (an AppImage moved since): rewriting it fixes that. */
  stale: boolean;
}

/** Reads an entry's keys (of its [Desktop Entry] group only). */
function entryKeys(text: string): Map<string, string> {
  const keys = new Map<string, string>();
  let inGroup = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inGroup = line === '[Desktop Entry]';
      continue;
    }
    if (!inGroup || line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq > 0) keys.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return keys;
}

/**
 * What an autostart file on disk means, read back rather than remembered: no file, or one the
 * creator (or their desktop's settings) marked Hidden or disabled, starts nothing.
 */
export function readAutostartState(text: string | null, expected: LaunchTarget): AutostartState {
  if (text === null) return { enabled: false, stale: false };
  const keys = entryKeys(text);
  const off = keys.get('Hidden') === 'true' || keys.get('X-GNOME-Autostart-enabled') === 'false' || !keys.has('Exec');
  if (off) return { enabled: false, stale: false };
  return { enabled: true, stale: keys.get('Exec') !== execLine(expected) };
}

/** What setLoginItemSettings is given on macOS and Windows. */
export function loginItemOptions(enabled: boolean, platform: NodeJS.Platform, execPath: string): { openAtLogin: boolean; path?: string; args?: string[] } {
  // Windows starts the executable with these arguments; macOS has no arguments and says instead
  // that it opened the app at login (wasOpenedAtLogin).
  if (platform === 'win32') return { openAtLogin: enabled, path: execPath, args: [HIDDEN_ARG] };
  return { openAtLogin: enabled };
}

/** Start in the tray without showing the window: asked for on the command line, or opened by macOS at login. */
export function startsHidden(argv: readonly string[], wasOpenedAtLogin = false): boolean {
  return argv.includes(HIDDEN_ARG) || wasOpenedAtLogin;
}
