/**
 * Channels of the desktop integration: notification switches (both modes), launch at login and
 * the data folder's move (desktop only: the core refuses them and says what to do instead; the
 * Electron shell answers them). Merged into the contract in ../channels.ts.
 */
import { z } from 'zod';
import { ALERT_RULES } from './alerts';

/** Every kind of desktop notification: each alert rule, and the tray's "still running" notice. */
export const NOTIFICATION_KINDS = [...ALERT_RULES, 'still_running'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

const on = z.boolean().default(true);
/** Which kinds show a desktop notification; a kind switched off is still kept in the alerts inbox. Missing kinds read as on. */
export const NotificationSwitches = z.object(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, on])) as Record<NotificationKind, typeof on>);
export type NotificationSwitchesDto = z.output<typeof NotificationSwitches>;
export const DEFAULT_NOTIFICATION_SWITCHES: NotificationSwitchesDto = NotificationSwitches.parse({});

export const LoginItemState = z.object({
  /** This system can start Loomcast at login. */
  supported: z.boolean(),
  /** Read back from the system (login items) or the autostart file, never remembered. */
  enabled: z.boolean(),
  /** Where the setting lives, in the creator's words (a file path on Linux). */
  where: z.string().nullable(),
  /** Something the creator should know (macOS waiting for approval, an entry pointing at a moved AppImage). */
  note: z.string().nullable(),
});
export type LoginItemStateDto = z.infer<typeof LoginItemState>;

export const DataFolderMove = z.object({
  /** False when the creator closed the folder picker. */
  moved: z.boolean(),
  from: z.string(),
  to: z.string().nullable(),
});
export type DataFolderMoveDto = z.infer<typeof DataFolderMove>;

/** How far a move's copy got: bytes and files of the whole (the database counts as one file). */
export const DataFolderMoveProgress = z.object({
  to: z.string(),
  /** database, files, then flushing (making sure all of it is on the disk); done, failed or cancelled last. */
  phase: z.enum(['database', 'files', 'flushing', 'done', 'failed', 'cancelled']),
  doneBytes: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
  doneFiles: z.number().int().nonnegative(),
  totalFiles: z.number().int().nonnegative(),
  /** Failed or cancelled only: what happened, in words (the move's own answer says it too). */
  problem: z.string().nullable(),
});
export type DataFolderMoveProgressDto = z.infer<typeof DataFolderMoveProgress>;

const NoInput = z.strictObject({}).optional();

export const desktopChannels = {
  'notifications:switches': { input: NoInput, output: NotificationSwitches },
  /** Changes the kinds given; the others keep their value. */
  'notifications:setSwitches': { input: z.strictObject(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, z.boolean().optional()])) as Record<NotificationKind, z.ZodOptional<z.ZodBoolean>>), output: NotificationSwitches },
  /** Desktop only: whether Loomcast starts when the creator logs in. */
  'desktop:loginItem': { input: NoInput, output: LoginItemState },
  'desktop:setLoginItem': { input: z.strictObject({ enabled: z.boolean() }), output: LoginItemState },
  /**
   * Desktop only: asks for another data folder, copies the workspace there (the database by
   * SQLite's backup, media and the rest as files, each flushed to the disk), points the app at it
   * and restarts. The old folder stays. Meanwhile every change is refused (conflict) and
   * desktop:moveProgress says how far the copy got; a failed copy is taken back.
   */
  'desktop:moveDataFolder': { input: NoInput, output: DataFolderMove },
  /**
   * Stops a data folder move while it copies: the copy is taken back and the app goes on in its
   * folder. `cancelled` false: no move was copying (none started, or its copy is already on disk).
   */
  'desktop:cancelMove': { input: NoInput, output: z.object({ cancelled: z.boolean() }) },
} as const;

export const desktopEvents = {
  /** The data folder's move, as it copies (desktop:moveDataFolder). */
  'desktop:moveProgress': DataFolderMoveProgress,
} as const;
