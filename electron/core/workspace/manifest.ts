/** The manifest at the head of every workspace archive, and the limits an import enforces. */
import { z } from 'zod';

export const ARCHIVE_FORMAT = 'loomcast-workspace';
export const ARCHIVE_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const DATABASE_ENTRY = 'loomcast.sqlite';
/** The only names an archive may hold besides the manifest: the database and media by SHA-256. */
export const CONTENT_ENTRY = /^(?:loomcast\.sqlite|media\/[0-9a-f]{64})$/;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex');

export const ManifestEntry = z.strictObject({
  path: z.string().regex(CONTENT_ENTRY, 'loomcast.sqlite or media/<sha256>'),
  bytes: z.number().int().nonnegative(),
  sha256: Sha256,
});

/** Read in two steps: the format first (so a newer format is named as such), then the rest. */
export const ManifestHead = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.number().int().positive(),
});

export const Manifest = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(ARCHIVE_FORMAT_VERSION),
  app: z.strictObject({ name: z.literal('Loomcast'), version: z.string().max(64) }),
  /** The database's migration count when it was exported. */
  schemaVersion: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  /** Rows per table of the archived database. */
  counts: z.record(z.string().max(128), z.number().int().nonnegative()),
  entries: z.array(ManifestEntry).min(1),
  /** Media the database names whose file was already missing from the data folder at export. */
  missingMedia: z.array(Sha256),
  /** What was left out or blanked so the archive holds no secret, in plain words. */
  leftOut: z.array(z.string().max(500)),
});
export type Manifest = z.output<typeof Manifest>;

export interface ImportLimits {
  /** The archive file itself (compressed). */
  maxArchiveBytes: number;
  /** All entries together, unpacked. */
  maxTotalBytes: number;
  /** Any one entry, unpacked. */
  maxEntryBytes: number;
  maxEntries: number;
  maxManifestBytes: number;
}

const GiB = 1024 ** 3;
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxArchiveBytes: 64 * GiB,
  maxTotalBytes: 64 * GiB,
  maxEntryBytes: 16 * GiB,
  maxEntries: 200_000,
  maxManifestBytes: 32 * 1024 * 1024,
};
