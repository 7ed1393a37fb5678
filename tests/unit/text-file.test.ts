import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract';
import { readImportCsv } from '../../electron/core/features/io/csv-read';
import { decodeTextFile } from '../../shared/domain/text-file';

const utf16le = (text: string) => Buffer.from(text, 'utf16le');
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
const utf32le = (text: string) => Buffer.from(Uint32Array.from([...text].map((c) => c.codePointAt(0)!)).buffer);

function refusal(bytes: Uint8Array): AppError {
  try {
    decodeTextFile(bytes, 'posts.csv');
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

const withAccents = 'date,time,text\r\n2026-12-01,09:30,Café crème à l’œil 🎉👩‍💻\r\n2026-12-02,18:00,"Ça va, Zoë? 🚀"\r\n';
const plain = 'date\ttime\ttext\r\n2026-12-01\t09:30\tHello there\r\n';
// Mostly CJK, as a Japanese or Chinese creator's posts are: ASCII only in dates and separators;
// "一" (U+4E00) puts a NUL where little-endian ASCII has none.
const cjk = `date,time,text\n${Array.from({ length: 40 }, (_, i) => `2026-12-${String((i % 28) + 1).padStart(2, '0')},09:30,一年の計は元旦にあり。今日から新しい一歩を踏み出しましょう！一緒に頑張りましょう。一日一日を大切に。\n`).join('')}`;
// Long posts, as on LinkedIn: in the first 4 KB, one character in twenty-five is ASCII.
const longCjk = `date,time,text\n${Array.from({ length: 6 }, () => `2026-12-01,09:30,${'春はあけぼの。やうやう白くなりゆく山ぎは、少しあかりて、紫だちたる雲の細くたなびきたる。夏は夜。月のころはさらなり、やみもなほ、蛍の多く飛びちがひたる。また、ただ一つ二つなど、ほのかにうち光りて行くもをかし。'.repeat(6)}\n`).join('')}`;

describe('decoding UTF-16 saved without a byte-order mark', () => {
  it('reads little- and big-endian files, ASCII or with accents and emoji, as the text they hold', () => {
    for (const text of [withAccents, plain, cjk, longCjk, 'ab']) {
      expect(decodeTextFile(utf16le(text), 'posts.csv')).toBe(text);
      expect(decodeTextFile(utf16be(text), 'posts.csv')).toBe(text);
    }
  });

  it('imports a bare UTF-16 “Unicode Text” file like one with its byte-order mark', () => {
    const r = readImportCsv(decodeTextFile(utf16le(plain.replace('Hello there', 'Grüße 🎉')), 'posts.txt'), { layout: 'auto', defaultAccounts: 'x' });
    expect(r.columns.map((c) => c.header)).toEqual(['date', 'time', 'text']);
    expect(r.rows).toEqual([{ line: 2, fields: expect.objectContaining({ when: '2026-12-01 09:30', text: 'Grüße 🎉' }) }]);
  });

  it('is not put off by an emoji cut in two where the look at the start of the file ends', () => {
    // The first 4,096 bytes end between the two halves of 🎉; the file goes on well past them.
    const text = `text\n${'a'.repeat(2042)}🎉${'b'.repeat(3000)}\n`;
    expect(utf16le(text).subarray(4094, 4096)).toEqual(Buffer.from([0x3c, 0xd8]));
    expect(decodeTextFile(utf16le(text), 'posts.csv')).toBe(text);
    expect(decodeTextFile(utf16be(text), 'posts.csv')).toBe(text);
  });

  it('still reads UTF-8 and ASCII as UTF-8, however short or however much CJK text they hold', () => {
    for (const text of ['a', 'ab', 'a,b\n', withAccents, cjk, longCjk, '\uFEFF' + withAccents]) {
      expect(decodeTextFile(Buffer.from(text), 'posts.csv')).toBe(text.replace(/^\uFEFF/, ''));
    }
  });
});

describe('refusing files with NUL bytes that are not UTF-16', () => {
  it.each([
    ['UTF-8 text with a stray NUL byte', Buffer.concat([Buffer.from('date,time,text\n2026-12-01,09:30,Hi\n'), Buffer.from([0]), Buffer.from('2026-12-02,09:30,Yo\n')]), 3],
    // Each line ends in a NUL, all at odd offsets, as UTF-16LE's are: but alone, where UTF-16's come in runs.
    ['UTF-8 text with NUL-terminated lines', Buffer.from(Array.from({ length: 20 }, (_, i) => `2026-12-${String(i + 10)},09:30,H\n\0`).join('')), 2],
    ['UTF-8 text padded with NUL bytes', Buffer.concat([Buffer.from('date,time,text\n2026-12-01,09:30,Hi\n'), Buffer.alloc(64)]), 3],
    ['UTF-32 without a byte-order mark', utf32le(plain), 1],
    ['UTF-32 with its byte-order mark, which starts like UTF-16’s', utf32le('\uFEFF' + plain), 1],
    ['a workbook (a ZIP archive)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0x62, 0xee, 0x9d, 0x68, 0x5e, 0x01]), 1],
    ['UTF-16 with a byte missing at the end', utf16le(plain).subarray(0, -1), 1],
    ['UTF-8 text with a NUL byte past the first few kilobytes', Buffer.concat([Buffer.from(`text\n${'a'.repeat(5000)}\n`), Buffer.from([0]), Buffer.from('b\n')]), 3],
  ])('refuses %s, naming the line and how to save the file', (_, bytes, line) => {
    const err = refusal(bytes);
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(new RegExp(`^posts\\.csv is not a text file Loomcast can read: line ${line} has a NUL byte.*save it as “CSV UTF-8`));
    expect(err.issues).toEqual([{ path: ['file'], message: `Line ${line} has a NUL byte` }]);
  });
});
