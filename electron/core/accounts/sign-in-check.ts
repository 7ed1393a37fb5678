/**
 * An account row says "connected", but its sign-in lives only in the system keychain: a keychain
 * wiped or reset, or a data folder restored on another machine, leaves the row without one, and the
 * creator would learn it only when a post fails. After each start, in the background, each account
 * that can post has its keychain entry read once (through the credentials store, whose cache then
 * serves publishing); one with no entry is marked to reconnect, saying why, through the accounts'
 * owner (which announces `accounts:changed`: the Accounts card offers Reconnect, the status line
 * stops promising its posts, the alert rule raises its alert).
 *
 * A keychain that is unavailable (locked, no Secret Service) says nothing about any account: no
 * account is marked then. The check waits, asking the keychain again every KEYCHAIN_RETRY_MS, and
 * runs once it answers; an entry that could not be read is asked again the same way.
 */
import type { AccountStatus } from '../../../shared/domain/states';
import type { Background } from '../background';
import type { Clock, Logger, Vault } from '../deps';
import type { Db } from '../store/open';
import type { AccountsService } from './accounts-service';
import type { CredentialStore } from './credentials';

export const SIGN_IN_MISSING = "Loomcast can't find this account's sign-in in the system keychain. Sign in again to keep posting.";
/** While the keychain is unavailable (or an entry could not be read), it is asked again this often. */
export const KEYCHAIN_RETRY_MS = 60_000;

const CAN_POST: readonly AccountStatus[] = ['connected', 'rate_limited'];

export interface SignInCheckDeps {
  db: Db;
  vault: Pick<Vault, 'status'>;
  credentials: Pick<CredentialStore, 'load'>;
  accounts: Pick<AccountsService, 'needsReconnect'>;
  clock: Pick<Clock, 'setTimer'>;
  log: Pick<Logger, 'info' | 'warn'>;
  /** Quitting ends it: nothing is written after. */
  signal?: AbortSignal;
  /** Where it registers, so the data folder's move pauses it (it writes account rows). */
  background?: Pick<Background, 'register'>;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Resolves when every account that can post has been looked at (or on quitting). */
export async function checkSignInsInBackground(d: SignInCheckDeps): Promise<{ checked: number; missing: number }> {
  const canPost = d.db.prepare<[], { id: string }>(`SELECT id FROM accounts WHERE status IN ('connected','rate_limited') ORDER BY created_at, id`);
  const statusOf = d.db.prepare<[string], { status: AccountStatus }>('SELECT status FROM accounts WHERE id = ?');
  const done = { checked: 0, missing: 0 };
  const stopped = () => d.signal?.aborted === true || !d.db.open;

  // Paused (the data folder's move): the look under way (one read, and its write) ends first; nothing new starts until resumed.
  let paused = false;
  let underWay: Promise<unknown> | null = null;
  let wake: (() => void) | null = null;
  const unregister = d.background?.register('keychain sign-in check', {
    async pause() {
      paused = true;
      await underWay?.catch(() => {});
    },
    resume() {
      paused = false;
      wake?.();
    },
  });
  /** Resolves after `ms` (none: once resumed), or at once on quitting or a resume. */
  const wait = (ms: number | null) =>
    new Promise<void>((resolve) => {
      let cancel: (() => void) | null = null;
      const end = () => {
        cancel?.();
        d.signal?.removeEventListener('abort', end);
        wake = null;
        resolve();
      };
      wake = ms === null ? end : null;
      if (ms !== null) cancel = d.clock.setTimer(ms, end);
      d.signal?.addEventListener('abort', end, { once: true });
    });
  const passPause = async () => {
    while (paused && !stopped()) await wait(null);
  };

  /** One account: its entry read once; none there marks it to reconnect. False when the keychain could not be read. */
  const lookAt = async (id: string): Promise<boolean> => {
    let found: unknown;
    try {
      found = await d.credentials.load(id);
    } catch {
      return false;
    }
    // Quitting, or reconnected, disconnected or marked meanwhile: not this look's to change.
    if (stopped()) return true;
    done.checked++;
    const now = statusOf.get(id)?.status;
    if (found || !now || !CAN_POST.includes(now)) return true;
    d.accounts.needsReconnect(id, SIGN_IN_MISSING);
    done.missing++;
    d.log.warn('an account has no sign-in in the system keychain; marked to reconnect', { accountId: id });
    return true;
  };

  try {
    let left: string[] | null = null;
    for (;;) {
      // After the start (never part of it).
      await turn();
      await passPause();
      if (stopped()) break;
      const status = await d.vault.status().catch(() => ({ available: false as const }));
      if (stopped()) break;
      if (status.available) {
        const ids = left ?? canPost.all().map((r) => r.id);
        const unread: string[] = [];
        for (const id of ids) {
          await passPause();
          if (stopped()) break;
          const look = lookAt(id);
          underWay = look;
          if (!(await look)) unread.push(id);
          underWay = null;
        }
        if (stopped() || unread.length === 0) break;
        left = unread;
      }
      // Unavailable (or failing): no account is judged; asked again later.
      await wait(KEYCHAIN_RETRY_MS);
    }
  } finally {
    unregister?.();
  }
  if (done.missing > 0) d.log.info('keychain sign-in check done', done);
  return done;
}
