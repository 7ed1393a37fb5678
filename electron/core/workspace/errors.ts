/**
 * Why a workspace archive was refused or could not be written. Every refusal happens before the
 * target folder is touched; the message names what is wrong in words a creator can act on.
 */
export type WorkspaceErrorKind =
  /** Not a gzip'd tar file at all, or a tar file that is damaged. */
  | 'not_an_archive'
  /** A tar file, but not one Loomcast wrote (no manifest first, unknown format). */
  | 'not_a_workspace'
  /** Written by a newer Loomcast whose archive format this version does not read. */
  | 'wrong_format_version'
  /** Its database was written by a newer Loomcast (a higher schema version). */
  | 'newer_schema'
  /** Its database has migrations this build does not know as written. */
  | 'unknown_schema'
  /** An entry's bytes do not match the SHA-256 or size the manifest gives. */
  | 'checksum_mismatch'
  /** An entry that could write outside the folder: a path with `..`, an absolute path, a link. */
  | 'unsafe_entry'
  /** Larger than the limits (archive, entries, or total unpacked size). */
  | 'too_large'
  /** Entries the manifest lists are missing, or the database names media the archive lacks. */
  | 'incomplete'
  /** `PRAGMA integrity_check` found damage in the archived database. */
  | 'corrupt_database'
  /** The folder to import into already holds something. */
  | 'target_not_empty'
  /** Not enough free space where the workspace would be written. */
  | 'no_space'
  /** The export could not leave a secret out (it would rather fail than leak). */
  | 'secret_left';

export class WorkspaceArchiveError extends Error {
  constructor(
    readonly kind: WorkspaceErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'WorkspaceArchiveError';
  }
}
