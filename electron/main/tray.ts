import { Menu, nativeImage, Tray } from 'electron';
import type { Logger } from '../core/deps';
import { trayIconFile } from './paths';

export interface TrayActions {
  open(): void;
  newPost(): void;
  quit(): void;
}

/**
 * Loomcast lives in the tray so the scheduler keeps publishing with the window closed. The
 * menu is the way back in, and the only way to stop it short of the OS.
 */
export function createTray(actions: TrayActions, log: Logger): Tray {
  const file = trayIconFile();
  const icon = nativeImage.createFromPath(file);
  if (icon.isEmpty()) log.warn('tray icon not found', { file });
  if (process.platform === 'darwin') icon.setTemplateImage(true);

  const tray = new Tray(icon);
  tray.setToolTip('Loomcast');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Loomcast', click: () => actions.open() },
      { label: 'New post', click: () => actions.newPost() },
      { type: 'separator' },
      { label: 'Quit', click: () => actions.quit() },
    ]),
  );
  // Windows and most Linux panels: a left click opens the window (macOS shows the menu).
  tray.on('click', () => actions.open());
  return tray;
}
