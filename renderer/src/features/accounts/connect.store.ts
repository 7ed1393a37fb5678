import { create } from 'zustand';
import { AppError } from '../../../../shared/contract/errors';
import type { AccountDto, ChannelInput, ErrorCode, EventPayload, InputIssue } from '../../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import { api } from '../../api/client';
import { showToast } from '../../app/ui.store';
import { splitIssues, type Problem } from '../../lib/errors';
import { useAccountsStore } from './accounts.store';
import { connectNeeds } from './connect-platforms';

export type ConnectField = 'serverUrl' | 'identifier' | 'password';

/** Where one "Connect account" attempt stands. */
export type ConnectPhase =
  | { kind: 'editing' }
  | { kind: 'starting' }
  /** An OAuth sign-in is open in the browser; accounts:connectFinished ends it. */
  | { kind: 'authorize'; flowId: string; url: string; opened: boolean }
  | { kind: 'connected'; account: AccountDto | null }
  /** `code`: the core's typed reason (bad_credentials, unreachable…), which picks the next step shown. */
  | { kind: 'failed'; problem: Problem; code?: ErrorCode }
  | { kind: 'cancelled' };

type Finished = EventPayload<'accounts:connectFinished'>;

interface ConnectState {
  open: boolean;
  platform: Platform | null;
  form: Record<ConnectField, string>;
  fieldErrors: Partial<Record<ConnectField, string>>;
  phase: ConnectPhase;
  /** Set when Reconnect opened the form, to say which account it is about. */
  reconnecting: AccountDto | null;
  /** Finish events that arrived before accounts:connect itself answered. */
  early: Record<string, Finished>;
  /** Bumped to move focus to the form's first field. */
  focus: number;
}

const EMPTY_FORM: Record<ConnectField, string> = { serverUrl: '', identifier: '', password: '' };

export const useConnectStore = create<ConnectState>(() => ({
  open: false,
  platform: null,
  form: EMPTY_FORM,
  fieldErrors: {},
  phase: { kind: 'editing' },
  reconnecting: null,
  early: {},
  focus: 0,
}));

const set = useConnectStore.setState;
const get = useConnectStore.getState;

export function openConnect(prefill: { platform?: Platform; form?: Partial<Record<ConnectField, string>>; reconnecting?: AccountDto } = {}): void {
  const { open, phase } = get();
  // "Connect account" while a sign-in is under way goes back to it rather than dropping it.
  if (open && !prefill.platform && (phase.kind === 'starting' || phase.kind === 'authorize')) {
    set((s) => ({ focus: s.focus + 1 }));
    return;
  }
  if (phase.kind === 'authorize') void cancelConnect();
  const platform = prefill.platform ?? null;
  set((s) => ({
    open: true,
    platform,
    form: { ...EMPTY_FORM, serverUrl: platform ? connectNeeds(platform).serverDefault : '', ...prefill.form },
    fieldErrors: {},
    phase: { kind: 'editing' },
    reconnecting: prefill.reconnecting ?? null,
    focus: s.focus + 1,
  }));
}

export function closeConnect(): void {
  const { phase } = get();
  if (phase.kind === 'authorize') void cancelConnect();
  set({ open: false, platform: null, form: EMPTY_FORM, fieldErrors: {}, phase: { kind: 'editing' }, reconnecting: null });
}

export function pickPlatform(platform: Platform): void {
  set((s) => ({
    platform,
    // The server field belongs to the platform: Bluesky's default PDS is no Mastodon server.
    form: { ...s.form, serverUrl: s.platform === platform ? s.form.serverUrl : connectNeeds(platform).serverDefault },
    fieldErrors: {},
    phase: s.phase.kind === 'authorize' || s.phase.kind === 'starting' ? s.phase : { kind: 'editing' },
  }));
}

export function setConnectField(field: ConnectField, value: string): void {
  set((s) => {
    const fieldErrors = { ...s.fieldErrors };
    delete fieldErrors[field];
    return { form: { ...s.form, [field]: value }, fieldErrors };
  });
}

/** "mastodon.social" means https://mastodon.social; anything with a scheme is left alone. */
function withScheme(url: string): string {
  const t = url.trim();
  return t === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `https://${t}`;
}

const fieldOf = (path: InputIssue['path']): ConnectField | null => {
  const head = path[0];
  return head === 'serverUrl' || head === 'identifier' || head === 'password' ? head : null;
};

/** Browser mode: the tab opens the sign-in page. A popup blocker may stop this; the link stays. */
function tryOpen(url: string): void {
  try {
    window.open(url, '_blank', 'noopener,noreferrer');
  } catch {
    // The "Continue to …" link is on screen either way.
  }
}

