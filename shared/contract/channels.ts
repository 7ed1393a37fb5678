import { z } from 'zod';
import { composeOnce } from './compose';
import { ERROR_CODES, type RpcResult } from './errors';
import { LIST_SECTION_MAX } from '../domain/list-sections';
import { Account, AppCredentials, AppInfo, BucketSettings, ConnectStart, PlatformCapabilities, Id, IsoInstant, PlatformSchema, Post, PostText, PostVersion, ScheduleInput, Settings, Zone } from './schemas';

import { calendarChannels, calendarEvents } from './features/calendar';
import { writingChannels, writingEvents } from './features/writing';
import { generationChannels, generationEvents } from './features/generation';
import { hashtagsChannels, hashtagsEvents } from './features/hashtags';
import { mediaLibraryChannels, mediaLibraryEvents } from './features/media-library';
import { plannerChannels, plannerEvents } from './features/planner';
import { campaignsChannels, campaignsEvents } from './features/campaigns';
import { guardChannels, guardEvents } from './features/guard';
import { composeChannels, composeEvents } from './features/compose';
import { reviewChannels, reviewEvents } from './features/review';
import { ideasChannels, ideasEvents } from './features/ideas';
import { ioChannels, ioEvents } from './features/io';
import { libraryChannels, libraryEvents } from './features/library';
import { queueChannels, queueEvents } from './features/posting-times';
import { reportsChannels, reportsEvents } from './features/reports';
import { analyticsChannels, analyticsEvents } from './features/analytics';
import { alertsChannels, alertsEvents } from './features/alerts';
import { metricsChannels, metricsEvents } from './features/metrics';
import { experimentsChannels, experimentsEvents } from './features/experiments';
import { linksChannels, linksEvents } from './features/links';
import { undoChannels, undoEvents } from './features/undo';
import { desktopChannels, desktopEvents } from './features/desktop';
import { publishingChannels, publishingEvents } from './features/publishing';
import { backupsChannels, backupsEvents } from './features/backups';
import { workspaceChannels, workspaceEvents } from './features/workspace';
import { apiTokensChannels, apiTokensEvents } from './features/api-tokens';

const NoInput = z.strictObject({}).optional();

const Platforms = z
  .array(PlatformSchema)
  .min(1, 'Pick at least one platform')
  .refine((list) => new Set(list).size === list.length, { message: 'A platform is listed twice' });
/** Connected accounts a post goes to; each becomes one copy (target). */
const AccountIds = z
  .array(Id)
  .min(1, 'Pick at least one account')
  .max(50, 'A post goes to at most 50 accounts')
  .refine((list) => new Set(list).size === list.length, { message: 'An account is listed twice' });

/**
 * Where a browser sign-in started by accounts:connect stands, for clients that poll rather than
 * listen for accounts:connectFinished: waiting, then connected, failed, cancelled or expired.
 */
const ConnectStatus = z.object({
  flowId: Id,
  platform: PlatformSchema,
  state: z.enum(['waiting', 'connected', 'failed', 'cancelled', 'expired']),
  startedAt: IsoInstant,
  /** When the sign-in stops waiting for the browser (it is then `expired`). */
  expiresAt: IsoInstant,
  finishedAt: IsoInstant.nullable(),
  /** The connected account, once `connected`. */
  account: Account.nullable(),
  /** Why it did not connect, once `failed`, `cancelled` or `expired`. */
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).nullable(),
});

const ListScope = z.enum(['upcoming', 'drafts', 'all', 'attention', 'published']).default('upcoming');
const PageLimit = z.number().int().min(1, 'Ask for at least one post').max(1000, 'Ask for at most 1,000 posts at a time').optional();

