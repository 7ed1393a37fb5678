/** Channels and events of publishing as a whole (pause, resume, status); merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id, IsoInstant, PlatformSchema, Post } from '../schemas';

const Count = z.number().int().nonnegative();

/** The next post the scheduler will send, as the status line and the tray name it. */
export const NextPost = z.object({
  postId: Id,
  /** When its first waiting copy is due (or was: a paused queue keeps overdue posts here). */
  at: IsoInstant,
  /** Its first words, on one line, at most 80 characters. */
  excerpt: z.string(),
  /** The accounts its waiting copies go to. */
  accounts: z.array(z.object({ id: Id, platform: PlatformSchema, handle: z.string() })),
});

/**
 * Scheduled posts of one platform that cannot go out as things stand, and why: `no_account` (no
 * account of the platform is connected), `no_account_picked` (several are, and none was picked),
 * `needs_reconnect` (their account must be signed in again).
 */
export const BlockedPosts = z.object({
  platform: PlatformSchema,
  reason: z.enum(['no_account', 'no_account_picked', 'needs_reconnect']),
  /** Posts with a scheduled copy held for this reason on this platform. */
  posts: Count,
});

/** The truth about publishing, for the status line, the tray and anything else that summarises it. */
export const PublishingStatus = z.object({
  paused: z.boolean(),
  /** When the creator paused publishing; null while it runs. */
  pausedAt: IsoInstant.nullable(),
  /** The next post that can actually go out (its account can post); null when none can. */
  next: NextPost.nullable(),
  /** Scheduled posts that cannot go out, by platform and why, most posts first; empty when every one can. */
  blocked: z.array(BlockedPosts),
  /** Copies scheduled and waiting to go out. */
  queued: Count,
  attention: z.object({
    /** Copies that failed. */
    failed: Count,
    /** Copies held by the missed-post policy, or with no account to go out on. */
    missed: Count,
    /** Copies whose outcome nobody knows (the platform did not confirm). */
    unconfirmed: Count,
    /** Unread open alerts not about a post (accounts, backlog…); a post's own are counted by its copies above. */
    unreadAlerts: Count,
    /** All of the above: what the tray and status line call "needs attention". */
    total: Count,
  }),
});

/** A link the creator pasted: http(s) only, so the panel's "View on…" can never run anything. */
const PostLink = z
  .string()
  .trim()
  .max(2_000, 'A link is at most 2,000 characters')
  .refine((s) => /^https?:\/\/[^\s]+$/i.test(s) && URL.canParse(s), { message: 'Paste the post’s link, starting with https://' });

export const SettleUnconfirmedInput = z.discriminatedUnion('outcome', [
  z.strictObject({ targetId: Id, outcome: z.literal('published'), url: PostLink.optional() }),
  z.strictObject({ targetId: Id, outcome: z.literal('send_again') }),
]);

/** A later part of a thread, or the first comment, on one copy: where it stands. */
const ThreadPart = z.object({
  /** 1 is the thread's second post (or the first comment when there is no thread). */
  position: z.number().int().positive(),
  kind: z.enum(['thread', 'comment']),
  state: z.enum(['pending', 'publishing', 'published', 'failed', 'unconfirmed']),
  /** Why it failed, is unconfirmed, or waits. */
  lastError: z.string().nullable(),
  /** When it is tried (or checked) again, while it waits. */
  nextAttemptAt: IsoInstant.nullable(),
  /** Its web link once out, when the platform gave one (or the creator pasted it); null otherwise. */
  url: z.string().nullable(),
});

export const ThreadParts = z.array(z.object({ targetId: Id, platform: PlatformSchema, parts: z.array(ThreadPart) }));

export const ContinueThreadInput = z.discriminatedUnion('outcome', [
  z.strictObject({ targetId: Id, outcome: z.literal('send_again') }),
  z.strictObject({ targetId: Id, outcome: z.literal('published'), url: PostLink }),
]);

export const publishingChannels = {
  /** Paused or not, the next post, the queue's size and what needs the creator. */
  'publishing:status': { input: z.strictObject({}).optional(), output: PublishingStatus },
  /**
   * Stops sending: nothing goes out (posts stay scheduled) until publishing:resume, across
   * restarts too. Pausing twice is allowed and changes nothing.
   */
  'publishing:pause': { input: z.strictObject({}).optional(), output: PublishingStatus },
  /** Sends again. Posts that fell due while paused follow the missed-post policy, as after a sleep. */
  'publishing:resume': { input: z.strictObject({}).optional(), output: PublishingStatus },
  /**
   * Publishes the next scheduled post now, through the same checks as "Post now". `postId`
   * names the post the caller showed as next: refused (conflict) if that is no longer the next
   * one, so a click never sends a post the creator did not see. Refused while paused.
   */
  'publishing:publishNext': { input: z.strictObject({ postId: Id.optional() }).optional(), output: Post },
  /**
   * The creator's answer for an unconfirmed copy (Loomcast could not tell whether it went out):
   * `published` (they found it; `url` is its link, if they have it) or `send_again` (it is not
   * there: it goes out now, with the same idempotency key, through the same checks as Post now).
   * Refused (conflict) unless the copy is unconfirmed; `send_again` also while publishing is paused.
   */
  'publishing:settleUnconfirmed': { input: SettleUnconfirmedInput, output: Post },
  /**
   * "Try again now" for one copy that failed or was missed: it is scheduled for this instant with
   * a fresh set of attempts, through the same gates and duplicate guard as Post now (`override`:
   * the creator chose "Post anyway" over the guard's block). The post's other copies keep their
   * times. Refused (conflict) for an unconfirmed copy (it may be up: settle it instead), for any
   * other state, while publishing is paused, and while its account needs reconnecting.
   */
  'publishing:tryAgain': { input: z.strictObject({ targetId: Id, override: z.boolean().default(false) }), output: Post },
  /** The later parts and first comment of each copy of a post, with where each stands. */
  'publishing:threadParts': { input: z.strictObject({ postId: Id }), output: ThreadParts },
  /**
   * Goes on with a copy's thread where it stopped (a part that failed, or one Loomcast could not
   * confirm): `send_again` sends that part and the rest now (fresh attempts); `published` says an
   * unconfirmed part is there, with its `url`, from which its id is read so the rest can reply to
   * it (refused when the link is not this account's post). Refused while paused for `send_again`.
   */
  'publishing:continueThread': { input: ContinueThreadInput, output: ThreadParts },
} as const;

export const publishingEvents = {
  /** The status changed (paused or resumed, a post scheduled, sent or failed, an alert read). */
  'publishing:changed': PublishingStatus,
} as const;

export type PublishingStatusDto = z.output<typeof PublishingStatus>;
export type NextPostDto = z.output<typeof NextPost>;
export type BlockedPostsDto = z.output<typeof BlockedPosts>;
