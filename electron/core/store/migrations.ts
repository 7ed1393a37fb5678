import { createHash } from 'node:crypto';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

// Bundled at build time (Vite/Vitest) so the desktop app, the host and the tests read the
// same SQL without depending on files beside the bundle.
const files = import.meta.glob('./migrations/*.sql', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export function checksum(sql: string): string {
  // Line endings differ between checkouts; the meaning of the SQL does not.
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

export function parseMigrations(sources: Record<string, string>): Migration[] {
  const list = Object.entries(sources).map(([path, sql]) => {
    const m = /(\d{4})_([a-z0-9_]+)\.sql$/.exec(path);
    if (!m) throw new Error(`Migration file ${path} must be named NNNN_snake_name.sql`);
    return { version: Number(m[1]), name: m[2]!, sql, checksum: checksum(sql) };
  });
  list.sort((a, b) => a.version - b.version);
  list.forEach((mig, i) => {
    if (mig.version !== i + 1) throw new Error(`Migrations must be numbered 1, 2, 3… without gaps; found ${mig.version} at position ${i + 1}`);
  });
  return list;
}

export const MIGRATIONS: readonly Migration[] = parseMigrations(files);
