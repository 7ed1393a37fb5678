import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApiError, EXIT } from '../client';
import type { Command } from '../command';
import { usageError } from '../context';
import { parseInstant } from '../dates';

export const exportCmd: Command = {
  name: 'export',
  summary: 'export --ics|--csv [--out FILE]: the schedule as a calendar file or CSV',
  usage: `loomcast export --ics|--csv [--from DATE] [--to DATE] [--out FILE] [--json]
  --ics    scheduled, publishing and published posts as an iCalendar (.ics) file
  --csv    every dated copy in the import's own columns (a time the clocks repeat, such as the
           second 02:30 of the night they go back, carries its UTC offset: 02:30+01:00)
  --out    write to FILE (otherwise the file's content goes to standard output)`,
  options: { ics: { type: 'boolean', default: false }, csv: { type: 'boolean', default: false }, out: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  async run(ctx, values, positionals) {
    if (positionals.length) throw usageError(`export takes no words, only options ("${positionals.join(' ')}").`);
    if (values.ics === values.csv) throw usageError('Pick one format: --ics or --csv.');
    const api = await ctx.api();
    let range = {};
    if (values.from || values.to) {
      const { zone } = await ctx.prefs();
      range = {
        ...(values.from ? { from: parseInstant(values.from as string, zone, '--from').toISO()! } : {}),
        ...(values.to ? { to: parseInstant(values.to as string, zone, '--to', true).toISO()! } : {}),
      };
    }
    const file = await api.call(values.ics ? 'io:exportIcs' : 'io:exportCsv', range);
    const out = values.out ? resolve(ctx.io.cwd, values.out as string) : null;
    if (out) {
      try {
        writeFileSync(out, file.content);
      } catch (err) {
        throw new ApiError(EXIT.refused, `Cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
      }
    }
    if (ctx.json) ctx.printJson(out ? { ...file, content: undefined, writtenTo: out } : file);
    else if (out) ctx.out(`Wrote ${file.count} ${values.ics ? (file.count === 1 ? 'event' : 'events') : file.count === 1 ? 'row' : 'rows'} to ${out}.`);
    else ctx.io.stdout(file.content);
    return EXIT.ok;
  },
};
