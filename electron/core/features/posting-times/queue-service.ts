import { AppError, type ChannelOutput, type ChannelParsedInput } from '../../../../shared/contract';
import type { QueueSlotsDto, SlotInstantDto } from '../../../../shared/contract/features/posting-times';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import { EDITABLE_STATES, type TargetState } from '../../../../shared/domain/states';
import type { FeatureDeps } from '../types';
import { nextFreeSlots, normaliseSlots, type SlotInstant, type WeeklySlot } from './weekly-slots';

/** Targets that hold a posting time: they are, or are about to be, on their way out. */
const HOLDING = `('scheduled','approved','in_review','publishing')`;

/**
 * Whether a copy on the account (other than :except) holds the posting time :at: one seek of
 * targets_time per posting time looked at. Reading every copy the account has ahead to find the
 * first free times read a year of plans each time (~55 ms at 100,000 posts). Exported for the
 * plan test.
 */
export const SLOT_TAKEN_SQL = `SELECT 1 FROM targets INDEXED BY targets_time
  WHERE scheduled_at = :at AND state IN ${HOLDING} AND account_id = :account AND id <> :except LIMIT 1`;

interface AccountRow {
  id: string;
  platform: Platform;
  handle: string;
}

interface TargetRow {
  id: string;
  platform: Platform;
  account_id: string | null;
  state: TargetState;
}

export const toSlotDto = (s: SlotInstant): SlotInstantDto => ({
  at: new Date(s.epochMs).toISOString(),
  date: s.date,
  time: s.time,
  weekday: s.weekday,
  zone: s.zone,
  ambiguous: s.ambiguous,
});

