import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract';
import { guardCell, unguardCell } from '../../electron/core/features/io/csv-guard';
import { detectDelimiter, readImportCsv } from '../../electron/core/features/io/csv-read';
import { createLocalResolver } from '../../electron/core/features/io/local-resolver';
import { parseWhen } from '../../electron/core/features/io/when';
import { decodeTextFile } from '../../shared/domain/text-file';
import { resolveLocal } from '../../shared/domain/time';

const read = (csv: string, layout: 'auto' | 'loomcast' | 'hootsuite' = 'auto', defaultAccounts = '') => readImportCsv(csv, { layout, defaultAccounts });

function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe("reading Loomcast's import layout", () => {
  it('reads every column by its header, in any order, with the line each row starts on', () => {
    const csv = [
      'Campaign,Text,Date,Time,Accounts,Link,Media,Alt text,First comment,Zone',
      'Spring launch,"Hello, world",2026-12-01,09:30,x; bluesky,https://example.com,/tmp/a.png,A red door,Link in bio,Europe/Berlin',
      '',
      ',"A text on',
      'two lines",2026-12-02,18:00,mastodon:@me@example.social,,,,,',
    ].join('\n');
    const r = read(csv);
    expect(r.layout).toBe('loomcast');
    expect(r.columns.map((c) => c.field)).toEqual(['campaign', 'text', 'date', 'time', 'accounts', 'link', 'media', 'altText', 'firstComment', 'zone']);
    expect(r.rows).toEqual([
      {
        line: 2,
        fields: {
          when: '2026-12-01 09:30',
          zone: 'Europe/Berlin',
          text: 'Hello, world',
          accounts: 'x; bluesky',
          link: 'https://example.com',
          media: '/tmp/a.png',
          altText: 'A red door',
          firstComment: 'Link in bio',
          campaign: 'Spring launch',
        },
      },
      { line: 4, fields: { when: '2026-12-02 18:00', zone: '', text: 'A text on\ntwo lines', accounts: 'mastodon:@me@example.social', link: '', media: '', altText: '', firstComment: '', campaign: '' } },
    ]);
  });

  it('takes one ISO timestamp column instead of a date and a time, and common header spellings', () => {
    const r = read('scheduled_at;message;platforms;image;alt\n2026-12-01T09:30:00+01:00;Hi;x;;\n');
    expect(r.columns.map((c) => c.field)).toEqual(['when', 'text', 'accounts', 'media', 'altText']);
    expect(r.rows[0]!.fields).toMatchObject({ when: '2026-12-01T09:30:00+01:00', text: 'Hi', accounts: 'x' });
  });

  it('lists columns it does not read (such as an export’s state) as ignored, and gives accountless rows the default', () => {
    const r = read('date,time,text,accounts,state,post_id\n2026-12-01,09:30,Hi,,scheduled,abc\n2026-12-01,10:00,Yo,linkedin,draft,def\n', 'auto', 'x; threads');
    expect(r.columns.filter((c) => c.field === null).map((c) => c.header)).toEqual(['state', 'post_id']);
    expect(r.rows.map((row) => row.fields.accounts)).toEqual(['x; threads', 'linkedin']);
  });

  it('handles a byte-order mark, CRLF line ends, tabs and semicolons (Excel in much of Europe)', () => {
    expect(detectDelimiter('a;b;c\n1,2;3')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
    const r = read('\uFEFFdate\ttime\ttext\r\n2026-12-01\t09:30\tTabbed\r\n');
    expect(r.rows).toEqual([{ line: 2, fields: expect.objectContaining({ when: '2026-12-01 09:30', text: 'Tabbed' }) }]);
  });

  it('reads the bytes Excel, Google Sheets and Numbers save: UTF-8 with or without a BOM, UTF-16 “Unicode Text”; refuses Windows-1252 saying how to save', () => {
    const csv = 'date\ttime\ttext\r\n2026-12-01\t09:30\tCafé\r\n';
    const utf8Bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv.replaceAll('\t', ','))]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]);
    for (const bytes of [utf8Bom, utf16, Buffer.from(csv)]) {
      const r = read(decodeTextFile(bytes, 'posts.csv'));
      expect(r.columns.map((c) => c.header)).toEqual(['date', 'time', 'text']);
      expect(r.rows).toEqual([{ line: 2, fields: expect.objectContaining({ when: '2026-12-01 09:30', text: 'Café' }) }]);
    }
    // Excel's plain "CSV" on Windows: "é" is the byte 0xE9, not UTF-8.
    expect(failure(() => decodeTextFile(Buffer.from(csv, 'latin1'), 'posts.csv')).message).toMatch(/^posts\.csv is not saved as UTF-8 text \(line 2 .*Windows-1252.*save it again as “CSV UTF-8/);
  });

  it('takes Excel’s “sep=;” first line as the separator, and CRLF files with a line break inside a cell and the empty rows and columns spreadsheets leave', () => {
    const r = read('sep=;\r\ndate;time;text\r\n01/12/2026;09:30;Hallo, Welt\r\n');
    expect(r.columns.map((c) => c.header)).toEqual(['date', 'time', 'text']);
    expect(r.rows).toEqual([{ line: 3, fields: expect.objectContaining({ when: '01/12/2026 09:30', text: 'Hallo, Welt' }) }]);
    expect(read('\uFEFFsep=,\ndate,time,text\n2026-12-01,09:30,a;b;c\n').rows[0]!.fields.text).toBe('a;b;c');
    expect(failure(() => read('sep=,\ntext,date\nHi,2026-12-01\n"oops,2026-12-02\n')).message).toMatch(/near line 4/);
    const crlf = read('date,time,text,,\r\n2026-12-01,09:30,"one\r\ntwo",,\r\n2026-12-02,09:30,three,,\r\n,,,,\r\n,,,,\r\n');
    expect(crlf.rows.map((row) => [row.line, row.fields.text])).toEqual([[2, 'one\ntwo'], [4, 'three']]);
    const hootsuite = read('31/12/2026 09:30,Hi,,,\r\n31/12/2026 10:30,"Yo\r\nthere",https://example.com,,\r\n,,,,\r\n', 'hootsuite');
    expect(hootsuite.columns.map((c) => c.header)).toEqual(['Column A', 'Column B', 'Column C']);
    expect(hootsuite.rows.map((row) => [row.line, row.fields.text])).toEqual([[1, 'Hi'], [2, 'Yo\nthere']]);
  });

  it('takes a quoted “"sep=;"” first line (as some spreadsheets save it) as the separator, but a quoted first cell saying more as data', () => {
    for (const csv of ['"sep=;"\r\ndate;time;text\r\n01/12/2026;09:30;Hallo, Welt\r\n', '\uFEFF"SEP=;";;\ndate;time;text\n01/12/2026;09:30;Hallo, Welt\n', '"sep=;";"";""\ndate;time;text\n01/12/2026;09:30;Hallo, Welt\n']) {
      const r = read(csv);
      expect(r.columns.map((c) => c.header)).toEqual(['date', 'time', 'text']);
      expect(r.rows).toEqual([{ line: 3, fields: expect.objectContaining({ when: '01/12/2026 09:30', text: 'Hallo, Welt' }) }]);
    }
    // "sep=," must be quoted in a comma-separated file: the cell holds the separator.
    expect(read('"sep=,"\ndate,time,text\n2026-12-01,09:30,a;b;c\n').rows[0]!.fields.text).toBe('a;b;c');
    expect(read('"sep=\t"\ndate\ttime\ttext\n2026-12-01\t09:30\ta, b\n').rows[0]!.fields.text).toBe('a, b');
    // Quoted header cells are headers; a quoted first cell that says more than "sep=;" is data.
    expect(read('"text";"date";"time"\n"Hallo; Welt";01/12/2026;09:30\n').rows[0]!.fields).toMatchObject({ text: 'Hallo; Welt', when: '01/12/2026 09:30' });
    expect(read('"sep=;"" it said",date,time,text\nx,2026-12-01,09:30,Hi\n').columns.map((c) => c.header)).toEqual(['sep=;" it said', 'date', 'time', 'text']);
    // So is one that opens a line break, or has more than empty cells after it.
    expect(read('"sep=;\nmore",date,time,text\nx,2026-12-01,09:30,Hi\n').columns.map((c) => c.header)).toEqual(['sep=;\nmore', 'date', 'time', 'text']);
    expect(read('"sep=,",date,time,text\nx,2026-12-01,09:30,Hi\n').columns.map((c) => c.header)).toEqual(['sep=,', 'date', 'time', 'text']);
  });

  it('takes off the quote the export puts before a formula-like cell, and only that quote', () => {
    const r = read("date,time,text\n2026-12-01,09:30,'=1+1 is two\n2026-12-01,09:30,'tis the season\n");
    expect(r.rows.map((row) => row.fields.text)).toEqual(['=1+1 is two', "'tis the season"]);
  });

  it('refuses a file without a text column, two columns for one thing, or an unclosed quote, saying what to do', () => {
    expect(failure(() => read('date,time,body2\n2026-12-01,09:30,x\n', 'loomcast')).message).toMatch(/No text column/);
    expect(failure(() => read('date,time,text,message\n2026-12-01,09:30,a,b\n')).message).toMatch(/“text” and “message”/);
    expect(failure(() => read('text,date\nHi,2026-12-01\n"oops,2026-12-02\n')).message).toMatch(/could not read this file as CSV near line 3.*quotation mark/);
    expect(failure(() => read('date,time,text\n')).message).toMatch(/no rows/);
  });

  it('refuses a file whose first row names no column it knows and is no Hootsuite row, quoting that row', () => {
    const message = failure(() => read('hello,world\nfoo,bar\n')).message;
    expect(message).toMatch(/could not tell what the columns hold: the first row reads “hello”, “world”\. Name the columns in the first row/);
    expect(message).toMatch(/choose the Hootsuite layout/);
    // Chosen by hand, the layout is taken as asked.
    expect(read('hello,world\nfoo,bar\n', 'hootsuite').layout).toBe('hootsuite');
  });
});

