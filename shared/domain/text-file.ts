/**
 * The text of an import file from its bytes, as spreadsheets save them: UTF-8 with or without a
 * byte-order mark (Excel's "CSV UTF-8", Google Sheets, Numbers), or UTF-16 with one (Excel's
 * "Unicode Text", tab-separated). Anything else is refused rather than read with "é" turned into
 * "�": Excel's plain "CSV" saves in the computer's older code page (Windows-1252 in Western
 * Europe and the Americas, another elsewhere), which the bytes alone cannot tell apart.
 */
import { AppError } from '../contract/errors';

export function decodeTextFile(bytes: Uint8Array, name: string): string {
  // The decoders take the byte-order mark off.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    throw new AppError(
      'invalid_input',
      `${name} is not saved as UTF-8 text (line ${line} has characters Loomcast cannot read as UTF-8), so accented letters such as “é” would come out wrong. It looks like Excel’s plain “CSV”, which saves in an older encoding such as Windows-1252. In your spreadsheet, save it again as “CSV UTF-8 (Comma delimited)” and import that file.`,
    );
  }
}
