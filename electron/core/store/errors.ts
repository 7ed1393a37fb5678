/** A backup a refusal points to as the way back (see ./recovery.ts). */
export interface RecoveryBackup {
  name: string;
  path: string;
  /** Epoch ms the backup was taken at. */
  takenAt: number;
}

/** Raised before anything is written: the database file is left exactly as it was. */
export class StoreRefusedError extends Error {
  constructor(
    /** `corrupt`: the file failed its integrity check at start (or SQLite found it damaged while reading). */
    readonly kind: 'from_future' | 'edited_migration' | 'not_a_database' | 'corrupt',
    message: string,
    /** The newest backup that passed its integrity check, when there is one to go back to. */
    readonly recovery: RecoveryBackup | null = null,
  ) {
    super(message);
    this.name = 'StoreRefusedError';
  }
}
