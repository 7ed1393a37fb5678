import { join } from 'node:path';
import { app } from 'electron';

/** out/main/index.js sits next to out/preload and out/renderer, in the repo and in app.asar. */
export const PRELOAD_FILE = join(__dirname, '../preload/index.js');
export const RENDERER_DIR = join(__dirname, '../renderer');

/**
 * A file from resources/: the repo folder in a development run, `process.resourcesPath` once
 * packaged (electron-builder.yml copies the tray and window icons there as extraResources,
 * outside app.asar, because the OS tray APIs want real files).
 */
export function resourceFile(name: string): string {
  return app.isPackaged ? join(process.resourcesPath, name) : join(app.getAppPath(), 'resources', name);
}

/** macOS tints black template images for light and dark menu bars; the others get colour. */
export function trayIconFile(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return resourceFile('trayTemplate.png');
  // Linux panels draw tray icons at 22–24 px: start from the 32 px one rather than upscale 16.
  if (platform === 'linux') return resourceFile('tray@2x.png');
  return resourceFile('tray.png');
}

/** The window icon (Linux and Windows title bars and task switchers). */
export function windowIconFile(): string {
  return resourceFile('icon.png');
}