/** Weekly posting times per account, the free ones among them, and filling the next one. */
export function createQueueService({ db, audit, events, clock, posts, targets, settings, zone: creatorZone }: Pick<FeatureDeps, 'db' | 'audit' | 'events' | 'clock' | 'posts' | 'targets' | 'settings' | 'zone'>) {
  const s = {
    account: db.prepare('SELECT id, platform, handle FROM accounts WHERE id = ?'),
    slots: db.prepare('SELECT weekday, time FROM queue_slots WHERE account_id = ? ORDER BY weekday, time'),
    ownZone: db.prepare('SELECT zone FROM queue_settings WHERE account_id = ?'),
    clearSlots: db.prepare('DELETE FROM queue_slots WHERE account_id = ?'),
    addSlot: db.prepare('INSERT INTO queue_slots (account_id, weekday, time) VALUES (?, ?, ?)'),
    setZone: db.prepare(`INSERT INTO queue_settings (account_id, zone, updated_at) VALUES (?, ?, ?)
      ON CONFLICT(account_id) DO UPDATE SET zone = excluded.zone, updated_at = excluded.updated_at`),
    taken: db.prepare(SLOT_TAKEN_SQL).pluck(),
    targetOf: db.prepare('SELECT id, platform, account_id, state FROM targets WHERE post_id = ? AND account_id = ?'),
    unboundOf: db.prepare('SELECT id, platform, account_id, state FROM targets WHERE post_id = ? AND platform = ? AND account_id IS NULL ORDER BY rowid LIMIT 1'),
  };

  const mustAccount = (id: string): AccountRow => {
    const a = s.account.get(id) as AccountRow | undefined;
    if (!a) throw new AppError('not_found', 'That account is not connected any more. It may have been disconnected in another window.');
    return a;
  };

  const ownZoneOf = (accountId: string): string | null => (s.ownZone.get(accountId) as { zone: string | null } | undefined)?.zone ?? null;
  const zoneOf = (accountId: string): string => ownZoneOf(accountId) ?? creatorZone();
  const slotsOf = (accountId: string): WeeklySlot[] => s.slots.all(accountId) as WeeklySlot[];

  const view = (accountId: string): QueueSlotsDto => ({ accountId, zone: zoneOf(accountId), ownZone: ownZoneOf(accountId), slots: slotsOf(accountId) });

  /** Whether a posting time of this account is already held by a target (other than `except`). */
  const takenBy = (accountId: string, except = '') => (at: number) => s.taken.get({ at, account: accountId, except }) !== undefined;

  const findTarget = (postId: string, account: AccountRow): TargetRow => {
    const post = posts.get(postId);
    const bound = s.targetOf.get(postId, account.id) as TargetRow | undefined;
    if (bound) return bound;
    const unbound = s.unboundOf.get(postId, account.platform) as TargetRow | undefined;
    if (unbound) return unbound;
    const name = PLATFORM_NAMES[account.platform];
    const elsewhere = post.targets.some((t) => t.platform === account.platform);
    throw new AppError(
      'conflict',
      elsewhere
        ? `This post goes to another ${name} account, not ${account.handle}. Pick that account's queue, or add ${account.handle} to the post first.`
        : `This post isn't going to ${name} yet. Add ${name} to the post first, then add it to ${account.handle}'s queue.`,
    );
  };

  return {
    slots({ accountId }: ChannelParsedInput<'queue:slots'>): QueueSlotsDto {
      mustAccount(accountId);
      return view(accountId);
    },

    setSlots({ accountId, slots, zone }: ChannelParsedInput<'queue:setSlots'>): QueueSlotsDto {
      const account = mustAccount(accountId);
      const list = normaliseSlots(slots);
      db.transaction(() => {
        s.clearSlots.run(accountId);
        for (const slot of list) s.addSlot.run(accountId, slot.weekday, slot.time);
        if (zone !== undefined) s.setZone.run(accountId, zone, clock.now());
        audit.record({
          actor: 'user',
          action: 'queue.slots',
          entity: 'account',
          entityId: accountId,
          detail: { handle: account.handle, slots: list.map((x) => `${x.weekday} ${x.time}`), ...(zone !== undefined ? { zone } : {}) },
        });
      })();
      events.emit('queue:slotsChanged', { accountId });
      return view(accountId);
    },

    nextFree({ accountId, after, count }: ChannelParsedInput<'queue:nextFree'>): ChannelOutput<'queue:nextFree'> {
      mustAccount(accountId);
      const zone = zoneOf(accountId);
      // Free times in the past are no use for planning: the search starts now at the earliest.
      const from = Math.max(after ? Date.parse(after) : 0, clock.now());
      const free = nextFreeSlots(slotsOf(accountId), zone, from, count, takenBy(accountId));
      return { accountId, zone, slots: free.map(toSlotDto) };
    },

    /**
     * Books the next free posting time for the post's copy on this account. The free-slot check
     * and the booking run in one IMMEDIATE transaction: it takes the database's write lock before
     * reading, so a second window, tab or process booking at the same moment waits for this one
     * and then sees its booking. No slot is ever given twice.
     */
    add({ postId, accountId }: ChannelParsedInput<'queue:add'>): ChannelOutput<'queue:add'> {
      const account = mustAccount(accountId);
      const book = () => {
        const target = findTarget(postId, account);
        if (!EDITABLE_STATES.includes(target.state)) {
          throw new AppError('conflict', `The ${PLATFORM_NAMES[target.platform]} copy is ${target.state === 'publishing' ? 'being published right now' : `already ${target.state}`}, so it can't be queued again. Duplicate the post to reuse it.`);
        }
        const slots = slotsOf(accountId);
        if (slots.length === 0) {
          throw new AppError('conflict', `${account.handle} has no posting times yet. Add some under Accounts → Posting times, then add the post to its queue.`);
        }
        const now = clock.now();
        const zone = zoneOf(accountId);
        const [slot] = nextFreeSlots(slots, zone, now, 1, takenBy(accountId, target.id));
        if (!slot) throw new AppError('conflict', `Every posting time of ${account.handle} for the next two years is taken. Add more posting times, or schedule this post by hand.`);
        // Waiting for review stays so; an approved copy is now scheduled; a draft follows the
        // auto-approve setting, like any hand-written post given a time.
        const state: TargetState =
          target.state === 'in_review' ? 'in_review' : target.state === 'approved' || settings.get().autoApproveOwnPosts ? 'scheduled' : 'in_review';
        targets.transition([target.id], target.state, state, 'queue.add', { accountId, scheduledAt: slot.epochMs, zone, nextAttemptAt: null });
        targets.touched(postId);
        audit.record({ actor: 'user', action: 'queue.add', entity: 'post', entityId: postId, detail: { targetId: target.id, accountId, at: slot.epochMs, zone } });
        return { targetId: target.id, slot };
      };
      // IMMEDIATE: the free-slot check and the booking hold the write lock together.
      const { targetId, slot } = targets.atomically(book, 'immediate');
      return { post: posts.get(postId), targetId, slot: toSlotDto(slot) };
    },
  };
}

export type QueueService = ReturnType<typeof createQueueService>;
