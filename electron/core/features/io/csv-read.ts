/**
 * Reading an import file: CSV text in, one set of editable fields per row out. Two layouts:
 *
 * - Loomcast's: a header row naming the columns (date and time, or one ISO timestamp; text,
 *   accounts, link, media, alt text, first comment, campaign, zone), in any order, with a few
 *   common spellings of each name. Columns Loomcast's own export adds (state, post id…) and
 *   columns it doesn't know are listed as ignored.
 * - Hootsuite's bulk composer: no header, column A the date and time ("31/12/2026 09:30", day or
 *   month first as the creator says), B the message, C an optional link. Where the posts go is
 *   chosen on import, as in Hootsuite, and arrives here as `defaultAccounts`.
 *
 * Nothing here checks whether a value makes sense; validate.ts does, for edited rows too.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../../../../shared/contract';
import { IMPORT_MAX_ROWS, type ImportColumnDto, type ImportFieldsDto } from '../../../../shared/contract/features/io';
import { unguardCell } from './csv-guard';

export type Layout = 'loomcast' | 'hootsuite';
type ColumnField = NonNullable<ImportColumnDto['field']>;

export interface ReadImport {
  layout: Layout;
  columns: ImportColumnDto[];
  rows: { line: number; fields: ImportFieldsDto }[];
}

/** Header names as people write them, squashed to lowercase letters and digits. */
const HEADER_ALIASES: Record<string, ColumnField> = {
  when: 'when',
  datetime: 'when',
  dateandtime: 'when',
  timestamp: 'when',
  scheduledat: 'when',
  scheduledfor: 'when',
  publishat: 'when',
  date: 'date',
  day: 'date',
  time: 'time',
  time24hr: 'time',
  zone: 'zone',
  timezone: 'zone',
  tz: 'zone',
  text: 'text',
  message: 'text',
  messagetext: 'text',
  post: 'text',
  posttext: 'text',
  content: 'text',
  body: 'text',
  caption: 'text',
  accounts: 'accounts',
  account: 'accounts',
  platforms: 'accounts',
  platform: 'accounts',
  networks: 'accounts',
  profiles: 'accounts',
  channels: 'accounts',
  link: 'link',
  url: 'link',
  media: 'media',
  mediapath: 'media',
  mediapaths: 'media',
  mediafile: 'media',
  image: 'media',
  images: 'media',
  imagepath: 'media',
  file: 'media',
  files: 'media',
  alttext: 'altText',
  alt: 'altText',
  imagedescription: 'altText',
  firstcomment: 'firstComment',
  comment: 'firstComment',
  campaign: 'campaign',
};

const squash = (header: string) => header.replace(/^\uFEFF/, '').toLowerCase().replace(/[^a-z0-9]/g, '');

export function columnFor(header: string): ColumnField | null {
  return HEADER_ALIASES[squash(header)] ?? null;
}

const EMPTY: ImportFieldsDto = { when: '', zone: '', text: '', accounts: '', link: '', media: '', altText: '', firstComment: '', campaign: '' };

/** Comma, semicolon (Excel in much of Europe) or tab: whichever the first line uses most, outside quotes. */
export function detectDelimiter(csv: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of csv.replace(/^\uFEFF/, '')) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

/** Thrown from inside the parser to stop reading a file that has more rows than an import takes. */
class TooManyRows extends Error {}

/**
 * The records of a CSV file with the line each starts on; blank lines are dropped. Past `limit`
 * records the parser stops, so a huge file is refused without being held in memory as records.
 */