/** The channels that belong to no feature folder (yet). */
const coreChannels = {
  'app:info': { input: NoInput, output: AppInfo },

  'settings:get': { input: NoInput, output: Settings },
  'settings:update': { input: Settings.partial().extend({ timeZone: Zone.optional() }).strict(), output: Settings },

  'posts:list': {
    /**
     * upcoming: a copy on its way out (soonest first); drafts: every copy a draft (last edited
     * first); all: every post (newest first); attention: failed, unconfirmed or missed and not
     * going out again, and published: went out with nothing left to fix (both latest first).
     * A page of 200 unless `limit` says otherwise (at most 1,000); `offset` skips that many
     * first, so a script reads a long scope page by page until a page comes back short.
     */
    input: z.strictObject({
      scope: ListScope,
      limit: PageLimit,
      offset: z.number().int().min(0, 'An offset is 0 or more').max(10_000_000, 'An offset is at most 10,000,000').optional(),
      campaignId: Id.optional(),
    }),
    output: z.array(Post),
  },
  /**
   * posts:list's scopes read page after page by a cursor: `next` is where this page stopped (null
   * after the last page); send it back as `cursor` for the next page. Exact while posts move (one
   * going out between two pages neither hides another nor comes back), and a page deep in the
   * history costs a page. A cursor belongs to its scope and campaign.
   */
  'posts:page': {
    input: z.strictObject({
      scope: ListScope,
      limit: PageLimit,
      campaignId: Id.optional(),
      cursor: z.string().min(1, 'A cursor is the `next` of the page before').max(1000, 'A cursor is at most 1,000 characters').optional(),
    }),
    output: z.object({ posts: z.array(Post), next: z.string().nullable() }),
  },
  /**
   * The four lists the app's sidebar and list view show (posts:list's upcoming, drafts,
   * attention and published), read at one moment: read one by one, a post going out between two
   * reads showed as "Publishing" in one list and "Published" in another. Upcoming and drafts
   * hold their first `upcoming` and `drafts` posts (LIST_SECTION_STEP unless asked for more),
   * `more` says how many each leaves out; attention and published are the latest 200.
   */
  'posts:lists': {
    input: z
      .strictObject({
        upcoming: z.number().int().min(1).max(LIST_SECTION_MAX).optional(),
        drafts: z.number().int().min(1).max(LIST_SECTION_MAX).optional(),
      })
      .optional(),
    output: z.object({
      upcoming: z.array(Post),
      drafts: z.array(Post),
      attention: z.array(Post),
      published: z.array(Post),
      /** Posts on their way out and drafts after the ones sent. */
      more: z.object({ upcoming: z.number().int().min(0), drafts: z.number().int().min(0) }),
      /** Every post whose copies are all drafts without a time (the sidebar lists the newest of them). */
      untimedDrafts: z.number().int().min(0),
      /** Copies in review, approved or scheduled, by account id: what disconnecting an account would leave without a way out. */
      waiting: z.record(z.string(), z.number().int().min(0)),
    }),
  },
  'posts:get': { input: z.strictObject({ id: Id }), output: Post },
  'posts:create': {
    input: z.strictObject({
      text: PostText,
      /** The accounts it goes to. Naming a platform instead works where it has one account (or none yet). */
      accounts: AccountIds.optional(),
      platforms: Platforms.optional(),
      /** null saves a draft. */
      schedule: ScheduleInput.nullable(),
      /** Further parts of a thread, each its own post replying to the one before. */
      thread: z.array(PostText).max(25, 'A thread of more than 26 posts is too long to publish reliably').default([]),
      firstComment: PostText.nullable().default(null),
      /** Publish even though the duplicate guard blocks it (the creator chose "Post anyway"). */
      override: z.boolean().default(false),
    }),
    output: Post,
  },
  'posts:update': {
    input: z.strictObject({
      id: Id,
      text: PostText.optional(),
      accounts: AccountIds.optional(),
      platforms: Platforms.optional(),
      schedule: ScheduleInput.nullable().optional(),
      /** The whole thread after the post (replaces it); [] removes it. Not while a copy is out. */
      thread: z.array(PostText).max(25, 'A thread of more than 26 posts is too long to publish reliably').optional(),
      /** The first comment; null removes it. Not while a copy is out. */
      firstComment: PostText.nullable().optional(),
      override: z.boolean().default(false),
    }),
    output: Post,
  },
  'posts:delete': { input: z.strictObject({ id: Id }), output: z.object({ id: Id }) },
  /**
   * Deletes several posts in one transaction: all of them, or none (conflict) when one is being
   * published right now. Posts already gone are left out of the answer's ids.
   */
  'posts:deleteMany': {
    input: z.strictObject({ ids: z.array(Id).min(1, 'Pick at least one post').max(1000, 'Delete at most 1,000 posts at a time') }),
    output: z.object({ ids: z.array(Id) }),
  },
  /**
   * A new draft of the same post, without a time: its words, media (with alt text), thread, first
   * comment, per-platform texts, accounts, campaign, pillar and voice. How a post already out (or
   * being published) is reused, since its copies can't be edited.
   */
  'posts:duplicate': { input: z.strictObject({ id: Id }), output: Post },
  'posts:versions': { input: z.strictObject({ id: Id }), output: z.array(PostVersion) },
  /** Brings an older version's text back as a new version (source 'manual'). */
  'posts:restoreVersion': { input: z.strictObject({ id: Id, number: z.number().int().min(1) }), output: Post },

  'platforms:capabilities': { input: NoInput, output: z.array(PlatformCapabilities) },

  'accounts:list': { input: NoInput, output: z.array(Account) },
  'accounts:connect': {
    input: z.strictObject({
      platform: PlatformSchema,
      /** Mastodon instance or Bluesky PDS, e.g. https://mastodon.social. */
      serverUrl: z.url({ protocol: /^https?$/, message: 'Enter the full address, e.g. https://mastodon.social' }).optional(),
      /** Bluesky: handle or email, and an app password (never the main password). */
      identifier: z.string().min(1).max(256).optional(),
      password: z.string().min(1).max(256).optional(),
    }),
    output: ConnectStart,
  },
  'accounts:cancelConnect': { input: z.strictObject({ flowId: Id }), output: z.object({ flowId: Id }) },
  /** A browser sign-in's progress; a finished one stays readable for 10 minutes. */
  'accounts:connectStatus': { input: z.strictObject({ flowId: Id }), output: ConnectStatus },
  'accounts:disconnect': { input: z.strictObject({ id: Id }), output: z.object({ id: Id }) },

  'apps:list': { input: NoInput, output: z.array(AppCredentials) },
  'apps:set': {
    input: z.strictObject({
      platform: PlatformSchema,
      clientId: z.string().trim().min(1, 'Enter the client ID (or client key) of your app').max(512),
      /** Omit to keep the stored secret. */
      clientSecret: z.string().min(1).max(1024).optional(),
    }),
    output: AppCredentials,
  },

  'bucket:get': { input: NoInput, output: BucketSettings },
  'bucket:set': {
    input: z.strictObject({
      endpoint: z.url({ protocol: /^https?$/, message: 'Enter the full address, e.g. https://s3.eu-central-1.amazonaws.com' }),
      region: z.string().trim().min(1, 'Enter the region (use us-east-1 if your provider has none)').max(64),
      bucket: z.string().trim().min(3, 'Enter the bucket name').max(63),
      accessKeyId: z.string().trim().min(1, 'Enter the access key id').max(256),
      /** Omit to keep the stored secret. */
      secretAccessKey: z.string().min(1).max(512).optional(),
      forcePathStyle: z.boolean().default(true),
    }),
    output: BucketSettings,
  },
  'bucket:test': { input: NoInput, output: z.object({ ok: z.literal(true), warnings: z.array(z.string()) }) },
  'bucket:clear': { input: NoInput, output: BucketSettings },

} as const;

