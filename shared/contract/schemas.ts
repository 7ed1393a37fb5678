import { z } from 'zod';
import { PLATFORMS } from '../domain/platforms';
import { ACCOUNT_STATUSES, TARGET_STATES } from '../domain/states';
import { canonicalLocale } from '../domain/datetime-format';
import { isKnownZone, zoneProblem } from '../domain/time';

export const Id = z.string().min(1).max(64);
export const IsoInstant = z.iso.datetime({ offset: true });
/** A time zone a creator names anew: an IANA place name or UTC, not an abbreviation (zoneProblem says why). */
export const Zone = z.string().superRefine((zone, ctx) => {
  const problem = isKnownZone(zone) ? zoneProblem(zone) : 'Not a known IANA time zone';
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
/**
 * Any zone the zone database reads, abbreviations included: for zones already stored (Settings,
 * a post's) and read back, which older versions accepted and which must keep loading.
 */
export const KnownZone = z.string().refine(isKnownZone, { message: 'Not a known IANA time zone' });
export const PlatformSchema = z.enum(PLATFORMS);
export const TargetStateSchema = z.enum(TARGET_STATES);

export const ScheduleInput = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD'),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:mm (24-hour)'),
  /**
   * Defaults to the zone in Settings. An IANA place name such as Europe/Berlin, or UTC; not an
   * abbreviation such as EST, unless it is the zone Settings or the post already has (saved before
   * abbreviations were refused). The posts service checks that, so the schema takes any known zone.
   */
  zone: KnownZone.optional(),
});

export const PostText = z
  .string()
  .max(100_000, 'Text is longer than any platform accepts')
  .refine((s) => s.trim().length > 0, { message: 'Write something first: the text is empty' });

export const Target = z.object({
  id: Id,
  platform: PlatformSchema,
  accountId: Id.nullable(),
  /** This copy's own text where it differs from the post's; null uses the post's text. */
  textOverride: z.string().nullable(),
  state: TargetStateSchema,
  scheduledAt: IsoInstant.nullable(),
  zone: z.string().nullable(),
  lastError: z.string().nullable(),
  /** The platform's own words about the last error, for "details". */
  lastErrorDetails: z.string().nullable(),
  platformUrl: z.string().nullable(),
});