describe("reading Hootsuite's bulk-composer layout", () => {
  it('reads date, message and link from columns A to C with no header, and sends every row where the creator chose', () => {
    const csv = '31/12/2026 09:30,"Happy new year, almost",https://example.com/nye\n01/01/2027 10:00,First post of the year\n';
    const r = read(csv, 'auto', 'x; linkedin');
    expect(r.layout).toBe('hootsuite');
    expect(r.columns.map((c) => [c.header, c.field])).toEqual([
      ['Column A', 'when'],
      ['Column B', 'text'],
      ['Column C', 'link'],
    ]);
    expect(r.rows).toEqual([
      { line: 1, fields: expect.objectContaining({ when: '31/12/2026 09:30', text: 'Happy new year, almost', link: 'https://example.com/nye', accounts: 'x; linkedin' }) },
      { line: 2, fields: expect.objectContaining({ when: '01/01/2027 10:00', text: 'First post of the year', link: '', accounts: 'x; linkedin' }) },
    ]);
  });

  it('passes over a header row some people add, and is chosen when asked even if the file looks otherwise', () => {
    const r = read('Date,Message,URL\n12/31/2026 21:00,Countdown\n', 'hootsuite', 'bluesky');
    expect(r.rows).toEqual([{ line: 2, fields: expect.objectContaining({ when: '12/31/2026 21:00', text: 'Countdown', accounts: 'bluesky' }) }]);
    expect(r.columns[0]).toEqual({ header: 'Date', field: 'when' });
  });
});

