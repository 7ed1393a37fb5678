/**
 * The text of an import file from its bytes, as spreadsheets save them: UTF-8 with or without a
 * byte-order mark (Excel's "CSV UTF-8", Google Sheets, Numbers), or UTF-16 with one (Excel's
 * "Unicode Text", tab-separated) or without one (some tools and scripts save UTF-16 bare).
 * Anything else is refused rather than read with "é" turned into "�": Excel's plain "CSV" saves
 * in the computer's older code page (Windows-1252 in Western Europe and the Americas, another
 * elsewhere), which the bytes alone cannot tell apart; a file with NUL bytes that is not UTF-16
 * (a workbook, UTF-32, anything binary) is no text at all.
 */
import { AppError } from '../contract/errors';

/** How much of the file the UTF-16 check looks at: enough for a header and some rows, on every import. */
const SAMPLE_BYTES = 4096;

type Utf16 = 'utf-16le' | 'utf-16be';

/**
 * Without a byte-order mark, UTF-16 shows itself by its ASCII (separators, line ends, dates): each
 * such character has a NUL byte, second in little-endian, first in big-endian. A CSV has some on
 * every row, even one written in Chinese or Japanese, and in runs (a date, a header word), where a
 * stray NUL in other bytes stands alone. UTF-8 text has no NUL bytes at all.
 */
const MIN_ASCII_SHARE = 1 / 64;
const MIN_ASCII = 8;
/** NUL and the control characters no spreadsheet writes: all below space but tab, line ends, vertical tab and form feed. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && (c < 0x09 || c > 0x0d)) return true;
  }
  return false;
}

/** UTF-16 without a byte-order mark, judged from the start of the file; null when it isn't. */
function bareUtf16(bytes: Uint8Array): Utf16 | null {
  if (bytes.length % 2 !== 0) return null;
  const end = Math.min(bytes.length, SAMPLE_BYTES);
  const units = end / 2;
  // NULs at even and odd offsets, and how often a unit with one follows a unit with one there.
  let even = 0;
  let odd = 0;
  let evenRuns = 0;
  let oddRuns = 0;
  for (let i = 0; i < end; i += 2) {
    if (bytes[i] === 0) {
      even++;
      if (i > 0 && bytes[i - 2] === 0) evenRuns++;
    }
    if (bytes[i + 1] === 0) {
      odd++;
      if (i > 0 && bytes[i - 1] === 0) oddRuns++;
    }
  }
  const encoding: Utf16 = odd > even ? 'utf-16le' : 'utf-16be';
  const [ascii, other, runs] = encoding === 'utf-16le' ? [odd, even, oddRuns] : [even, odd, evenRuns];
  // The other offset holds a NUL only for characters such as U+4E00 "一", and for UTF-32 (below).
  if (ascii <= other || ascii < Math.min(units, MIN_ASCII) || ascii < units * MIN_ASCII_SHARE || runs * 4 < ascii) return null;
  // A sample cut between the two halves of an emoji ends on a lone high surrogate: not the file's fault.
  let sampleEnd = end;
  const last = encoding === 'utf-16le' ? bytes[end - 1]! : bytes[end - 2]!;
  if (end < bytes.length && last >= 0xd8 && last <= 0xdb) sampleEnd -= 2;
  let sample: string;
  try {
    sample = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, sampleEnd));
  } catch {
    return null;
  }
  // UTF-32, workbooks and other binary files decode to NUL and control characters.
  return hasControl(sample) ? null : encoding;
}

/** The line (from 1) that the character at `index` is on. */
const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;
/** Bytes read as UTF-8 come what may: only to say on which line a refused file goes wrong. */
const loosely = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes);

function notText(name: string, line: number): AppError {
  return new AppError(
    'invalid_input',
    `${name} is not a text file Loomcast can read: line ${line} has a NUL byte, and the file is neither UTF-8 nor UTF-16 text. It may be a workbook (.xlsx, .numbers) or a file in another encoding. In your spreadsheet, save it as “CSV UTF-8 (Comma delimited)” and import that file.`,
    { details: 'nul_bytes', issues: [{ path: ['file'], message: `Line ${line} has a NUL byte` }] },
  );
}

export function decodeTextFile(bytes: Uint8Array, name: string): string {
  let text: string;
  // The decoders take the byte-order mark off.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes);
  else if (bytes.subarray(0, SAMPLE_BYTES).includes(0)) {
    const encoding = bareUtf16(bytes);
    if (!encoding) {
      const loose = loosely(bytes);
      throw notText(name, lineAt(loose, loose.indexOf('\0')));
    }
    text = new TextDecoder(encoding).decode(bytes);
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const loose = loosely(bytes);
      const line = lineAt(loose, loose.indexOf('\uFFFD'));
      throw new AppError(
        'invalid_input',
        `${name} is not saved as UTF-8 text (line ${line} has characters Loomcast cannot read as UTF-8), so accented letters such as “é” would come out wrong. It looks like Excel’s plain “CSV”, which saves in an older encoding such as Windows-1252. In your spreadsheet, save it again as “CSV UTF-8 (Comma delimited)” and import that file.`,
      );
    }
  }
  // A NUL past the sample (or a UTF-32 file, whose byte-order mark starts like UTF-16's): no text.
  const nul = text.indexOf('\0');
  if (nul !== -1) throw notText(name, lineAt(text, nul));
  return text;
}