export const Post = z.object({
  id: Id,
  text: z.string(),
  version: z.number().int().positive(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  /** The earliest scheduled target, if any; with the zone it was planned in. */
  scheduledAt: IsoInstant.nullable(),
  zone: z.string().nullable(),
  targets: z.array(Target),
  /** Later parts of a thread, published as replies after the main post where the platform has threads. */
  thread: z.array(z.string()),
  /** Published as a reply to the main post, where the platform takes a first comment. */
  firstComment: z.string().nullable(),
  /** Who made it: the creator, an agent or a script over the local API (with the client's name), or Loomcast; null before 0.14. */
  createdBy: z.object({ actor: z.enum(['user', 'agent', 'script', 'system']), client: z.string().nullable() }).nullable(),
});

/** What one platform can publish in this version of Loomcast. */
export const PlatformCapabilities = z.object({
  platform: PlatformSchema,
  available: z.boolean(),
  text: z.boolean(),
  images: z.boolean(),
  video: z.boolean(),
  requiresMedia: z.boolean(),
  maxImages: z.number().int(),
  threads: z.boolean(),
  firstComment: z.boolean(),
});

/** A version's thread and first comment, as written with its words (schema 23). */
export const VersionParts = z.object({ thread: z.array(z.string()), firstComment: z.string().nullable() });
export type VersionPartsDto = z.infer<typeof VersionParts>;

export const PostVersion = z.object({
  number: z.number().int().positive(),
  text: z.string(),
  source: z.enum(['manual', 'template', 'ai', 'import']),
  createdAt: IsoInstant,
  /** Who wrote these words: the creator, an agent or a script (with its client's name), or Loomcast; null for versions saved before schema 21 (the first one's is the post's maker). */
  writtenBy: Post.shape.createdBy,
  /** Its thread and first comment; null for versions saved before schema 23, which did not keep them. */
  parts: VersionParts.nullable(),
});

/** A step of the first-run welcome path. */
const FirstRunStep = z.enum(['zone', 'account', 'voice', 'times', 'plan']);

export const Settings = z.object({
  /** An IANA place name such as Europe/Berlin, or UTC. One saved before abbreviations were refused ("EST") still reads back; settings:update takes only a place name or UTC. */
  timeZone: KnownZone,
  theme: z.enum(['system', 'light', 'dark']),
  /** 24-hour or 12-hour clock, or the one the creator's locale uses ('system'). */
  timeFormat: z.enum(['system', 'h23', 'h12']),
  /**
   * The creator's OS locale as the app's window reads it (BCP 47, e.g. "en-GB"): the order of day
   * and month, and the clock when timeFormat is 'system'. The window reports it at start, so
   * messages the core writes match the screen.
   */
  locale: z.string().max(64).refine((tag) => canonicalLocale(tag) !== null, { message: 'Use a language tag such as en-GB or en-US' }),
  /** A post found due this late (the machine slept, Loomcast was closed) is held, not sent. */
  missedGraceMinutes: z.number().int().min(0).max(7 * 24 * 60),
  missedAction: z.enum(['hold', 'publish']),
  /** Posts the creator writes by hand skip the review queue; generated and imported ones never do. */
  autoApproveOwnPosts: z.boolean(),
  /** Imported rows skip the review queue and go straight onto the schedule (off by default). */
  importedPostsSkipReview: z.boolean(),
  /** Posts an AI agent makes or schedules over the local API wait in Review, and agents cannot approve (on by default). */
  agentPostsWaitInReview: z.boolean(),
  /**
   * The first-run welcome path: open until finished or dismissed; `steps` are the ones done or
   * skipped, `skipped` those of them skipped (absent before skips were told apart: all read as done).
   */
  firstRun: z
    .object({
      state: z.enum(['open', 'finished', 'dismissed']),
      steps: z.array(FirstRunStep).max(5),
      skipped: z.array(FirstRunStep).max(5).optional(),
    })
    .optional(),
});

export const Alert = z.object({
  id: z.number().int(),
  at: IsoInstant,
  kind: z.enum(['post_failed', 'post_unconfirmed', 'post_missed', 'account_needs_reconnect', 'thread_stopped']),
  title: z.string(),
  body: z.string(),
  subject: z.object({ kind: z.enum(['post', 'account']), id: Id }).nullable(),
  readAt: IsoInstant.nullable(),
});

export const Account = z.object({
  id: Id,
  platform: PlatformSchema,
  handle: z.string(),
  displayName: z.string().nullable(),
  status: z.enum(ACCOUNT_STATUSES),
  lastError: z.string().nullable(),
  tokenExpiresAt: IsoInstant.nullable(),
  /**
   * When the sign-in stops working unless the creator reconnects; null when Loomcast renews it on
   * its own or it never ends (or has not been looked at yet).
   */
  signInEndsAt: IsoInstant.nullable(),
  /** True when that end falls within the token-expiry alert's warning window (or has passed). */
  signInEndsSoon: z.boolean(),
  rateLimitedUntil: IsoInstant.nullable(),
  /** The Mastodon instance or Bluesky PDS; null for the other platforms. */
  serverUrl: z.string().nullable(),
  createdAt: IsoInstant,
});

export const VaultStatus = z.object({
  available: z.boolean(),
  /** Why secrets can't be kept, in the creator's words, when unavailable. */
  message: z.string().nullable(),
  /** The keychain library's own words. */
  details: z.string().nullable(),
});

export const AppInfo = z.object({
  name: z.literal('Loomcast'),
  version: z.string(),
  mode: z.enum(['desktop', 'browser']),
  dataDir: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  systemTimeZone: z.string(),
  vault: VaultStatus,
  /** How the data folder was chosen: the OS default, picked in Settings, LOOMCAST_DATA_DIR, or --data-dir. */
  dataDirSource: z.enum(['default', 'picked', 'env', 'flag']),
  /** Browser mode started with --headless (a service, e.g. on a home server), and the machine it runs on. */
  service: z.object({ headless: z.boolean(), hostname: z.string() }),
});

/** The creator's own developer app for a platform; the secret itself never leaves the vault. */
export const AppCredentials = z.object({
  platform: PlatformSchema,
  /** Mastodon registers an app per instance and Bluesky uses app passwords: no app to enter. */
  needsApp: z.boolean(),
  clientId: z.string().nullable(),
  hasSecret: z.boolean(),
  /** The redirect URL to register with the platform. */
  redirectUri: z.string().nullable(),
});

export const ConnectStart = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('connected'), account: Account }),
  z.object({
    kind: z.literal('authorize'),
    flowId: Id,
    url: z.string(),
    /** True when Loomcast opened the system browser itself (desktop); a browser tab opens it otherwise. */
    opened: z.boolean(),
  }),
]);

/** The creator's S3-compatible bucket for platforms that fetch media by URL; no secrets. */
export const BucketSettings = z.object({
  configured: z.boolean(),
  endpoint: z.string().nullable(),
  region: z.string().nullable(),
  bucket: z.string().nullable(),
  accessKeyId: z.string().nullable(),
  forcePathStyle: z.boolean(),
  hasSecret: z.boolean(),
});

export type TargetDto = z.infer<typeof Target>;
export type PostDto = z.infer<typeof Post>;
export type PostVersionDto = z.infer<typeof PostVersion>;
export type SettingsDto = z.infer<typeof Settings>;
export type AccountDto = z.infer<typeof Account>;
export type AppInfoDto = z.infer<typeof AppInfo>;
export type AlertDto = z.infer<typeof Alert>;
export type AppCredentialsDto = z.infer<typeof AppCredentials>;
export type ConnectStartDto = z.infer<typeof ConnectStart>;
export type BucketSettingsDto = z.infer<typeof BucketSettings>;
export type PlatformCapabilitiesDto = z.infer<typeof PlatformCapabilities>;
export type ScheduleInputDto = z.infer<typeof ScheduleInput>;
