/**
 * Holding the workspace still (the data folder's move): while held, every request that could
 * change something is refused with a typed error saying why (the dispatcher asks `refusal`), and
 * the database connection itself refuses writes (PRAGMA query_only), so no background work can
 * change a file that is being, or has been, copied either.
 */
import { AppError, type ChannelName } from '../../shared/contract';
import { CHANNEL_ACCESS } from '../../shared/contract/access';
import type { Db } from './store/open';

/** Admin channels that only read: Settings may still show them while the workspace is held. */
const ADMIN_READS: ReadonlySet<ChannelName> = new Set(['apps:list', 'bucket:get', 'webhooks:list', 'webhooks:deliveries', 'writing:get', 'io:feedStatus', 'backups:list', 'apiTokens:list']);

/** Whether `channel` may be answered while the workspace is held: it changes nothing. */
export const onlyReads = (channel: ChannelName): boolean => CHANNEL_ACCESS[channel] === 'read' || ADMIN_READS.has(channel);

/**
 * Whether the connection refuses writes now (the hold's frozen database): reads that would also
 * record something on the way (the search index's catch-up, an experiment's decision) skip it
 * then, and record it on a later read once the hold is over.
 */
export const readOnlyNow = (db: Db): boolean => db.pragma('query_only', { simple: true }) === 1;

/**
 * Writes by their access level that change nothing saved: stopping the move (it ends the hold),
 * and cancelling a sign-in (it ends a flow kept in memory; a sign-in finishing during the hold is
 * refused anyway, accounts/connect.ts).
 */
const SAVES_NOTHING: ReadonlySet<ChannelName> = new Set(['desktop:cancelMove', 'accounts:cancelConnect']);

export function createWriteHold(db: Db) {
  let reason: string | null = null;
  return {
    isHeld: (): boolean => reason !== null,
    /** From now on requests that change something are refused with `why` (conflict). */
    refuseRequests(why: string): void {
      reason = why;
    },
    /** The connection refuses writes too: once what was under way has ended (the scheduler stopped). */
    freezeDatabase(): void {
      db.pragma('query_only = ON');
    },
    release(): void {
      db.pragma('query_only = OFF');
      reason = null;
    },
    /** The refusal of `channel` now; null when it may run. */
    refusal(channel: ChannelName): AppError | null {
      return reason === null || onlyReads(channel) || SAVES_NOTHING.has(channel) ? null : new AppError('conflict', reason);
    },
  };
}

export type WriteHold = ReturnType<typeof createWriteHold>;
