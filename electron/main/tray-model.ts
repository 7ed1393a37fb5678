/**
 * What the tray shows, as plain data: the icon's state, the tooltip and the menu, from the core's
 * publishing status. No Electron here (tray.ts turns this into a Tray and a Menu), so every
 * word and every disabled item is unit-tested.
 */
import type { PublishingStatusDto } from '../../shared/contract/features/publishing';
import type { DateFormat } from '../../shared/domain/datetime-format';
import { PLATFORM_NAMES } from '../../shared/domain/platforms';
import { blockedWords, canPost, fixWords, nothingCanPostWords } from '../../shared/domain/publishing-words';
import type { AccountStatus } from '../../shared/domain/states';
import { andList } from '../../shared/domain/word-list';

export type TrayVariant = 'publishing' | 'paused' | 'attention';
export type TrayAction = 'open' | 'newPost' | 'accounts' | 'pause' | 'resume' | 'publishNext' | 'quit';

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
  /** The accounts (accounts:list), for whether any can post; null until read. */
  accounts: readonly { status: AccountStatus }[] | null;
  /** The creator's zone and date format (Settings), as the window shows times. */
  zone: string;
  format: DateFormat;
}

/** Windows cuts tray tooltips at 127 characters. */
export const TOOLTIP_MAX = 127;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const needAttention = (n: number) => `${n} ${n === 1 ? 'needs' : 'need'} attention`;
const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;

/**
 * Nothing can go out because no account can post (none connected, or every one needs
 * reconnecting), as the status line decides it; while paused, paused is what is said.
 */
export function nothingCanPost({ status, accounts }: Pick<TrayInput, 'status' | 'accounts'>): boolean {
  return status !== null && !status.paused && accounts !== null && !accounts.some(canPost);
}

/** Paused matters most (nothing goes out at all), then anything waiting on the creator: with no account able to post, that too. */
export function trayVariant(input: Pick<TrayInput, 'status' | 'accounts'>): TrayVariant {
  const { status } = input;
  if (!status) return 'publishing';
  if (status.paused) return 'paused';
  return status.attention.total > 0 || status.blocked.length > 0 || nothingCanPost(input) ? 'attention' : 'publishing';
}

/** Scheduled posts that cannot go out, in one short line; null when none (or no account at all: the head says so). */
function blockedLine({ status, accounts }: TrayInput): string | null {
  if (!status || status.blocked.length === 0 || accounts?.length === 0) return null;
  if (status.blocked.length === 1) return blockedWords(status.blocked[0]!);
  return `${andList([...new Set(status.blocked.map((b) => PLATFORM_NAMES[b.platform]))])} posts can’t go out`;
}

/** "Mon 7 Dec, 14:30 to Mastodon and X" */
function nextLine(status: PublishingStatusDto, zone: string, format: DateFormat): string | null {
  if (!status.next) return null;
  const when = format.dayTime(Date.parse(status.next.at), zone);
  const platforms = [...new Set(status.next.accounts.map((a) => PLATFORM_NAMES[a.platform]))];
  return platforms.length === 0 ? when : `${when} to ${andList(platforms)}`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** The first words: paused, on, or why nothing can go out ("No accounts connected"). */
function headWords(input: TrayInput): string {
  if (input.status?.paused) return 'Publishing paused';
  return nothingCanPost(input) ? nothingCanPostWords(input.accounts!).short : 'Publishing on';
}

/** The next post, unless none can go out; "No post scheduled" only when no post is held either. */
function nextWords(input: TrayInput): { line: string; excerpt: string } | 'none' | null {
  const { status, zone, format } = input;
  if (!status || nothingCanPost(input)) return null;
  const next = nextLine(status, zone, format);
  if (next) return { line: next, excerpt: status.next!.excerpt };
  return status.blocked.length > 0 ? null : 'none';
}

export function trayTooltip(input: TrayInput): string {
  const { status } = input;
  if (!status) return 'Loomcast';
  const head = `Loomcast: ${lowerFirst(headWords(input))}`;
  const lines = [status.attention.total > 0 ? `${head} · ${needAttention(status.attention.total)}` : head];
  const next = nextWords(input);
  if (next === 'none') lines.push('No post scheduled');
  else if (next) lines.push(`Next post ${next.line}`);
  const blocked = blockedLine(input);
  if (blocked) lines.push(blocked);
  else if (nothingCanPost(input)) lines.push(`Scheduled posts go out once you ${input.accounts!.length === 0 ? 'connect one' : 'reconnect one'}`);
  const queued = `${plural(status.queued, 'post copy', 'post copies')} queued`;
  // The queue's size is what goes first when Windows' limit is near.
  const text = [...lines, queued].join('\n');
  return clip(text.length <= TOOLTIP_MAX ? text : lines.join('\n'), TOOLTIP_MAX);
}

/** Why "Publish next post now" cannot be used; null when it can. */
export function publishNextBlocked(input: Pick<TrayInput, 'status' | 'accounts'>): string | null {
  const { status } = input;
  if (!status) return 'Loomcast is still starting';
  if (status.paused) return 'Publishing is paused';
  if (nothingCanPost(input)) return 'No account can post';
  if (!status.next) return status.blocked.length > 0 ? 'No scheduled post can go out' : 'Nothing is scheduled';
  return null;
}

export function trayMenu(input: TrayInput): TrayMenuItem[] {
  const { status, accounts } = input;
  const info = (label: string): TrayMenuItem => ({ type: 'normal', label, enabled: false });
  const menu: TrayMenuItem[] = [];
  if (status) {
    menu.push(info(headWords(input)));
    const next = nextWords(input);
    if (next === 'none') menu.push(info('No post scheduled'));
    else if (next) menu.push(info(clip(`Next: ${next.line}`, 60)), info(clip(`“${next.excerpt}”`, 60)));
    const blocked = blockedLine(input);
    if (blocked) menu.push(info(clip(blocked, 60)));
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
  const fix = nothingCanPost(input) ? fixWords(accounts!) : null;
  // Nothing to pause when nothing can go out: the one offer is the fix, as on the status line.
  if (status?.paused) menu.push({ type: 'normal', label: 'Resume publishing', enabled: true, action: 'resume' });
  else if (fix) menu.push({ type: 'normal', label: `${fix.label}…`, enabled: true, action: 'accounts', toolTip: fix.title });
  else menu.push({ type: 'normal', label: 'Pause publishing', enabled: status !== null, action: 'pause', ...(status ? {} : { toolTip: 'Loomcast is still starting' }) });
  const blocked = publishNextBlocked(input);
  menu.push(
    blocked
      ? { type: 'normal', label: `Publish next post now (${lowerFirst(blocked)})`, enabled: false, action: 'publishNext', toolTip: blocked }
      : { type: 'normal', label: 'Publish next post now', enabled: true, action: 'publishNext' },
  );
  menu.push({ type: 'separator' });
  menu.push({ type: 'normal', label: 'Quit Loomcast', enabled: true, action: 'quit' });
  return menu;
}

/** Everything the tray shows for one status. */
export function trayState(input: TrayInput): TrayState {
  return { variant: trayVariant(input), tooltip: trayTooltip(input), menu: trayMenu(input), nextPostId: input.status?.next?.postId ?? null };
}
