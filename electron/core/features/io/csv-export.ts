/**
 * The calendar as CSV: one row per dated copy, in the import's own columns (so a file exported
 * here imports back), plus what only an export knows (state, published link, ids), which the
 * import ignores. Media are listed as their files in Loomcast's media folder.
 *
 * The time is the wall clock of the row's zone ("09:30"), which a spreadsheet shows as it is and
 * which stays right when someone moves the row to another date. A wall time the clocks repeat
 * (02:30 on the night they go back) carries its UTC offset ("02:30+01:00"): bare, it reads as
 * the first 02:30, and the import reads date and time with an offset as that exact instant.
 */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { toLocal } from '../../../../shared/domain/time';
import { accountRef } from './accounts-ref';
import { guardCell } from './csv-guard';
import { EXPORT_CHUNK, type ExportTarget } from './export-query';
import { repeatedTimeFinder } from './repeated-time';
import { nextTurn } from '../../turn';

export const CSV_EXPORT_COLUMNS = ['date', 'time', 'zone', 'text', 'accounts', 'link', 'media', 'alt_text', 'first_comment', 'campaign', 'state', 'published_url', 'post_id', 'target_id'] as const;

/** A chunk of rows at a time, with a turn of the event loop between two (see calendarIcs). */
export async function calendarCsv(targets: readonly ExportTarget[], opts: { dataDir: string; zone: string }): Promise<string> {
  const repeatedOffset = repeatedTimeFinder();
  const row = (t: ExportTarget): string[] => {
    const zone = t.zone ?? opts.zone;
    const local = toLocal(t.at, zone);
    const record: Record<(typeof CSV_EXPORT_COLUMNS)[number], string> = {
      date: local.date,
      time: `${local.time}${repeatedOffset(t.at, zone) ?? ''}`,
      zone,
      text: t.text,
      accounts: t.account ? accountRef(t.account) : t.platform,
      link: '',
      media: t.media.map((m) => join(opts.dataDir, 'media', m.hash)).join(' | '),
      alt_text: t.media.length > 1 ? t.media.map((m) => (m.altText ?? '').replace(/\|/g, '/')).join(' | ') : (t.media[0]?.altText ?? ''),
      first_comment: t.firstComment ?? '',
      campaign: t.campaign ?? '',
      state: t.state,
      published_url: t.platformUrl ?? '',
      post_id: t.postId,
      target_id: t.targetId,
    };
    return CSV_EXPORT_COLUMNS.map((c) => guardCell(record[c]));
  };
  // A byte-order mark and CRLF line ends: Excel then opens UTF-8 text (emoji, accents) correctly.
  const pieces = [stringify([[...CSV_EXPORT_COLUMNS]], { bom: true, record_delimiter: 'windows' })];
  for (let i = 0; i < targets.length; i += EXPORT_CHUNK) {
    if (i > 0) await nextTurn();
    pieces.push(stringify(targets.slice(i, i + EXPORT_CHUNK).map(row), { record_delimiter: 'windows' }));
  }
  return pieces.join('');
}
