/**
 * Where an import row's post goes, from the "accounts" cell: "x; bluesky", "mastodon:@me@example.social",
 * "@studio.bsky.social", separated by ; , | or new lines. A platform alone plans a copy for it and
 * binds it to the platform's account when there is exactly one, as the composer does; a copy
 * with no account waits for one to be connected (accounts-service binds it then).
 */
import { isPlatform, PLATFORM_NAMES, PLATFORMS, type Platform } from '../../../../shared/domain/platforms';

export interface KnownAccount {
  id: string;
  platform: Platform;
  handle: string;
  serverUrl: string | null;
}

export interface PlannedTarget {
  platform: Platform;
  accountId: string | null;
  /** "X", "Bluesky @studio.bsky.social". */
  label: string;
}

export interface AccountsResult {
  targets: PlannedTarget[];
  errors: string[];
  warnings: string[];
}

const ALIASES: Record<string, Platform> = { twitter: 'x', 'x (twitter)': 'x', bsky: 'bluesky', fb: 'facebook', 'facebook page': 'facebook', ig: 'instagram', yt: 'youtube' };
for (const p of PLATFORMS) {
  ALIASES[p] = p;
  ALIASES[PLATFORM_NAMES[p].toLowerCase()] = p;
}

export function platformFromName(name: string): Platform | null {
  const key = name.trim().toLowerCase();
  const hit = ALIASES[key];
  return hit ?? (isPlatform(key) ? key : null);
}

const norm = (handle: string) => handle.trim().toLowerCase().replace(/^@+/, '');

const hostOf = (url: string | null) => {
  if (!url) return null;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
};

/** "@me", "me@example.social" and "@me@example.social" all name a Mastodon account @me on example.social. */
function matches(account: KnownAccount, ref: string): boolean {
  const handle = norm(account.handle);
  if (handle === ref) return true;
  const host = hostOf(account.serverUrl);
  if (host && `${handle}@${host}` === ref) return true;
  return account.platform === 'mastodon' && !ref.includes('@') && handle.split('@')[0] === ref;
}

export const accountLabel = (a: Pick<KnownAccount, 'platform' | 'handle'>) => `${PLATFORM_NAMES[a.platform]} @${norm(a.handle)}`;

/** How the accounts cell of an exported row names an account, so it imports back to the same one. */
export function accountRef(a: Pick<KnownAccount, 'platform' | 'handle'> & { serverUrl?: string | null }): string {
  const handle = norm(a.handle);
  const host = a.platform === 'mastodon' && !handle.includes('@') ? hostOf(a.serverUrl ?? null) : null;
  return `${a.platform}:@${handle}${host ? `@${host}` : ''}`;
}

export function splitAccounts(cell: string): string[] {
  return cell
    .split(/[;,|\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function resolveAccounts(cell: string, accounts: readonly KnownAccount[]): AccountsResult {
  const out: AccountsResult = { targets: [], errors: [], warnings: [] };
  const refs = splitAccounts(cell);
  if (refs.length === 0) {
    out.errors.push('Name where the post goes: one or more platforms or accounts, e.g. “x; bluesky” or “mastodon:@you@example.social”.');
    return out;
  }
  const add = (t: PlannedTarget) => {
    if (!out.targets.some((o) => o.platform === t.platform && o.accountId === t.accountId)) out.targets.push(t);
  };

  for (const ref of refs) {
    const colon = ref.indexOf(':');
    const prefix = colon > 0 ? ref.slice(0, colon) : null;
    const prefixed = prefix === null ? null : platformFromName(prefix);
    if (prefix !== null && prefixed === null && !prefix.includes('@')) {
      out.errors.push(`“${prefix}” is not a platform Loomcast publishes to. Use one of: ${PLATFORMS.join(', ')}.`);
      continue;
    }
    const platform = prefixed ?? (colon < 0 ? platformFromName(ref) : null);
    const handle = prefixed ? ref.slice(colon + 1).trim() : platform ? '' : ref;

    if (platform && !handle) {
      const mine = accounts.filter((a) => a.platform === platform);
      if (mine.length === 1) add({ platform, accountId: mine[0]!.id, label: accountLabel(mine[0]!) });
      else if (mine.length === 0) {
        add({ platform, accountId: null, label: PLATFORM_NAMES[platform] });
        out.warnings.push(`No ${PLATFORM_NAMES[platform]} account is connected yet: the ${PLATFORM_NAMES[platform]} copy waits until you connect one.`);
      } else {
        const names = mine.map((a) => `@${norm(a.handle)}`).join(', ');
        out.errors.push(`You have ${mine.length} ${PLATFORM_NAMES[platform]} accounts (${names}): say which, e.g. ${accountRef(mine[0]!)}.`);
      }
      continue;
    }

    const wanted = norm(handle);
    const found = accounts.filter((a) => (platform === null || a.platform === platform) && matches(a, wanted));
    if (found.length === 1) add({ platform: found[0]!.platform, accountId: found[0]!.id, label: accountLabel(found[0]!) });
    else if (found.length === 0) {
      const on = platform ? ` on ${PLATFORM_NAMES[platform]}` : '';
      out.errors.push(`No connected account is called @${wanted}${on}. Connect it in Accounts, or name the platform alone (e.g. “${platform ?? 'x'}”) to plan the post without an account.`);
    } else {
      out.errors.push(`@${wanted} is an account on more than one platform: write ${found.map(accountRef).join(' or ')}.`);
    }
  }
  return out;
}
