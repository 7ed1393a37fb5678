/**
 * Electron fuses for the packaged app, flipped in the binary by scripts/after-pack.mjs (before
 * electron-builder signs it). Pure data, unit-tested. Every fuse @electron/fuses 1.8.0 knows is
 * set explicitly, so none keeps a default by accident; a newer Electron's extra fuses keep
 * theirs (strictlyRequireAllFuses would refuse a wire longer than this list).
 */
import { join } from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';

export function fuseConfig({ platform, arch }) {
  return {
    version: FuseVersion.V1,
    // Flipping a fuse edits the binary, which breaks the ad hoc signature every arm64 macOS
    // binary must carry; re-sign it ad hoc (a real identity re-signs it afterwards anyway).
    resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64',
    // ELECTRON_RUN_AS_NODE would turn Loomcast into a plain Node that runs any script with
    // the creator's keychain access and its code signature.
    [FuseV1Options.RunAsNode]: false,
    // Cookies (the session of any web sign-in) encrypted with a key kept in the OS keychain.
    [FuseV1Options.EnableCookieEncryption]: true,
    // NODE_OPTIONS could preload code (--require) into the app.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    // --inspect would let any local process attach a debugger to the main process.
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // app.asar is checked against the hash electron-builder embeds (macOS Info.plist, Windows
    // resource); Linux has no such check yet, the fuse is harmless there.
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    // Only app.asar (integrity-checked) may hold the app: no loose app/ folder beside it.
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // One V8 snapshot for every process, Electron's default.
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    // The window loads app:// (electron/main/app-protocol.ts); file:// pages get no extra rights.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/** Where electron-builder put the app's resources (the folder holding app.asar). */
export function resourcesDir({ platform, appOutDir, productFilename }) {
  if (platform === 'darwin' || platform === 'mas') return join(appOutDir, `${productFilename}.app`, 'Contents', 'Resources');
  return join(appOutDir, 'resources');
}

/** electron-builder's Arch enum (builder-util) as Node's process.arch names. */
export const BUILDER_ARCH = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };
