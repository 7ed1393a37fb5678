import { describe, expect, it } from 'vitest';
import { autostartEntry, autostartPath, execLine, launchTarget, loginItemMethod, loginItemOptions, quoteExecArg, readAutostartState, startsHidden } from '../../electron/main/login-item/plan';

describe('which mechanism starts Loomcast at login', () => {
  it.each([
    ['darwin', 'login-item'],
    ['win32', 'login-item'],
    ['linux', 'autostart-file'],
    ['freebsd', 'autostart-file'],
    ['aix', 'unsupported'],
  ] as const)('%s uses %s', (platform, method) => {
    expect(loginItemMethod(platform)).toBe(method);
  });

  it('Windows is given the executable and --hidden; macOS only the switch (it reports wasOpenedAtLogin instead)', () => {
    expect(loginItemOptions(true, 'win32', 'C:\\Program Files\\Loomcast\\Loomcast.exe')).toEqual({ openAtLogin: true, path: 'C:\\Program Files\\Loomcast\\Loomcast.exe', args: ['--hidden'] });
    expect(loginItemOptions(false, 'darwin', '/Applications/Loomcast.app/Contents/MacOS/Loomcast')).toEqual({ openAtLogin: false });
  });

  it('starts hidden with --hidden, or when macOS opened it at login; a plain start shows the window', () => {
    expect(startsHidden(['/opt/Loomcast/loomcast', '--hidden'])).toBe(true);
    expect(startsHidden(['/Applications/Loomcast.app/Contents/MacOS/Loomcast'], true)).toBe(true);
    expect(startsHidden(['/opt/Loomcast/loomcast', '--no-sandbox'])).toBe(false);
  });
});

describe('the XDG autostart entry', () => {
  it('lives in $XDG_CONFIG_HOME/autostart, or ~/.config/autostart when that is unset or not absolute', () => {
    expect(autostartPath({ XDG_CONFIG_HOME: '/home/ana/.cfg' }, '/home/ana')).toBe('/home/ana/.cfg/autostart/app.loomcast.desktop.desktop');
    expect(autostartPath({}, '/home/ana')).toBe('/home/ana/.config/autostart/app.loomcast.desktop.desktop');
    expect(autostartPath({ XDG_CONFIG_HOME: 'relative/cfg' }, '/home/ana')).toBe('/home/ana/.config/autostart/app.loomcast.desktop.desktop');
  });

  it('starts the AppImage itself (not its temporary mount), else the installed executable; a development run names the app folder', () => {
    expect(launchTarget({ appImage: '/home/ana/Apps/Loomcast.AppImage', execPath: '/tmp/.mount_Loomc/loomcast', isPackaged: true, appPath: '/tmp/.mount_Loomc/resources/app.asar' })).toEqual({ exec: '/home/ana/Apps/Loomcast.AppImage', args: ['--hidden'] });
    expect(launchTarget({ appImage: undefined, execPath: '/opt/Loomcast/loomcast', isPackaged: true, appPath: '/opt/Loomcast/resources/app.asar' })).toEqual({ exec: '/opt/Loomcast/loomcast', args: ['--hidden'] });
    expect(launchTarget({ appImage: undefined, execPath: '/src/node_modules/electron/dist/electron', isPackaged: false, appPath: '/src' })).toEqual({ exec: '/src/node_modules/electron/dist/electron', args: ['/src', '--hidden'] });
  });

  it('quotes Exec arguments the way the Desktop Entry spec asks', () => {
    expect(quoteExecArg('/opt/Loomcast/loomcast')).toBe('/opt/Loomcast/loomcast');
    expect(quoteExecArg('/home/ana/My Apps/Loomcast.AppImage')).toBe('"/home/ana/My Apps/Loomcast.AppImage"');
    expect(quoteExecArg('/home/ana/100%/a$b')).toBe('"/home/ana/100%%/a\\\\$b"');
    expect(quoteExecArg('/x/back\\slash')).toBe('"/x/back\\\\\\\\slash"');
    expect(execLine({ exec: '/home/ana/My Apps/Loomcast.AppImage', args: ['--hidden'] })).toBe('"/home/ana/My Apps/Loomcast.AppImage" --hidden');
  });

  it('is a complete entry that starts Loomcast hidden in the tray', () => {
    const text = autostartEntry({ exec: '/home/ana/Apps/Loomcast.AppImage', args: ['--hidden'] });
    expect(text.split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Version=1.0',
      'Name=Loomcast',
      'Comment=Keeps your scheduled posts publishing from the tray',
      'Exec=/home/ana/Apps/Loomcast.AppImage --hidden',
      'Icon=app.loomcast.desktop',
      'Terminal=false',
      'StartupNotify=false',
      'NoDisplay=false',
      'Hidden=false',
      'X-GNOME-Autostart-enabled=true',
      'X-GNOME-Autostart-Delay=5',
      'X-KDE-autostart-after=panel',
      '',
    ]);
  });

  it('its state is read back from the file: none, ours, switched off by the desktop, or pointing at a moved AppImage', () => {
    const target = { exec: '/home/ana/Apps/Loomcast.AppImage', args: ['--hidden'] };
    expect(readAutostartState(null, target)).toEqual({ enabled: false, stale: false });
    expect(readAutostartState(autostartEntry(target), target)).toEqual({ enabled: true, stale: false });
    expect(readAutostartState(autostartEntry(target).replace('Hidden=false', 'Hidden=true'), target)).toEqual({ enabled: false, stale: false });
    expect(readAutostartState(autostartEntry(target).replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'), target)).toEqual({ enabled: false, stale: false });
    expect(readAutostartState(autostartEntry({ exec: '/home/ana/Downloads/Loomcast.AppImage', args: ['--hidden'] }), target)).toEqual({ enabled: true, stale: true });
    // Keys of another group do not count.
    expect(readAutostartState('[Desktop Action x]\nExec=foo\n', target)).toEqual({ enabled: false, stale: false });
  });
});