describe('the date and time of a row', () => {
  const ZONE = 'Europe/Berlin';
  const at = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toMillis();

  it('reads local times in the zone, exact instants as they are, and slashed dates in the chosen order', () => {
    expect(parseWhen('2026-12-01 09:30', ZONE, 'dmy')).toMatchObject({ ok: true, epochMs: at('2026-12-01T09:30+01:00') });
    expect(parseWhen('2026-7-4T9:05', ZONE, 'dmy')).toMatchObject({ ok: true, epochMs: at('2026-07-04T09:05+02:00') });
    expect(parseWhen('2026-12-01T09:30:00-05:00', ZONE, 'dmy')).toMatchObject({ ok: true, epochMs: at('2026-12-01T09:30-05:00') });
    expect(parseWhen('2026-12-01T08:30Z', ZONE, 'dmy')).toMatchObject({ ok: true, epochMs: at('2026-12-01T09:30+01:00') });
    expect(parseWhen('03/04/2027 18:00', ZONE, 'dmy')).toMatchObject({ ok: true, local: { date: '2027-04-03', time: '18:00' } });
    expect(parseWhen('03/04/2027 18:00', ZONE, 'mdy')).toMatchObject({ ok: true, local: { date: '2027-03-04', time: '18:00' } });
    expect(parseWhen('4.3.2027 18:00', ZONE, 'mdy')).toMatchObject({ ok: true, local: { date: '2027-03-04', time: '18:00' } });
    expect(parseWhen('12/31/2026 9:30 PM', ZONE, 'mdy')).toMatchObject({ ok: true, local: { date: '2026-12-31', time: '21:30' } });
  });

  it('refuses a time in the spring-forward gap and takes the first of a time that happens twice', () => {
    const gap = parseWhen('2027-03-28 02:30', ZONE, 'dmy');
    expect(gap).toEqual({ ok: false, messages: [expect.stringMatching(/does not exist in Europe\/Berlin: the clocks jump forward/)] });
    const twice = parseWhen('2026-10-25 02:30', ZONE, 'dmy');
    expect(twice).toMatchObject({ ok: true, ambiguous: true, epochMs: at('2026-10-25T02:30+02:00') });
  });

  it('says what is wrong with dates it cannot read', () => {
    const message = (raw: string, order: 'dmy' | 'mdy' = 'dmy') => {
      const r = parseWhen(raw, ZONE, order);
      return r.ok ? null : r.messages.join(' | ');
    };
    expect(message('')).toMatch(/Add the date and time/);
    expect(message('next tuesday')).toMatch(/not a date and time Loomcast can read/);
    expect(message('2026-12-01')).toMatch(/Add the time to 2026-12-01/);
    expect(message('2026-02-30 10:00')).toMatch(/not a real date/);
    expect(message('2026-12-01 25:00')).toMatch(/not a time of day/);
    expect(message('2026-12-01 10:00:30')).toMatch(/to the minute/);
    expect(message('12/31/2026 10:00', 'dmy')).toMatch(/no month 31.*month first/);
  });
});

