import type { Statement } from 'better-sqlite3';
import type { Db } from './open';

/** A row as SQLite gave it: column → value (BLOBs as Buffers). */
export type StoredRow = Record<string, unknown>;

/** A row kept as JSON: BLOB values are written as `{ "$b64": "…" }` and read back as Buffers. */
export const rowToJson = (row: StoredRow): StoredRow => {
  const out: StoredRow = {};
  for (const [k, v] of Object.entries(row)) out[k] = Buffer.isBuffer(v) ? { $b64: v.toString('base64') } : v;
  return out;
};

export const rowFromJson = (row: StoredRow): StoredRow => {
  const out: StoredRow = {};
  for (const [k, v] of Object.entries(row)) {
    const b64 = v !== null && typeof v === 'object' ? (v as { $b64?: unknown }).$b64 : undefined;
    out[k] = typeof b64 === 'string' ? Buffer.from(b64, 'base64') : v;
  }
  return out;
};

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
const inserts = new WeakMap<Db, Map<string, Statement>>();

/**
 * Puts a stored row back into `table` as it was, column for column (the columns are the row's
 * own keys, checked against the table by SQLite). Used to bring back what a delete kept.
 */
export function insertStoredRow(db: Db, table: string, row: StoredRow): void {
  const columns = Object.keys(row);
  const key = `${table}\u0000${columns.join('\u0000')}`;
  let byKey = inserts.get(db);
  if (!byKey) inserts.set(db, (byKey = new Map()));
  let stmt = byKey.get(key);
  if (!stmt) {
    stmt = db.prepare(`INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    byKey.set(key, stmt);
  }
  stmt.run(...columns.map((c) => row[c]));
}

export { quoted as quotedName };
