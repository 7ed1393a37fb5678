import { join } from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { BUILDER_ARCH, fuseConfig, resourcesDir } from '../../scripts/lib/fuses.mjs';

describe('Electron fuses of the packaged app', () => {
  const config = fuseConfig({ platform: 'linux', arch: 'x64' });

  it('turns off the ways to run other code in the app: RunAsNode, NODE_OPTIONS, --inspect', () => {
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
  });

  it('turns on cookie encryption, asar integrity and loading the app only from app.asar', () => {
    expect(config[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
  });

  it('sets every fuse @electron/fuses knows, so none keeps a default by accident', () => {
    expect(config.version).toBe(FuseVersion.V1);
    const known = Object.values(FuseV1Options).filter((v): v is FuseV1Options => typeof v === 'number');
    for (const fuse of known) expect(typeof config[fuse], FuseV1Options[fuse]).toBe('boolean');
    expect(config[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('re-signs ad hoc only where flipping breaks a required signature: arm64 macOS', () => {
    expect(fuseConfig({ platform: 'darwin', arch: 'arm64' }).resetAdHocDarwinSignature).toBe(true);
    for (const target of [{ platform: 'darwin', arch: 'x64' }, { platform: 'win32', arch: 'x64' }, { platform: 'linux', arch: 'arm64' }]) {
      expect(fuseConfig(target).resetAdHocDarwinSignature).toBe(false);
    }
  });

  it("finds the resources folder of each platform's package, and reads electron-builder's arch numbers", () => {
    expect(resourcesDir({ platform: 'darwin', appOutDir: '/out/mac-arm64', productFilename: 'Loomcast' })).toBe(join('/out/mac-arm64', 'Loomcast.app', 'Contents', 'Resources'));
    expect(resourcesDir({ platform: 'win32', appOutDir: '/out/win-unpacked', productFilename: 'Loomcast' })).toBe(join('/out/win-unpacked', 'resources'));
    expect(resourcesDir({ platform: 'linux', appOutDir: '/out/linux-unpacked', productFilename: 'Loomcast' })).toBe(join('/out/linux-unpacked', 'resources'));
    expect([0, 1, 2, 3, 4].map((n) => BUILDER_ARCH[n])).toEqual(['ia32', 'x64', 'armv7l', 'arm64', 'universal']);
  });
});
