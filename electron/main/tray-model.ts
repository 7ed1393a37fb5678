/**
 * What the tray shows, as plain data: the icon's state, the tooltip and the menu, from the core's
 * publishing status. No Electron here (tray.ts turns this into a Tray and a Menu), so every
 * word and every disabled item is unit-tested.
 */
import type { PublishingStatusDto } from '../../shared/contract/features/publishing';
import type { DateFormat } from '../../shared/domain/datetime-format';
import { PLATFORM_NAMES } from '../../shared/domain/platforms';

export type TrayVariant = 'publishing' | 'paused' | 'attention';
export type TrayAction = 'open' | 'newPost' | 'pause' | 'resume' | 'publishNext' | 'quit';

/** One line of the menu; the same shape as Electron's template, without the click handlers. */
export type TrayMenuItem =
  | { type: 'separator' }
  | {
      type: 'normal';
      label: string;
      enabled: boolean;
      /** What a click does; absent on lines that only inform. */
      action?: TrayAction;
      /** Why the item is disabled (shown on hover where the OS supports it, and in the label). */
      toolTip?: string;
    };

export interface TrayState {
  variant: TrayVariant;
  tooltip: string;
  menu: TrayMenuItem[];
  /** The post "Publish next post now" sends, so a click never sends one the menu did not name. */
  nextPostId: string | null;
}

export interface TrayInput {
  /** null until the core answers (starting) or when it could not. */
  status: PublishingStatusDto | null;
  /** The creator's zone and date format (Settings), as the window shows times. */
  zone: string;
  format: DateFormat;
}

/** Windows cuts tray tooltips at 127 characters. */
export const TOOLTIP_MAX = 127;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const needAttention = (n: number) => `${n} ${n === 1 ? 'needs' : 'need'} attention`;

/** Paused matters most (nothing goes out at all), then anything waiting on the creator. */
export function trayVariant(status: PublishingStatusDto | null): TrayVariant {
  if (!status) return 'publishing';
  if (status.paused) return 'paused';
  return status.attention.total > 0 ? 'attention' : 'publishing';
}

/** "Mon 7 Dec, 14:30 to Mastodon and X" */
function nextLine(status: PublishingStatusDto, zone: string, format: DateFormat): string | null {
  if (!status.next) return null;
  const when = format.dayTime(Date.parse(status.next.at), zone);
  const platforms = [...new Set(status.next.accounts.map((a) => PLATFORM_NAMES[a.platform]))];
  const to = platforms.length === 0 ? '' : platforms.length === 1 ? ` to ${platforms[0]}` : ` to ${platforms.slice(0, -1).join(', ')} and ${platforms.at(-1)}`;
  return `${when}${to}`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function trayTooltip({ status, zone, format }: TrayInput): string {
  if (!status) return 'Loomcast';
  const head = status.paused ? 'Loomcast: publishing paused' : 'Loomcast: publishing on';
  const lines = [status.attention.total > 0 ? `${head} · ${needAttention(status.attention.total)}` : head];
  const next = nextLine(status, zone, format);
  lines.push(next ? `Next post ${next}` : 'No post scheduled');
  lines.push(`${plural(status.queued, 'post copy', 'post copies')} queued`);
  return clip(lines.join('\n'), TOOLTIP_MAX);
}

/** Why "Publish next post now" cannot be used; null when it can. */
export function publishNextBlocked(status: PublishingStatusDto | null): string | null {
  if (!status) return 'Loomcast is still starting';
  if (status.paused) return 'Publishing is paused';
  if (!status.next) return 'Nothing is scheduled';
  return null;
}

export function trayMenu({ status, zone, format }: TrayInput): TrayMenuItem[] {
  const info = (label: string): TrayMenuItem => ({ type: 'normal', label, enabled: false });
  const menu: TrayMenuItem[] = [];
  if (status) {
    menu.push(info(status.paused ? 'Publishing paused' : 'Publishing on'));
    const next = nextLine(status, zone, format);
    if (next) menu.push(info(clip(`Next: ${next}`, 60)), info(clip(`“${status.next!.excerpt}”`, 60)));
    else menu.push(info('No post scheduled'));
    const counts = [`${plural(status.queued, 'copy', 'copies')} queued`];
    if (status.attention.total > 0) counts.push(needAttention(status.attention.total));
    menu.push(info(counts.join(' · ')));
  } else {
    menu.push(info('Loomcast is starting…'));
  }
  menu.push({ type: 'separator' });
  menu.push({ type: 'normal', label: 'Open Loomcast', enabled: true, action: 'open' });
  menu.push({ type: 'normal', label: 'New post', enabled: true, action: 'newPost' });
  menu.push({ type: 'separator' });
  if (status?.paused) menu.push({ type: 'normal', label: 'Resume publishing', enabled: true, action: 'resume' });
  else menu.push({ type: 'normal', label: 'Pause publishing', enabled: status !== null, action: 'pause', ...(status ? {} : { toolTip: 'Loomcast is still starting' }) });
  const blocked = publishNextBlocked(status);
  menu.push(
    blocked
      ? { type: 'normal', label: `Publish next post now (${blocked.charAt(0).toLowerCase()}${blocked.slice(1)})`, enabled: false, action: 'publishNext', toolTip: blocked }
      : { type: 'normal', label: 'Publish next post now', enabled: true, action: 'publishNext' },
  );
  menu.push({ type: 'separator' });
  menu.push({ type: 'normal', label: 'Quit Loomcast', enabled: true, action: 'quit' });
  return menu;
}

/** Everything the tray shows for one status. */
export function trayState(input: TrayInput): TrayState {
  return { variant: trayVariant(input.status), tooltip: trayTooltip(input), menu: trayMenu(input), nextPostId: input.status?.next?.postId ?? null };
}
