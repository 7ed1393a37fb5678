/** Raised before anything is written: the database file is left exactly as it was. */
export class StoreRefusedError extends Error {
  constructor(
    readonly kind: 'from_future' | 'edited_migration' | 'not_a_database',
    message: string,
  ) {
    super(message);
    this.name = 'StoreRefusedError';
  }
}
