/** A keychain stand-in both the crash children and the parent read: one JSON file, replaced whole on each write. */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Vault } from '../../../../electron/core/deps';

export function fileVault(file: string): Vault {
  const read = (): Record<string, string> => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {});
  const write = (all: Record<string, string>) => {
    writeFileSync(`${file}.tmp`, JSON.stringify(all));
    renameSync(`${file}.tmp`, file);
  };
  return {
    status: async () => ({ available: true }),
    get: async (id) => read()[id] ?? null,
    set: async (id, secret) => write({ ...read(), [id]: secret }),
    delete: async (id) => {
      const all = read();
      const had = id in all;
      delete all[id];
      write(all);
      return had;
    },
  };
}
