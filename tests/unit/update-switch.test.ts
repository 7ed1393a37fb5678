import { describe, expect, it } from 'vitest';
import { updateSwitch } from '../../electron/main/update-switch';

const PACKAGED = { isPackaged: true, platform: 'win32' as NodeJS.Platform, env: {}, feedConfigured: true };

describe('whether the app checks for updates', () => {
  it('checks in a packaged app with a configured feed', () => {
    expect(updateSwitch(PACKAGED)).toEqual({ check: true });
    expect(updateSwitch({ ...PACKAGED, platform: 'darwin' })).toEqual({ check: true });
    expect(updateSwitch({ ...PACKAGED, platform: 'linux', env: { APPIMAGE: '/home/me/Loomcast.AppImage' } })).toEqual({ check: true });
  });

  it('stays off until electron-builder.yml names a publish provider', () => {
    expect(updateSwitch({ ...PACKAGED, feedConfigured: false })).toEqual({ check: false, reason: expect.stringMatching(/no update feed is configured/) });
  });

  it('stays off in a development run', () => {
    expect(updateSwitch({ ...PACKAGED, isPackaged: false })).toEqual({ check: false, reason: expect.stringMatching(/development run/) });
  });

  it('can be turned off with LOOMCAST_UPDATES=off, and only with that value', () => {
    expect(updateSwitch({ ...PACKAGED, env: { LOOMCAST_UPDATES: 'off' } }).check).toBe(false);
    expect(updateSwitch({ ...PACKAGED, env: { LOOMCAST_UPDATES: 'on' } }).check).toBe(true);
  });

  it('leaves a deb install to the package manager (only an AppImage can replace itself)', () => {
    expect(updateSwitch({ ...PACKAGED, platform: 'linux' })).toEqual({ check: false, reason: expect.stringMatching(/package manager/) });
  });
});