export async function submitConnect(): Promise<void> {
  const { platform, form, phase } = get();
  if (!platform || phase.kind === 'starting' || phase.kind === 'authorize') return;
  const needs = connectNeeds(platform);
  const serverUrl = needs.server === 'none' ? '' : withScheme(form.serverUrl);
  if (needs.server === 'required' && !serverUrl) {
    set({ fieldErrors: { serverUrl: `Enter the address of your ${PLATFORM_NAMES[platform]} server, e.g. https://mastodon.social` }, phase: { kind: 'editing' } });
    return;
  }
  const input: ChannelInput<'accounts:connect'> = {
    platform,
    // Empty fields are left out, so the core names what is missing in its own words.
    ...(serverUrl ? { serverUrl } : {}),
    ...(needs.kind === 'password' && form.identifier.trim() ? { identifier: form.identifier.trim() } : {}),
    ...(needs.kind === 'password' && form.password ? { password: form.password } : {}),
  };
  set({ phase: { kind: 'starting' }, fieldErrors: {}, form: { ...form, serverUrl } });
  try {
    const result = await api.call('accounts:connect', input);
    if (result.kind === 'connected') {
      set((s) => ({ phase: { kind: 'connected', account: result.account }, form: { ...s.form, password: '' } }));
      useAccountsStore.setState((s) => ({ accounts: s.accounts && !s.accounts.some((a) => a.id === result.account.id) ? [...s.accounts, result.account] : s.accounts }));
      return;
    }
    if (!result.opened) tryOpen(result.url);
    set({ phase: { kind: 'authorize', flowId: result.flowId, url: result.url, opened: result.opened } });
    const early = get().early[result.flowId];
    if (early) void finish(early);
  } catch (err) {
    const { fields, form: problem } = splitIssues(err, fieldOf);
    const code = err instanceof AppError ? err.code : undefined;
    set({ fieldErrors: fields, phase: problem ? { kind: 'failed', problem, ...(code ? { code } : {}) } : { kind: 'editing' } });
  }
}

export async function cancelConnect(): Promise<void> {
  const { phase } = get();
  if (phase.kind !== 'authorize') return;
  set({ phase: { kind: 'cancelled' } });
  try {
    await api.call('accounts:cancelConnect', { flowId: phase.flowId });
  } catch {
    // The flow may have ended on its own a moment ago; the finish event says how.
  }
}

/** Starts over on the same platform (after an error, a cancel, or to connect one more). */
export function connectAgain(keepPlatform: boolean): void {
  set((s) => ({
    platform: keepPlatform ? s.platform : null,
    phase: { kind: 'editing' },
    fieldErrors: {},
    reconnecting: keepPlatform ? s.reconnecting : null,
    form: keepPlatform ? { ...s.form, password: '' } : EMPTY_FORM,
    focus: s.focus + 1,
  }));
}

/**
 * Reconnect: the same platform and the server the account was connected on (the core keeps it);
 * Bluesky asks for a new app password first.
 */
export function reconnect(account: AccountDto): void {
  const needs = connectNeeds(account.platform);
  openConnect({
    platform: account.platform,
    reconnecting: account,
    form: {
      ...(needs.server !== 'none' ? { serverUrl: account.serverUrl ?? needs.serverDefault } : {}),
      ...(needs.kind === 'password' ? { identifier: account.handle.replace(/^@/, '') } : {}),
    },
  });
  const { form } = get();
  if (needs.kind === 'oauth' && (needs.server === 'none' || form.serverUrl)) void submitConnect();
}

async function finish(event: Finished): Promise<void> {
  const { phase } = get();
  if (phase.kind !== 'authorize' || phase.flowId !== event.flowId) {
    // Not ours yet (accounts:connect has not answered): keep it for a moment.
    if (phase.kind === 'starting') set((s) => ({ early: { ...s.early, [event.flowId]: event } }));
    return;
  }
  set((s) => {
    const early = { ...s.early };
    delete early[event.flowId];
    return { early };
  });
  const onScreen = window.location.hash.startsWith('#/accounts');
  if (!event.ok) {
    set({ phase: { kind: 'failed', problem: { message: event.message ?? 'The sign-in did not finish, so nothing was connected.' } } });
    if (!onScreen) showToast('Connecting an account did not finish', { detail: event.message ?? undefined, tone: 'attention' });
    return;
  }
  let account: AccountDto | null = null;
  try {
    const accounts = await api.call('accounts:list', {});
    useAccountsStore.setState({ accounts, problem: null });
    account = accounts.find((a) => a.id === event.accountId) ?? null;
  } catch {
    // The account exists; the list refreshes on accounts:changed.
  }
  set({ phase: { kind: 'connected', account } });
  if (!onScreen) showToast(account ? `${account.handle} is connected on ${PLATFORM_NAMES[account.platform]}` : 'Account connected');
}

let listening = false;

/** One subscription for the whole app: a sign-in can finish while another screen is showing. */
export function listenForConnectFinished(): void {
  if (listening) return;
  listening = true;
  api.subscribe('accounts:connectFinished', (event) => void finish(event));
}
