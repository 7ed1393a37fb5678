import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { PublishingStatusDto } from '../../shared/contract/features/publishing';
import type { AccountDto, SettingsDto } from '../../shared/contract';
import { dateFormat } from '../../shared/domain/datetime-format';
import type { Core } from '../core';
import type { Logger, Notifier } from '../core/deps';
import { trayIconFile } from './paths';
import { trayState, type TrayAction, type TrayState, type TrayVariant } from './tray-model';

export interface TrayOptions {
  core: Pick<Core, 'dispatch' | 'subscribe'>;
  log: Logger;
  notifier: Notifier;
  open(): void;
  newPost(): void;
  /** Opens Accounts: the fix when no account can post. */
  accounts(): void;
  quit(): void;
}

const FAILED: Partial<Record<TrayAction, string>> = {
  pause: 'Publishing could not be paused',
  resume: 'Publishing could not be resumed',
  publishNext: 'The next post could not be published',
};

/**
 * Loomcast lives in the tray so the scheduler keeps publishing with the window closed. The
 * icon, tooltip and menu come from tray-model.ts (pure, tested) and follow the core's
 * publishing:changed and settings:changed events.
 */
export function createTray(o: TrayOptions): { tray: Tray; destroy(): void } {
  const images = new Map<TrayVariant, NativeImage>();
  const image = (variant: TrayVariant): NativeImage => {
    let icon = images.get(variant);
    if (!icon) {
      const file = trayIconFile(process.platform, variant);
      icon = nativeImage.createFromPath(file);
      if (icon.isEmpty()) o.log.warn('tray icon not found', { file });
      if (process.platform === 'darwin') icon.setTemplateImage(true);
      images.set(variant, icon);
    }
    return icon;
  };

  let status: PublishingStatusDto | null = null;
  let settings: SettingsDto | null = null;
  let accounts: AccountDto[] | null = null;
  let shown: TrayState | null = null;
  const tray = new Tray(image('publishing'));

  async function act(action: TrayAction, state: TrayState): Promise<void> {
    if (action === 'open') return o.open();
    if (action === 'newPost') return o.newPost();
    if (action === 'accounts') return o.accounts();
    if (action === 'quit') return o.quit();
    const r =
      action === 'publishNext'
        ? await o.core.dispatch('publishing:publishNext', state.nextPostId ? { postId: state.nextPostId } : {})
        : await o.core.dispatch(action === 'pause' ? 'publishing:pause' : 'publishing:resume', {});
    if (!r.ok) {
      o.log.warn('a tray action was refused', { action, code: r.error.code });
      o.notifier.notify({ title: FAILED[action] ?? 'That did not work', body: r.error.message });
    } else if (action === 'publishNext' && state.nextPostId) {
      o.notifier.notify({ title: 'Publishing the next post now', body: 'You will be told if it does not go out.', subject: { kind: 'post', id: state.nextPostId } });
    }
  }

  function render(): void {
    const state = trayState({ status, accounts, zone: settings?.timeZone ?? 'UTC', format: dateFormat({ locale: settings?.locale ?? 'en-US', timeFormat: settings?.timeFormat ?? 'system' }) });
    if (tray.isDestroyed()) return;
    if (shown?.variant !== state.variant) tray.setImage(image(state.variant));
    if (shown?.tooltip !== state.tooltip) tray.setToolTip(state.tooltip);
    const template = state.menu.map((item): MenuItemConstructorOptions => {
      if (item.type === 'separator') return { type: 'separator' };
      const { action, ...rest } = item;
      return action ? { ...rest, click: () => void act(action, state).catch((err: unknown) => o.log.error('a tray action failed', { action, error: err as Error })) } : rest;
    });
    tray.setContextMenu(Menu.buildFromTemplate(template));
    shown = state;
  }

  async function load(): Promise<void> {
    const [s, p, a] = await Promise.all([o.core.dispatch('settings:get', {}), o.core.dispatch('publishing:status', {}), o.core.dispatch('accounts:list', {})]);
    if (s.ok) settings = s.value as SettingsDto;
    if (a.ok) accounts = a.value as AccountDto[];
    if (p.ok) status = p.value as PublishingStatusDto;
    else o.log.warn('the tray could not read the publishing status', { code: p.error.code });
    render();
  }

  // Whether any account can post: read again when one changes (a reopened core announces its
  // accounts too), not with every status (a publishing burst pushes one per batch).
  async function loadAccounts(): Promise<void> {
    const a = await o.core.dispatch('accounts:list', {});
    if (!a.ok) return o.log.warn('the tray could not read the accounts', { code: a.error.code });
    accounts = a.value as AccountDto[];
    render();
  }
  const reloadAccounts = () => void loadAccounts().catch((err: unknown) => o.log.error('the tray could not read the accounts', { error: err as Error }));

  const unsubscribe = o.core.subscribe((event, payload) => {
    if (event === 'accounts:changed') return reloadAccounts();
    if (event === 'publishing:changed') status = payload as PublishingStatusDto;
    else if (event === 'settings:changed') settings = payload as SettingsDto;
    else return;
    render();
  });

  render();
  void load().catch((err: unknown) => o.log.error('the tray could not load its state', { error: err as Error }));
  // Windows and most Linux panels: a left click opens the window (macOS shows the menu).
  tray.on('click', () => o.open());

  return {
    tray,
    destroy() {
      unsubscribe();
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
