import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { decodeTextFile } from '../../../shared/domain/text-file';
import { ApiError, EXIT } from '../client';
import type { Command } from '../command';
import { usageError } from '../context';
import { ambiguousSlashedDate, chooseDateOrder, dateOrderFlag, dateOrderNote } from '../date-order';

export const importCsv: Command = {
  name: 'import',
  summary: 'import FILE.csv [--dry-run]: check every row, then import them all or none',
  usage: `loomcast import FILE.csv [--dry-run] [--accounts LIST] [--zone ZONE] [--date-order dmy|mdy] [--layout auto|loomcast|hootsuite] [--json]
  Loomcast's own CSV columns or Hootsuite's bulk-composer layout. Every row is checked first;
  if any row has a problem nothing is imported and each problem is listed with its line.
  --dry-run      check only, import nothing
  --accounts     where rows that name no accounts go, e.g. "bluesky; mastodon:@me@example.social"
  --zone         the time zone of rows that name none (default: the app's time zone)
  --date-order   how 01/12/2026 reads: dmy (1 December) or mdy (January 12); by default the
                 order of your locale (Loomcast's settings), as in the app: mdy in the US,
                 dmy in Britain. A file with dates both orders can read says which it used.
  Media paths in the file are read relative to the file's folder.`,
  options: {
    'dry-run': { type: 'boolean', default: false },
    accounts: { type: 'string' },
    zone: { type: 'string' },
    'date-order': { type: 'string' },
    layout: { type: 'string' },
  },
  async run(ctx, values, positionals) {
    if (positionals.length !== 1) throw usageError('Name one CSV file: loomcast import posts.csv');
    const file = resolve(ctx.io.cwd, positionals[0]!);
    const flagOrder = dateOrderFlag(values['date-order'] as string | undefined);
    const layout = (values.layout as string | undefined) ?? 'auto';
    if (!['auto', 'loomcast', 'hootsuite'].includes(layout)) throw usageError(`--layout takes auto, loomcast or hootsuite, not "${layout}".`);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      throw new ApiError(EXIT.usage, `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
    }
    let csv: string;
    try {
      csv = decodeTextFile(bytes, file);
    } catch (err) {
      throw new ApiError(EXIT.refused, (err as Error).message);
    }
    // As the app's Import screen starts: the order the creator's locale writes dates in.
    const dateOrder = await chooseDateOrder(flagOrder, async () => (await ctx.prefs()).locale);
    const options = { dateOrder: dateOrder.order, mediaFolder: dirname(file), ...(values.zone ? { zone: values.zone as string } : {}) };
    const api = await ctx.api();
    const preview = await api.call('io:importPreview', { csv, layout: layout as 'auto', accounts: (values.accounts as string | undefined) ?? '', options });
    const rows = preview.rows.filter((r) => !r.skip);
    const withErrors = rows.filter((r) => r.errors.length > 0);
    const warnings = rows.reduce((n, r) => n + r.warnings.length, 0);
    const problems = preview.rows.flatMap((r) => [...r.errors.map((i) => ({ line: r.line, level: 'error', ...i })), ...r.warnings.map((i) => ({ line: r.line, level: 'warning', ...i }))]);
    const dry = values['dry-run'] === true;
    // A date both orders read (03/04/2027) is read one way without a word from the core: say which.
    const twoWays = ambiguousSlashedDate(preview.rows.map((r) => r.fields.when));
    let committed = null;
    if (!dry && withErrors.length === 0 && rows.length > 0) {
      committed = await api.call('io:importCommit', { importId: randomUUID(), rows: preview.rows.map((r) => ({ line: r.line, fields: r.fields, skip: r.skip })), options, previewToken: preview.token });
    }
    if (ctx.json) {
      ctx.printJson({ file, layout: preview.layout, zone: preview.zone, dateOrder: dateOrder.order, dateOrderFrom: 'flag' in dateOrder.from ? 'flag' : 'locale', rows: preview.rows.length, valid: rows.length - withErrors.length, withErrors: withErrors.length, warnings, problems, imported: committed, dryRun: dry });
    } else {
      ctx.out(`${file}: ${preview.rows.length} ${preview.rows.length === 1 ? 'row' : 'rows'} (${preview.layout} layout, times in ${preview.zone}): ${rows.length - withErrors.length} ready, ${withErrors.length} with problems, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}.`);
      if (twoWays) ctx.out(dateOrderNote(twoWays, dateOrder));
      for (const p of problems) ctx.out(`  line ${p.line}: ${p.level === 'error' ? 'problem' : 'note'} in ${p.field}: ${p.message}`);
      if (committed) ctx.out(`Imported ${committed.posts} ${committed.posts === 1 ? 'post' : 'posts'} (${committed.targets} ${committed.targets === 1 ? 'copy' : 'copies'}), skipped ${committed.skipped}.`);
      else if (dry) ctx.out('Dry run: nothing was imported.');
      else if (withErrors.length > 0) ctx.out('Nothing was imported: fix the rows above (or open the file in the app’s Import screen) and run it again.');
    }
    return withErrors.length > 0 ? EXIT.refused : EXIT.ok;
  },
};
