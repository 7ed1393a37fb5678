import { join } from 'node:path';
import { EXIT } from '../client';
import type { Command } from '../command';
import { usageError } from '../context';

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

export const backup: Command = {
  name: 'backup',
  summary: 'backup: back up the database now (a checked copy, kept until you delete it)',
  usage: 'loomcast backup [--json]\n  Makes a checked copy of the database in the data folder’s backups folder, as Settings → Backups → Back up now.',
  options: {},
  async run(ctx, _values, positionals) {
    if (positionals.length) throw usageError(`backup takes no words ("${positionals.join(' ')}").`);
    const api = await ctx.api();
    const made = await api.call('backups:create');
    const { folder } = await api.call('backups:list');
    if (ctx.json) ctx.printJson({ ...made, path: join(folder, made.name) });
    else ctx.out(`Backed up: ${join(folder, made.name)} (${size(made.sizeBytes)}).`);
    return EXIT.ok;
  },
};