/**
 * Every request the renderer can make, declared once. The Electron handlers, the preload
 * bridge, the browser-mode client and the host router are all derived from this object.
 * A channel declared by two features stops the app at load time (see ./compose.ts).
 */
export const channels = composeOnce('channel', {
  core: coreChannels,
  calendar: calendarChannels,
  'posting-times': queueChannels,
  library: libraryChannels,
  io: ioChannels,
  ideas: ideasChannels,
  review: reviewChannels,
  compose: composeChannels,
  guard: guardChannels,
  campaigns: campaignsChannels,
  planner: plannerChannels,
  'media-library': mediaLibraryChannels,
  writing: writingChannels,
  generation: generationChannels,
  hashtags: hashtagsChannels,
  reports: reportsChannels,
  experiments: experimentsChannels,
  metrics: metricsChannels,
  alerts: alertsChannels,
  analytics: analyticsChannels,
  links: linksChannels,
  undo: undoChannels,
  desktop: desktopChannels,
  publishing: publishingChannels,
  backups: backupsChannels,
  workspace: workspaceChannels,
  'api-tokens': apiTokensChannels,
});

const coreEvents = {
  /**
   * Once per change (one transaction), naming every post it touched; `reason` is the strongest
   * of its kinds (deleted, created, updated, state). `at`: the instants (epoch ms, sorted) the
   * changed copies were and now are due; absent when the change may show on any day (new text,
   * a delete), so a listener that can't tell refreshes what it shows.
   */
  'posts:changed': z.object({
    ids: z.array(Id),
    reason: z.enum(['created', 'updated', 'deleted', 'state']),
    at: z.array(z.number().int()).optional(),
  }),
  'settings:changed': Settings,
  'accounts:changed': z.object({ ids: z.array(Id) }),
  /** An OAuth flow started by accounts:connect ended (in the system browser). */
  'accounts:connectFinished': z.object({
    flowId: Id,
    ok: z.boolean(),
    accountId: Id.nullable(),
    message: z.string().nullable(),
  }),
} as const;

/** Pushes from the core to every open window or browser tab; each declared by one feature. */
export const events = composeOnce('event', {
  core: coreEvents,
  calendar: calendarEvents,
  'posting-times': queueEvents,
  library: libraryEvents,
  io: ioEvents,
  ideas: ideasEvents,
  review: reviewEvents,
  compose: composeEvents,
  guard: guardEvents,
  campaigns: campaignsEvents,
  planner: plannerEvents,
  'media-library': mediaLibraryEvents,
  writing: writingEvents,
  generation: generationEvents,
  hashtags: hashtagsEvents,
  reports: reportsEvents,
  experiments: experimentsEvents,
  metrics: metricsEvents,
  alerts: alertsEvents,
  analytics: analyticsEvents,
  links: linksEvents,
  undo: undoEvents,
  desktop: desktopEvents,
  publishing: publishingEvents,
  backups: backupsEvents,
  workspace: workspaceEvents,
  'api-tokens': apiTokensEvents,
});

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** What `window.api` looks like: one function per channel, and a subscription to pushes. */
export interface LoomcastBridge {
  rpc: { [C in ChannelName]: (input: ChannelInput<C>) => Promise<RpcResult<ChannelOutput<C>>> };
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
