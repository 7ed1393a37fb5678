/** Channels of Settings → Backups; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { IsoInstant } from '../schemas';

export const BackupKindSchema = z.enum(['daily', 'pre-migration', 'manual', 'pre-restore']);
export type BackupKindDto = z.infer<typeof BackupKindSchema>;

/** A backup's file name, as backups:list gave it (never a path: restores only come from the backups folder). */
const BackupFileName = z
  .string()
  .max(120)
  .regex(/^loomcast-[a-z0-9-]+-\d{8}T\d{9}Z\.sqlite$/, 'Pick a backup from the list');

export const Backup = z.object({
  name: z.string(),
  kind: BackupKindSchema,
  takenAt: IsoInstant,
  sizeBytes: z.number().int().nonnegative(),
  /** The schema a pre-migration backup was taken at; null for the others. */
  schemaVersion: z.number().int().positive().nullable(),
});
export type BackupDto = z.infer<typeof Backup>;

const NoInput = z.strictObject({}).optional();

export const backupsChannels = {
  /** Every backup in `<dataDir>/backups/`, newest first, and the folder they are in. */
  'backups:list': { input: NoInput, output: z.object({ folder: z.string(), backups: z.array(Backup) }) },
  /** Back up now: a checked copy of the database as it is (kind manual, kept until deleted by hand). */
  'backups:create': { input: NoInput, output: Backup },
  /**
   * Goes back to a backup: the current database is backed up (kind pre-restore), the chosen one
   * takes its place and the core reopens on it. Requests made meanwhile wait for the reopened core.
   */
  'backups:restore': { input: z.strictObject({ name: BackupFileName }), output: z.object({ restored: Backup }) },
} as const;

export const backupsEvents = {} as const;