export function parseRecords(csv: string, limit = Number.POSITIVE_INFINITY): { cells: string[]; line: number }[] {
  const out: { cells: string[]; line: number }[] = [];
  // One kind of line end: a CRLF inside a quoted cell would otherwise count as two lines (every
  // later row's line number one off) and keep its \r in the post's text.
  let text = csv.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  // Excel's "sep=;" first line names the separator and is no row; rows keep their line in the file.
  // Some spreadsheets save it quoted ("sep=;", the cell holding the separator), perhaps followed
  // by empty cells; a quoted first cell that says anything more is data.
  const sep = /^sep=([^\n"])[^\n]*(\n|$)/i.exec(text) ?? /^"sep=([^\n"])"(?:\1(?:"")?)*(\n|$)/i.exec(text);
  let skipped = 0;
  if (sep) {
    text = text.slice(sep[0].length);
    skipped = 1;
  }
  let previousEnd = skipped;
  try {
    parse(text, {
      delimiter: sep ? sep[1]! : detectDelimiter(text),
      record_delimiter: '\n',
      relax_column_count: true,
      // Each record is kept here as it is read, with the line it ends on; the parser's own list stays empty.
      on_record: ((record: string[], info: { lines: number }) => {
        const line = previousEnd + 1;
        previousEnd = skipped + info.lines;
        if (record.every((c) => c.trim() === '')) return null;
        if (out.length >= limit) throw new TooManyRows();
        out.push({ cells: record.map(unguardCell), line });
        return null;
      }) as never,
    });
  } catch (err) {
    if (err instanceof TooManyRows) throw err;
    const details = err instanceof Error ? err.message : String(err);
    const line = err instanceof CsvError ? /line (\d+)/.exec(err.message)?.[1] : undefined;
    const where = line ? ` near line ${Number(line) + skipped}` : '';
    const hint = err instanceof CsvError && /quote/i.test(err.message) ? ': a quotation mark is opened and never closed, or stray quotes sit inside a cell' : '';
    throw new AppError('invalid_input', `Loomcast could not read this file as CSV${where}${hint}. Save it from your spreadsheet as “CSV UTF-8” and try again.`, { details });
  }
  return out;
}

/** A cell that looks like a date, as the first cell of a Hootsuite row does. */
const looksLikeDate = (cell: string) => /^\s*(\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})/.test(cell);

/**
 * The layout a file is in: Loomcast's when its first row names a text column, Hootsuite's when it
 * starts with a date (or with a header row Hootsuite files get, naming a column Loomcast knows).
 * Otherwise nothing says what the columns hold: refused, naming what the first row says, rather
 * than read as Hootsuite's with the header as a post and an error on every row.
 */
function chooseLayout(records: { cells: string[] }[], requested: 'auto' | Layout): Layout {
  if (requested !== 'auto') return requested;
  const first = records[0]?.cells ?? [];
  if (first.some((c) => columnFor(c) === 'text')) return 'loomcast';
  if (first.length === 0 || looksLikeDate(first[0] ?? '') || first.some((c) => columnFor(c) !== null)) return 'hootsuite';
  const shown = first.slice(0, 6).map((c) => `“${c.trim().slice(0, 40)}”`).join(', ');
  throw new AppError(
    'invalid_input',
    `Loomcast could not tell what the columns hold: the first row reads ${shown}${first.length > 6 ? ', …' : ''}. Name the columns in the first row (for example date,time,text,accounts), or, for a Hootsuite file (no header, the date in column A), choose the Hootsuite layout.`,
  );
}

function readLoomcast(records: { cells: string[]; line: number }[]): ReadImport {
  const [head, ...body] = records;
  if (!head) throw new AppError('invalid_input', 'The file is empty.');
  const columns: ImportColumnDto[] = head.cells.map((header) => ({ header: header.trim(), field: columnFor(header) }));
  const seen = new Map<ColumnField, string>();
  for (const c of columns) {
    if (!c.field) continue;
    const before = seen.get(c.field);
    if (before !== undefined) {
      throw new AppError('invalid_input', `Two columns give the same thing: “${before}” and “${c.header}”. Keep one of them and import again.`);
    }
    seen.set(c.field, c.header);
  }
  if (!seen.has('text')) {
    throw new AppError('invalid_input', 'No text column: the first row must name the columns, for example date,time,text,accounts. Hootsuite files have no header: choose the Hootsuite layout.');
  }
  if (!seen.has('when') && !seen.has('date')) {
    throw new AppError('invalid_input', 'No date column: add “date” and “time” columns, or one “datetime” column with an ISO timestamp such as 2026-12-01T09:30:00+01:00.');
  }
  const rows = body.map(({ cells, line }) => {
    const fields: ImportFieldsDto = { ...EMPTY };
    let date = '';
    let time = '';
    columns.forEach((c, i) => {
      const value = (cells[i] ?? '').trim();
      if (c.field === 'date') date = value;
      else if (c.field === 'time') time = value;
      else if (c.field) fields[c.field] = value;
    });
    // One timestamp column wins; otherwise the date and time columns together (a date column
    // holding both, as some exports have, works too).
    if (!fields.when) fields.when = [date, time].filter(Boolean).join(' ');
    return { line, fields };
  });
  return { layout: 'loomcast', columns, rows };
}

function readHootsuite(records: { cells: string[]; line: number }[], defaultAccounts: string): ReadImport {
  // Hootsuite's sample file has no header; a header row some people add is passed over.
  const first = records[0];
  const hasHeader = first !== undefined && !looksLikeDate(first.cells[0] ?? '') && (columnFor(first.cells[0] ?? '') !== null || columnFor(first.cells[1] ?? '') !== null);
  const body = hasHeader ? records.slice(1) : records;
  // Empty columns a spreadsheet leaves after the last filled one are no columns.
  const width = Math.max(3, ...body.map((r) => r.cells.findLastIndex((c) => c.trim() !== '') + 1));
  const names: (ColumnField | null)[] = ['when', 'text', 'link'];
  const columns: ImportColumnDto[] = Array.from({ length: width }, (_, i) => ({
    header: hasHeader ? (first!.cells[i] ?? '').trim() : `Column ${String.fromCharCode(65 + (i % 26))}`,
    field: names[i] ?? null,
  }));
  const rows = body.map(({ cells, line }) => ({
    line,
    fields: { ...EMPTY, when: (cells[0] ?? '').trim(), text: (cells[1] ?? '').trim(), link: (cells[2] ?? '').trim(), accounts: defaultAccounts.trim() },
  }));
  return { layout: 'hootsuite', columns, rows };
}

/** The cap's error, typed (too_many_rows in details) so a window can tell it from a bad cell. */
function tooManyRows(count: string): AppError {
  return new AppError(
    'invalid_input',
    `The file has ${count} rows; Loomcast imports up to ${IMPORT_MAX_ROWS.toLocaleString('en')} at a time, so each can be checked before it is scheduled. Split it into smaller files.`,
    { details: `too_many_rows: limit ${IMPORT_MAX_ROWS}`, issues: [{ path: ['csv'], message: `At most ${IMPORT_MAX_ROWS.toLocaleString('en')} rows` }] },
  );
}

/** Reads an import file; rows that name no accounts take `defaultAccounts`. */
export function readImportCsv(csv: string, opts: { layout: 'auto' | Layout; defaultAccounts: string }): ReadImport {
  let records: { cells: string[]; line: number }[];
  try {
    // One more than the rows an import takes, besides a header row.
    records = parseRecords(csv, IMPORT_MAX_ROWS + 2);
  } catch (err) {
    if (!(err instanceof TooManyRows)) throw err;
    throw tooManyRows(`more than ${IMPORT_MAX_ROWS.toLocaleString('en')}`);
  }
  if (records.length === 0) throw new AppError('invalid_input', 'The file has no rows.');
  const layout = chooseLayout(records, opts.layout);
  const read = layout === 'loomcast' ? readLoomcast(records) : readHootsuite(records, opts.defaultAccounts);
  if (read.rows.length === 0) throw new AppError('invalid_input', 'The file has a header but no rows under it.');
  if (read.rows.length > IMPORT_MAX_ROWS) throw tooManyRows(read.rows.length.toLocaleString('en'));
  if (layout === 'loomcast' && opts.defaultAccounts.trim()) {
    for (const r of read.rows) if (!r.fields.accounts) r.fields.accounts = opts.defaultAccounts.trim();
  }
  return read;
}
