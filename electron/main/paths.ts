import { join } from 'node:path';
import { app } from 'electron';
import type { TrayVariant } from './tray-model';

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

const VARIANT_NAME: Record<TrayVariant, string> = { publishing: '', paused: 'Paused', attention: 'Attention' };

/**
 * The tray icon of a state (tray-model.ts decides which). macOS tints black template images for light and dark menu bars; the others get colour.
 * Every variant exists in all four files (resources/generate-icons.mjs draws them).
 */
export function trayIconFile(platform: NodeJS.Platform = process.platform, variant: TrayVariant = 'publishing'): string {
  const name = `tray${VARIANT_NAME[variant]}`;
  if (platform === 'darwin') return resourceFile(`${name}Template.png`);
  // Linux panels draw tray icons at 22–24 px: start from the 32 px one rather than upscale 16.
  if (platform === 'linux') return resourceFile(`${name}@2x.png`);
  return resourceFile(`${name}.png`);
}

/** The window icon (Linux and Windows title bars and task switchers). */
export function windowIconFile(): string {
  return resourceFile('icon.png');
}
