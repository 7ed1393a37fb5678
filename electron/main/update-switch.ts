/**
 * Whether the packaged app looks for updates. Plain Node (no Electron), unit-tested.
 *
 * electron-builder writes resources/app-update.yml only when electron-builder.yml names a
 * `publish` provider; ours says `publish: null` until Loomcast has a release feed, so update
 * checks stay off rather than failing against a feed that does not exist.
 */
export const UPDATES_ENV = 'LOOMCAST_UPDATES';
/** How often a running app checks again (it also checks once at start). */
export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

export interface UpdateSwitchInput {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** process.resourcesPath/app-update.yml exists (a publish provider was configured). */
  feedConfigured: boolean;
}

export type UpdateSwitch = { check: true } | { check: false; reason: string };

export function updateSwitch({ isPackaged, platform, env, feedConfigured }: UpdateSwitchInput): UpdateSwitch {
  if (!isPackaged) return { check: false, reason: 'a development run is updated with git, not by the app' };
  if (env[UPDATES_ENV] === 'off') return { check: false, reason: `turned off with ${UPDATES_ENV}=off` };
  if (!feedConfigured) return { check: false, reason: 'no update feed is configured (electron-builder.yml has no publish provider)' };
  // electron-updater can replace an AppImage (which sets APPIMAGE), not a deb's files.
  if (platform === 'linux' && !env.APPIMAGE) return { check: false, reason: 'installed from a package: updates come from the package manager' };
  return { check: true };
}