describe('the fast wall-time resolver of a large import', () => {
  it('answers exactly as resolveLocal does on and around every DST change of 2026 and 2027, gaps and overlaps included', () => {
    const { resolve } = createLocalResolver();
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Santiago', 'Asia/Kolkata'];
    let compared = 0;
    for (const zone of zones) {
      // Days whose UTC offset at the end differs from the start: the change days.
      const days: DateTime[] = [];
      for (let d = DateTime.fromISO('2026-01-01', { zone }); d.year < 2028; d = d.plus({ days: 1 })) {
        if (d.offset !== d.endOf('day').offset) days.push(d);
      }
      for (const day of days.length ? days : [DateTime.fromISO('2026-06-01', { zone })]) {
        for (const [date, step] of [
          [day.toISODate()!, 15],
          [day.minus({ days: 1 }).toISODate()!, 60],
          [day.plus({ days: 1 }).toISODate()!, 60],
        ] as const) {
          for (let m = 0; m < 24 * 60; m += step) {
            const local = { date, time: `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`, zone };
            expect(resolve(local), `${date} ${local.time} ${zone}`).toEqual(resolveLocal(local));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(2000);
    expect(resolve({ date: '2026-02-30', time: '10:00', zone: 'Europe/Berlin' })).toEqual(resolveLocal({ date: '2026-02-30', time: '10:00', zone: 'Europe/Berlin' }));
    expect(resolve({ date: '2026-02-03', time: '10:00', zone: 'Nowhere/Land' })).toEqual({ ok: false, reason: 'invalid_zone', message: '"Nowhere/Land" is not a known time zone' });
  });
});

describe('the formula guard of CSV export', () => {
  it('quotes cells a spreadsheet would run as formulas, and the import takes the quote off', () => {
    for (const cell of ['=HYPERLINK("http://evil")', '+1', '-2+3', '@SUM(A1)', '\tx', ' =1']) {
      expect(guardCell(cell)).toBe(`'${cell}`);
      expect(unguardCell(guardCell(cell))).toBe(cell);
    }
    expect(guardCell('Hello @you')).toBe('Hello @you');
    expect(unguardCell("'quoted")).toBe("'quoted");
  });
});
