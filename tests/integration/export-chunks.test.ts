import Database from 'better-sqlite3';
import ICAL from 'ical.js';
import { parse } from 'csv-parse/sync';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core';
import { EXPORT_CHUNK } from '../../electron/core/features/io/export-query';
import type { ExportFileDto } from '../../shared/contract/features/io';
import { call, createTestCore, type TestCore } from '../support/core';
import { seedPosts } from '../support/seed-scale';

/**
 * A whole history's export is seconds of work at 100,000 posts: it is written a chunk at a time
 * with a turn of the event loop between two, so publishing and other calls go on meanwhile.
 */
describe('exports of a history larger than one chunk', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  const count = (where: string) => {
    const db = new Database(join(t.dataDir, DATABASE_FILE), { readonly: true });
    try {
      return db.prepare(`SELECT count(*) FROM targets WHERE scheduled_at IS NOT NULL ${where}`).pluck().get() as number;
    } finally {
      db.close();
    }
  };

  it('writes every copy, in chunks, letting other work through between two', async () => {
    t = await createTestCore({ publishing: { autoStart: false } });
    seedPosts(t.dataDir, 3_000, t.clock, { pastDays: 365, futureDays: 180 });
    const dated = count('');
    const inCalendar = count("AND state IN ('scheduled', 'publishing', 'published')");
    expect(inCalendar).toBeGreaterThan(2 * EXPORT_CHUNK);

    // What waits for a turn of the event loop (a timer, a due post, a call arriving) gets it
    // while each export is written, not after.
    const written = async (channel: 'io:exportIcs' | 'io:exportCsv') => {
      const order: string[] = [];
      setImmediate(() => order.push('turn'));
      const done = await call<ExportFileDto>(t.core, channel, {}).then((f) => (order.push('file'), f));
      expect(order, channel).toEqual(['turn', 'file']);
      return done;
    };
    const calendar = await written('io:exportIcs');
    const sheet = await written('io:exportCsv');

    expect(calendar.count).toBe(inCalendar);
    const events = new ICAL.Component(ICAL.parse(calendar.content)).getAllSubcomponents('vevent');
    expect(events).toHaveLength(inCalendar);
    expect(new Set(events.map((e) => e.getFirstPropertyValue('uid'))).size).toBe(inCalendar);
    // Stamps and last changes in UTC, each event whole (one END per BEGIN, nothing between chunks).
    expect(calendar.content.match(/^DTSTAMP:\d{8}T\d{6}Z\r$/gm)).toHaveLength(inCalendar);
    expect(events.every((e) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(String(e.getFirstPropertyValue('last-modified'))))).toBe(true);
    expect(calendar.content.split('BEGIN:VEVENT').length - 1).toBe(calendar.content.split('END:VEVENT').length - 1);
    expect(calendar.content.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);

    expect(sheet.count).toBe(dated);
    expect(sheet.content.startsWith('\uFEFFdate,time,zone,text,')).toBe(true);
    expect(sheet.content.split('\uFEFF')).toHaveLength(2);
    const rows = parse(sheet.content.slice(1), { relax_column_count: false }) as string[][];
    expect(rows).toHaveLength(dated + 1);
    expect(new Set(rows.slice(1).map((r) => r[13])).size).toBe(dated);
  });
});
