/** Channels of moving a workspace to another computer; merged into the contract in ../channels.ts. */
import { z } from 'zod';

/** What a workspace archive holds, for Settings → Move to another computer. */
export const WORKSPACE_INCLUDED = [
  'Posts with every version, their copies and where each stands (drafts, scheduled, published, failed…)',
  'Media files, templates, ideas, campaigns, pillars, voices and experiments',
  'Analytics: collected numbers, follower counts and reports',
  'Settings, posting times, alert rules, your accounts (signed out) and developer apps’ client IDs',
];

/** What it does not hold, so the file can be carried or stored without giving anyone your sign-ins. */
export const WORKSPACE_LEFT_OUT = [
  'Account sign-ins (tokens and app passwords): each account needs reconnecting.',
  'Client secrets of your developer apps (the client IDs are kept).',
  'The media bucket’s keys (address, region and bucket name are kept).',
  'The API key of your writing model.',
  'Webhook addresses and signing secrets: webhooks are kept, switched off, with only their site.',
  'The calendar feed’s private link: make a new one.',
  'Tokens for agents and scripts: make new ones in Settings.',
  'Recently deleted posts: they can be brought back only on this computer.',
];

export const WorkspaceExport = z.object({
  /** False when the creator closed the save dialog. */
  saved: z.boolean(),
  /** Where the archive was written (on the computer running Loomcast). */
  path: z.string().nullable(),
  bytes: z.number().int().nonnegative().nullable(),
  counts: z
    .object({ posts: z.number().int(), copies: z.number().int(), media: z.number().int(), accounts: z.number().int(), ideas: z.number().int(), templates: z.number().int(), campaigns: z.number().int() })
    .nullable(),
  /** Media the database names whose file was already missing, so not in the archive. */
  missingMedia: z.number().int().nonnegative(),
  /** Browser mode: a one-time id to fetch the file from the host (GET /download/workspace/<id>), for 15 minutes. */
  downloadId: z.string().nullable(),
});
export type WorkspaceExportDto = z.output<typeof WorkspaceExport>;

export const WorkspaceReplace = z.object({
  /** False when the creator closed the desktop app's open dialog. */
  replaced: z.boolean(),
  posts: z.number().int().nonnegative(),
  /** Accounts that come back signed out (every one: archives hold no sign-ins). */
  accountsToReconnect: z.number().int().nonnegative(),
  mediaAdded: z.number().int().nonnegative(),
});
export type WorkspaceReplaceDto = z.output<typeof WorkspaceReplace>;

export const workspaceChannels = {
  /**
   * Writes the whole workspace as one .tar.gz without secrets. The desktop app asks where with a
   * save dialog; browser mode writes it into the exports folder of the data folder and says where.
   */
  'workspace:export': { input: z.strictObject({}).optional(), output: WorkspaceExport },
  /**
   * Replaces this workspace with an archive's (exported here or on another computer): the archive
   * is checked in full first, what you have now is kept as a "Before restore" backup, and the data
   * reopens on the archive's. `path` is a file on the computer running Loomcast; the desktop app
   * asks with an open dialog when it is left out.
   */
  'workspace:replace': { input: z.strictObject({ path: z.string().trim().min(1).max(4096).optional() }), output: WorkspaceReplace },
} as const;

export const workspaceEvents = {} as const;
