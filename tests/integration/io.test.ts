import Database from 'better-sqlite3';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportFileDto, FeedLinkDto, ImportPreviewDto, ImportRowResultDto } from '../../shared/contract/features/io';
import type { PostDto, PostVersionDto } from '../../shared/contract';
import { startHost, type RunningHost } from '../../electron/host/server';
import { call, createTestCore, tempDir, type TestCore } from '../support/core';
import { PLATFORM_CLIENTS } from '../../electron/core/platforms/registry';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC (10:00 in Berlin).
const ZONE = 'Europe/Berlin';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
const MP4 = Uint8Array.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0, 9, 9]);

let t: TestCore;
let files: ReturnType<typeof tempDir>;
afterEach(async () => {
  await t?.close();
  files?.remove();
});

async function setup(): Promise<void> {
  // The real clients' capabilities decide which media and comments each platform takes.
  t = await createTestCore({ zone: ZONE, clients: PLATFORM_CLIENTS });
  files = tempDir('loomcast-media-');
  writeFileSync(join(files.path, 'door.png'), PNG);
  writeFileSync(join(files.path, 'clip.mp4'), MP4);
  writeFileSync(join(files.path, 'notes.txt'), 'not a picture');
}

function sql(): Database.Database {
  return new Database(join(t.dataDir, 'loomcast.sqlite'));
}

function addCampaign(name: string): string {
  const db = sql();
  const id = `c-${name.toLowerCase().replace(/\W+/g, '-')}`;
  db.prepare('INSERT INTO campaigns (id, name, created_at, updated_at) VALUES (?, ?, 0, 0)').run(id, name);
  db.close();
  return id;
}

const preview = (csv: string, extra: Record<string, unknown> = {}) => call<ImportPreviewDto>(t.core, 'io:importPreview', { csv, ...extra });
const asInput = (rows: ImportRowResultDto[]) => rows.map((r) => ({ line: r.line, fields: r.fields, skip: r.skip }));
const errorsOf = (row: ImportRowResultDto | undefined) => (row?.errors ?? []).map((e) => `${e.field}: ${e.message}`);
const countPosts = () => {
  const db = sql();
  const n = (db.prepare('SELECT count(*) AS n FROM posts').get() as { n: number }).n;
  db.close();
  return n;
};

describe('bulk CSV import', () => {
  it('names every kind of row error with its field, and saves nothing until each bad row is fixed or skipped', async () => {
    await setup();
    const spring = addCampaign('Spring launch');
    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'a' } });
    await t.core.services.accounts.add({ platform: 'linkedin', handle: 'studio', credentials: { accessToken: 'b' } });
    await t.core.services.accounts.add({ platform: 'linkedin', handle: 'founder', credentials: { accessToken: 'c' } });
    const door = join(files.path, 'door.png');
    const csv = [
      'date,time,zone,text,accounts,link,media,alt_text,first_comment,campaign',
      `2026-12-01,09:30,,Launch day,x; mastodon,https://example.com/launch,${door},A red door,More in the comments,spring launch`,
      '2026-13-01,09:30,,Bad date,x,,,,,',
      '2027-03-28,02:30,,In the gap,x,,,,,',
      '2026-11-20,09:30,,Too late,x,,,,,',
      `2026-12-02,10:00,,${'a'.repeat(281)},x,,,,,`,
      '2026-12-02,11:00,,Who?,x:@nobody,,,,,',
      '2026-12-02,12:00,,Which one?,linkedin,,,,,',
      `2026-12-02,13:00,,Lost file,bluesky,,${join(files.path, 'missing.png')},Alt,,`,
      `2026-12-02,14:00,,No alt,bluesky,,${door},,,`,
      '2026-12-02,15:00,,Unknown campaign,x,,,,,Winter sale',
      '2026-12-02,16:00,,,x,,,,,',
      '2026-12-02,17:00,Mars/Olympus,Odd zone,x,,,,,',
      `2026-12-02,18:00,,Not a picture,x,,${join(files.path, 'notes.txt')},Alt,,`,
      '2026-12-02,19:00,,Instagram needs media,instagram,,,,,',
    ].join('\n');

    const p = await preview(csv);
    expect(p.layout).toBe('loomcast');
    expect(p.zone).toBe(ZONE);
    const byLine = new Map(p.rows.map((r) => [r.line, r]));
    const good = byLine.get(2)!;
    expect(good.errors).toEqual([]);
    expect(good.at).toBe('2026-12-01T08:30:00.000Z');
    expect(good.targets).toEqual([
      { platform: 'x', accountId: null, label: 'X' },
      { platform: 'mastodon', accountId: expect.any(String), label: 'Mastodon @me@example.social' },
    ]);
    expect(good.warnings).toEqual([{ field: 'accounts', message: expect.stringContaining('No X account is connected yet') }]);
    expect(errorsOf(byLine.get(3))).toEqual([expect.stringMatching(/^when: 2026-13-01 09:30 is not a real date/)]);
    expect(errorsOf(byLine.get(4))).toEqual([expect.stringMatching(/^when: 2027-03-28 02:30 does not exist in Europe\/Berlin/)]);
    expect(errorsOf(byLine.get(5))).toEqual(['when: Fri 20 Nov 2026, 09:30 (Europe/Berlin) is in the past. Pick a time in the future.']);
    expect(errorsOf(byLine.get(6))).toEqual(['text: 281 weighted characters; X allows at most 280']);
    expect(errorsOf(byLine.get(7))).toEqual([expect.stringMatching(/^accounts: No connected account is called @nobody on X/)]);
    expect(errorsOf(byLine.get(8))).toEqual([expect.stringMatching(/^accounts: You have 2 LinkedIn accounts \(@founder, @studio\): say which, e\.g\. linkedin:@founder/)]);
    expect(errorsOf(byLine.get(9))).toEqual([`media: Missing media: there is no file at ${join(files.path, 'missing.png')}.`]);
    expect(errorsOf(byLine.get(10))).toEqual([expect.stringMatching(/^altText: Missing alt text for door\.png/)]);
    expect(errorsOf(byLine.get(11))).toEqual(['campaign: No campaign is called “Winter sale”. Your campaigns: “Spring launch”.']);
    expect(errorsOf(byLine.get(12))).toEqual(['text: The text is empty: write the post.']);
    expect(errorsOf(byLine.get(13))).toEqual([expect.stringMatching(/^zone: “Mars\/Olympus” is not a time zone/)]);
    expect(errorsOf(byLine.get(14))).toEqual(['media: notes.txt is not a photo or video Loomcast can post (JPEG, PNG, GIF, WebP, MP4 or MOV).']);
    expect(errorsOf(byLine.get(15))).toEqual(['media: Instagram needs a photo or video: add a media path.']);

    // Nothing goes in while any row that is not skipped has an error.
    const refused = await t.core.dispatch('io:importCommit', { importId: 'imp-1', rows: asInput(p.rows) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^13 rows have errors: fix or skip them first\. Nothing was imported\. Line 3:/) } });
    expect(countPosts()).toBe(0);

    // Fix two rows in the preview, skip the rest, and import.
    const fixed = asInput(p.rows).map((r) => {
      if (r.line === 3) return { ...r, fields: { ...r.fields, when: '2026-12-01 12:00' } };
      if (r.line === 8) return { ...r, fields: { ...r.fields, accounts: 'linkedin:@studio' } };
      return r.line === 2 ? r : { ...r, skip: true };
    });
    const rechecked = await call<{ rows: ImportRowResultDto[] }>(t.core, 'io:importCheck', { rows: fixed.filter((r) => r.line === 3 || r.line === 8) });
    expect(rechecked.rows.map((r) => r.errors)).toEqual([[], []]);

    const changes: unknown[] = [];
    const stop = t.core.subscribe((event, payload) => event === 'posts:changed' && changes.push(payload));
    const done = await call<{ posts: number; targets: number; skipped: number; postIds: string[] }>(t.core, 'io:importCommit', { importId: 'imp-2', rows: fixed });
    stop();
    expect(done).toMatchObject({ posts: 3, targets: 4, skipped: 11 });
    expect(changes).toMatchObject([{ ids: done.postIds, reason: 'created' }]);

    const [launch, fixedDate, linkedin] = await Promise.all(done.postIds.map((id) => call<PostDto>(t.core, 'posts:get', { id })));
    expect(launch!.text).toBe('Launch day\n\nhttps://example.com/launch');
    expect(launch!.targets.map((x) => [x.platform, x.state, x.scheduledAt, x.zone])).toEqual([
      // Imported posts wait in Review with their time; they never skip it unless the creator says so.
      ['x', 'in_review', '2026-12-01T08:30:00.000Z', ZONE],
      ['mastodon', 'in_review', '2026-12-01T08:30:00.000Z', ZONE],
    ]);
    expect(launch!.firstComment).toBe('More in the comments');
    expect(fixedDate!.scheduledAt).toBe('2026-12-01T11:00:00.000Z');
    expect(linkedin!.targets).toEqual([expect.objectContaining({ platform: 'linkedin', accountId: expect.any(String) })]);
    expect(await call<PostVersionDto[]>(t.core, 'posts:versions', { id: launch!.id })).toEqual([expect.objectContaining({ number: 1, source: 'import' })]);

    const db = sql();
    expect(db.prepare('SELECT campaign_id FROM posts WHERE id = ?').get(launch!.id)).toEqual({ campaign_id: spring });
    const media = db.prepare('SELECT media_hash, alt_text FROM post_media WHERE post_id = ?').all(launch!.id) as { media_hash: string; alt_text: string }[];
    expect(media).toEqual([{ media_hash: expect.stringMatching(/^[0-9a-f]{64}$/), alt_text: 'A red door' }]);
    expect(readFileSync(join(t.dataDir, 'media', media[0]!.media_hash))).toEqual(Buffer.from(PNG));
    const studio = (db.prepare("SELECT id FROM accounts WHERE handle = 'studio'").get() as { id: string }).id;
    expect(db.prepare('SELECT account_id FROM targets WHERE post_id = ?').get(linkedin!.id)).toEqual({ account_id: studio });
    // The first comment goes only where the platform publishes one (both X and Mastodon do).
    expect((db.prepare("SELECT count(*) AS n FROM target_parts WHERE kind = 'comment'").get() as { n: number }).n).toBe(2);
    expect((db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'post.import'").get() as { n: number }).n).toBe(3);
    db.close();

    // The same commit again (a double click, a retried request) answers the first result and creates nothing.
    const again = await call<{ posts: number; postIds: string[] }>(t.core, 'io:importCommit', { importId: 'imp-2', rows: fixed });
    expect(again).toEqual(done);
    expect(countPosts()).toBe(3);
  });

  it('names a broken date and a broken time of one row together, each with what to write instead, in the preview and on a re-check', async () => {
    await setup();
    const csv = ['date,time,text,accounts', '2026-13-40,25:00,Both wrong,bluesky', '2026-02-30,7:75,Short month,bluesky', '2026-12-01,25:00,Only the time,bluesky'].join('\n');
    const p = await preview(csv);
    const both = [
      'when: The date 2026-13-40 does not exist: there is no month 13 and no day 40. Write the date as year-month-day, e.g. 2026-12-01.',
      'when: 25:00 is not a time of day: use 00:00 to 23:59.',
    ];
    expect(p.rows.map(errorsOf)).toEqual([
      both,
      ['when: The date 2026-02-30 does not exist: there is no day 30 in that month (it has 28). Write the date as year-month-day, e.g. 2026-12-01.', 'when: 7:75 is not a time of day: use 00:00 to 23:59.'],
      ['when: 25:00 is not a time of day: use 00:00 to 23:59.'],
    ]);
    // The preview's check of an edited row says the same.
    const rechecked = await call<{ rows: ImportRowResultDto[] }>(t.core, 'io:importCheck', { rows: asInput(p.rows.slice(0, 1)) });
    expect(errorsOf(rechecked.rows[0])).toEqual(both);
    // Hootsuite's layout: the date as the file writes it, in the order chosen.
    const hoot = await preview('31/02/2027 24:30,Both wrong\n', { accounts: 'bluesky' });
    expect(errorsOf(hoot.rows[0])).toEqual([
      'when: The date 31/02/2027 does not exist: there is no day 31 in that month (it has 28). Write the date as day/month/year, e.g. 01/12/2026.',
      'when: 24:30 is not a time of day: use 00:00 to 23:59.',
    ]);
  });

  it("reads a slashed date in the order of the creator's locale when the caller names none (an agent, a script)", async () => {
    t = await createTestCore({ zone: ZONE, locale: 'en-US', clients: PLATFORM_CLIENTS });
    const csv = '12/01/2026 09:30,"Morning, all"\n';
    const us = await preview(csv, { accounts: 'bluesky' });
    expect(us.rows.map((r) => r.at)).toEqual(['2026-12-01T08:30:00.000Z']);
    // Named, the order is the caller's.
    expect((await preview(csv, { accounts: 'bluesky', options: { dateOrder: 'dmy' } })).rows.map((r) => r.at)).toEqual(['2026-01-12T08:30:00.000Z']);
  });

  it("reads Hootsuite's layout with the accounts and date order chosen on import", async () => {
    await setup();
    const csv = '01/12/2026 09:30,"Morning, all",https://example.com\n12/01/2026 18:00,Evening\n';
    const dmy = await preview(csv, { accounts: 'bluesky; threads' });
    expect(dmy.layout).toBe('hootsuite');
    expect(dmy.rows.map((r) => [r.at, r.errors.length])).toEqual([
      ['2026-12-01T08:30:00.000Z', 0],
      ['2026-01-12T17:00:00.000Z', 1],
    ]);
    expect(errorsOf(dmy.rows[1])).toEqual(['when: Mon 12 Jan 2026, 18:00 (Europe/Berlin) is in the past. Pick a time in the future.']);

    const mdy = await preview(csv, { accounts: 'bluesky; threads', options: { dateOrder: 'mdy', zone: 'America/New_York' } });
    expect(mdy.zone).toBe('America/New_York');
    expect(mdy.rows.map((r) => [r.at, r.errors])).toEqual([
      ['2026-01-12T14:30:00.000Z', [{ field: 'when', message: expect.stringContaining('is in the past') }]],
      ['2026-12-01T23:00:00.000Z', []],
    ]);
    const noAccounts = await preview(csv);
    expect(errorsOf(noAccounts.rows[0])).toEqual([expect.stringMatching(/^accounts: Name where the post goes/)]);

    const done = await call<{ posts: number; postIds: string[] }>(t.core, 'io:importCommit', { importId: 'h', rows: asInput(mdy.rows).map((r, i) => ({ ...r, skip: i === 0 })), options: { dateOrder: 'mdy', zone: 'America/New_York' } });
    const post = await call<PostDto>(t.core, 'posts:get', { id: done.postIds[0] });
    expect(post.targets.map((x) => [x.platform, x.scheduledAt, x.zone])).toEqual([
      ['bluesky', '2026-12-01T23:00:00.000Z', 'America/New_York'],
      ['threads', '2026-12-01T23:00:00.000Z', 'America/New_York'],
    ]);
  });

  it('notes what is worth knowing without holding the import back: a time that happens twice, a comment a platform can’t take', async () => {
    await setup();
    const door = join(files.path, 'door.png');
    const clip = join(files.path, 'clip.mp4');
    const csv = [
      'date,time,text,accounts,link,media,alt_text,first_comment',
      `2027-10-31,02:30,Twice at half past two,x,,,,`,
      `2026-12-04,09:00,A video,youtube,,${clip},,Thanks for watching`,
      `2026-12-04,10:00,Bad link,x,example.com,,,`,
      `2026-12-04,11:00,Photo and video,x,,${door} | ${clip},one | two | three,`,
      `2026-12-04,12:00,Photo for YouTube,youtube,,${door},A door,`,
    ].join('\n');
    const p = await preview(csv);
    const [twice, video, link, counts, photo] = p.rows;
    expect(twice!.errors).toEqual([]);
    expect(twice!.at).toBe('2027-10-31T00:30:00.000Z');
    expect(twice!.warnings).toContainEqual({ field: 'when', message: '02:30 happens twice on Sun 31 Oct 2027 in Europe/Berlin (the clocks go back): Loomcast takes the first one, at UTC+02:00.' });
    expect(video!.errors).toEqual([]);
    expect(video!.warnings).toContainEqual({ field: 'firstComment', message: 'YouTube takes no first comment: it is left out there.' });
    expect(errorsOf(link)).toEqual(['link: “example.com” is not a web address: write the full link, starting with https://.']);
    expect(errorsOf(counts)).toEqual([
      'altText: There are 3 alt texts for 2 media files: give one per file, separated by |, in the same order.',
      // X refuses a video beside anything else: said in the preview, as the pre-flight would at the commit.
      'media: An X post takes one video on its own, without photos or a second video. Keep one video, or split the post.',
    ]);
    expect(errorsOf(photo)).toEqual(['media: YouTube takes no photos: use a video, or leave YouTube out of this row.']);

    const done = await call<{ postIds: string[] }>(t.core, 'io:importCommit', { importId: 'w', rows: asInput(p.rows).map((r, i) => ({ ...r, skip: i > 1 })) });
    const [, youtube] = await Promise.all(done.postIds.map((id) => call<PostDto>(t.core, 'posts:get', { id })));
    expect(youtube!.firstComment).toBeNull();
  });

  it('schedules imported rows directly only when the creator turns on "imported posts skip review", through the gates', async () => {
    await setup();
    await call(t.core, 'settings:update', { importedPostsSkipReview: true });
    const row = (line: number, text: string) => ({ line, fields: { when: '2026-12-03 09:00', zone: '', text, accounts: 'x', link: '', media: '', altText: '', firstComment: '', campaign: '' } });
    const checked = await call<{ rows: ImportRowResultDto[] }>(t.core, 'io:importCheck', { rows: [row(2, 'Going out as written'), row(3, 'Hello {first name}, welcome')] });
    expect(checked.rows[0]!.errors).toEqual([]);
    // A blank left from a template is a row error, like a text over the limit: it would fail at the platform.
    expect(errorsOf(checked.rows[1])).toEqual(['text: X: the text still has blanks to fill in ({first name}). Fill them in, or import it as a draft and use a template.']);
    const done = await call<{ postIds: string[] }>(t.core, 'io:importCommit', { importId: 'imp-skip', rows: [row(2, 'Going out as written')] });
    const [post] = await Promise.all(done.postIds.map((id) => call<PostDto>(t.core, 'posts:get', { id })));
    expect(post!.targets.map((x) => x.state)).toEqual(['scheduled']);
  });

  it('answers a row error for a text of a million characters, and keeps serving', async () => {
    await setup();
    const huge = `${'word '.repeat(199_999)}words`;
    const rows = [{ line: 2, fields: { when: '2026-12-03 09:00', zone: '', text: huge, accounts: 'x; mastodon', link: '', media: '', altText: '', firstComment: '', campaign: '' } }];
    const checked = await call<{ rows: ImportRowResultDto[] }>(t.core, 'io:importCheck', { rows });
    expect(errorsOf(checked.rows[0])).toEqual(['text: The text is 1,000,000 characters long; the longest post any platform takes is 63,206 (Facebook). Shorten it or split it into a thread.']);
    expect(await call(t.core, 'app:info')).toMatchObject({ name: 'Loomcast' });
  });

  it('can be cancelled while media is copied, and then saves nothing', async () => {
    await setup();
    const rows = ['door.png', 'clip.mp4'].map((name, i) => ({
      line: i + 2,
      fields: { when: '2026-12-03 09:00', zone: '', text: `Post ${i}`, accounts: 'x', link: '', media: join(files.path, name), altText: 'Alt', firstComment: '', campaign: '' },
    }));
    const phases: string[] = [];
    const stop = t.core.subscribe((event, payload) => {
      if (event !== 'io:importProgress') return;
      const p = payload as { phase: string; done: number };
      phases.push(`${p.phase}:${p.done}`);
      if (p.phase === 'media' && p.done === 1) void t.core.dispatch('io:importCancel', { importId: 'imp-c' });
    });
    const result = await t.core.dispatch('io:importCommit', { importId: 'imp-c', rows });
    stop();
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Import cancelled: nothing was imported.' } });
    // The rows are checked first (no preview token here), then the media copied.
    expect(phases).toEqual(['checking:0', 'checking:2', 'media:0', 'media:1', 'cancelled:0']);
    expect(countPosts()).toBe(0);
    expect(await call(t.core, 'io:importCancel', { importId: 'imp-c' })).toEqual({ cancelled: false });
  });
});

describe('exports', () => {
  async function plan(): Promise<{ berlin: PostDto; ny: PostDto }> {
    const berlin = await call<PostDto>(t.core, 'posts:create', { text: '=HYPERLINK("http://evil") is how spreadsheets get you', platforms: ['x', 'bluesky'], schedule: { date: '2027-03-27', time: '09:30' } });
    const ny = await call<PostDto>(t.core, 'posts:create', { text: 'After the clocks change in New York', platforms: ['mastodon'], schedule: { date: '2027-03-29', time: '09:30', zone: 'America/New_York' } });
    await call(t.core, 'posts:create', { text: 'A draft has no place in a calendar', platforms: ['x'], schedule: null });
    return { berlin, ny };
  }

  it('writes the calendar as CSV in the import columns, guarded against formulas, and that file imports back', async () => {
    await setup();
    const { berlin } = await plan();
    const file = await call<ExportFileDto>(t.core, 'io:exportCsv', {});
    expect(file).toMatchObject({ filename: 'loomcast-calendar-2026-11-23.csv', mime: 'text/csv', count: 3 });
    const lines = file.content.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('date,time,zone,text,accounts,link,media,alt_text,first_comment,campaign,state,published_url,post_id,target_id');
    expect(lines[1]).toBe(`2027-03-27,09:30,Europe/Berlin,"'=HYPERLINK(""http://evil"") is how spreadsheets get you",x,,,,,,scheduled,,${berlin.id},${berlin.targets[0]!.id}`);
    expect(lines[3]).toMatch(/^2027-03-29,09:30,America\/New_York,After the clocks change in New York,mastodon,/);

    const back = await preview(file.content);
    expect(back.columns.filter((c) => c.field === null).map((c) => c.header)).toEqual(['state', 'published_url', 'post_id', 'target_id']);
    expect(back.rows.map((r) => [r.fields.text.slice(0, 11), r.at, r.zone, r.errors.length])).toEqual([
      ['=HYPERLINK(', '2027-03-27T08:30:00.000Z', ZONE, 0],
      ['=HYPERLINK(', '2027-03-27T08:30:00.000Z', ZONE, 0],
      ['After the c', '2027-03-29T13:30:00.000Z', 'America/New_York', 0],
    ]);
  });

  it('writes an iCal file a real parser reads back with the right instants, zones and one event per scheduled copy', async () => {
    await setup();
    const { berlin, ny } = await plan();
    // A copy that went out stays in the calendar (at its publish time); a failed one leaves it.
    const db = sql();
    db.prepare("UPDATE targets SET state = 'published', published_at = ?, platform_url = 'https://bsky.app/p/1' WHERE id = ?").run(Date.parse('2027-03-27T08:31:00Z'), berlin.targets[1]!.id);
    const failed = await call<PostDto>(t.core, 'posts:create', { text: 'This one failed', platforms: ['x'], schedule: { date: '2027-03-27', time: '11:00' } });
    db.prepare("UPDATE targets SET state = 'failed' WHERE post_id = ?").run(failed.id);
    db.close();

    const file = await call<ExportFileDto>(t.core, 'io:exportIcs', {});
    expect(file).toMatchObject({ filename: 'loomcast-calendar-2026-11-23.ics', mime: 'text/calendar', count: 3 });
    const cal = new ICAL.Component(ICAL.parse(file.content));
    const zones = cal.getAllSubcomponents('vtimezone').map((z) => new ICAL.Timezone(z));
    expect(zones.map((z) => z.tzid).sort()).toEqual(['America/New_York', 'Europe/Berlin']);
    for (const z of zones) ICAL.TimezoneService.register(z);
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => [e.uid, e.startDate.zone?.tzid, e.startDate.toUnixTime() * 1000])).toEqual([
      [`${berlin.targets[0]!.id}@loomcast`, 'Europe/Berlin', Date.parse('2027-03-27T08:30:00Z')],
      [`${berlin.targets[1]!.id}@loomcast`, 'Europe/Berlin', Date.parse('2027-03-27T08:31:00Z')],
      [`${ny.targets[0]!.id}@loomcast`, 'America/New_York', Date.parse('2027-03-29T13:30:00Z')],
    ]);
    expect(events[0]!.startDate.toString()).toBe('2027-03-27T09:30:00');
    expect(events[0]!.summary).toBe('X · =HYPERLINK("http://evil") is how spreadsheets get you');
    expect(events[1]!.summary).toMatch(/^Published · Bluesky · /);
    expect(events[1]!.component.getFirstPropertyValue('url')).toBe('https://bsky.app/p/1');
    ICAL.TimezoneService.reset();
  });

  it('writes an alias zone under the name its VTIMEZONE carries, and UTC as UTC', async () => {
    await setup();
    await call(t.core, 'posts:create', { text: 'Mumbai', platforms: ['x'], schedule: { date: '2026-12-05', time: '09:00', zone: 'Asia/Calcutta' } });
    await call(t.core, 'posts:create', { text: 'UTC', platforms: ['x'], schedule: { date: '2026-12-05', time: '09:00', zone: 'UTC' } });
    const file = await call<ExportFileDto>(t.core, 'io:exportIcs', {});
    expect(file.content).toContain('TZID:Asia/Kolkata');
    expect(file.content).toContain('DTSTART;TZID=Asia/Kolkata:20261205T090000');
    expect(file.content).toContain('DTSTART:20261205T090000Z');
    expect(file.content).not.toContain('Asia/Calcutta');
  });

  it('writes a time the clocks repeat so each of the two comes back as itself: with its offset in the CSV, in UTC in the .ics', async () => {
    await setup();
    // The next night the clocks go back in Berlin after the clock's now (found, not written down,
    // so the test keeps working whatever the clock says): 02:30 happens in summer time, then
    // again an hour later in winter time.
    const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).offset;
    let back = t.clock.now();
    while (offsetAt(back + 3_600_000) >= offsetAt(back)) back += 3_600_000;
    while (offsetAt(back + 60_000) >= offsetAt(back)) back += 60_000;
    back += 60_000;
    const [first, second] = [back - 30 * 60_000, back + 30 * 60_000];
    const day = DateTime.fromMillis(second, { zone: ZONE }).toFormat('yyyy-LL-dd');
    const iso = (ms: number) => new Date(ms).toISOString();
    expect([first, second].map((ms) => DateTime.fromMillis(ms, { zone: ZONE }).toFormat('yyyy-LL-dd HH:mm'))).toEqual([`${day} 02:30`, `${day} 02:30`]);

    // The second one is planned as an exact instant (a bare 02:30 is the first, here as anywhere).
    await call(t.core, 'settings:update', { importedPostsSkipReview: true });
    const planned = await preview(['when,zone,text,accounts', `${DateTime.fromMillis(second, { zone: ZONE }).toFormat("yyyy-LL-dd'T'HH:mmZZ")},${ZONE},The second half past two,x`, `${day} 02:30,${ZONE},The first half past two,x`].join('\n'));
    expect(planned.rows.map((r) => [r.at, r.errors])).toEqual([[iso(second), []], [iso(first), []]]);
    await call(t.core, 'io:importCommit', { importId: 'imp-twice', rows: asInput(planned.rows) });

    const sheet = await call<ExportFileDto>(t.core, 'io:exportCsv', {});
    const lines = sheet.content.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1]).toMatch(new RegExp(`^${day},02:30\\+02:00,Europe/Berlin,The first half past two,x,`));
    expect(lines[2]).toMatch(new RegExp(`^${day},02:30\\+01:00,Europe/Berlin,The second half past two,x,`));
    const again = await preview(sheet.content);
    expect(again.rows.map((r) => [r.fields.text, r.at, r.zone, r.errors])).toEqual([
      ['The first half past two', iso(first), ZONE, []],
      ['The second half past two', iso(second), ZONE, []],
    ]);

    // With a TZID, 02:30 names the first (RFC 5545 §3.3.5), and ical.js reads it as the second:
    // neither is safe for both, UTC is.
    const file = await call<ExportFileDto>(t.core, 'io:exportIcs', {});
    expect(file.content).not.toContain(`DTSTART;TZID=Europe/Berlin:${day.replace(/-/g, '')}T023000`);
    const cal = new ICAL.Component(ICAL.parse(file.content));
    for (const z of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(z));
    try {
      const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      expect(events.map((e) => [e.summary, e.startDate.toUnixTime() * 1000])).toEqual([
        ['X · The first half past two', first],
        ['X · The second half past two', second],
      ]);
    } finally {
      ICAL.TimezoneService.reset();
    }
  });
});

describe('calendar subscription in browser mode', () => {
  let host: RunningHost;
  afterEach(async () => {
    await host?.close();
  });

  it('serves the feed only for the current feed token, never for the host token, and keeps only its fingerprint', async () => {
    await setup();
    await call(t.core, 'posts:create', { text: 'In the feed', platforms: ['x'], schedule: { date: '2026-12-05', time: '09:00' } });
    const hostToken = 'host-token-0123456789abcdef';
    host = await startHost({ core: t.core, log: { log() {}, debug() {}, info() {}, warn() {}, error() {} }, token: hostToken, staticDir: files.path, port: 0 });
    const base = `http://127.0.0.1:${host.port}`;

    expect(await call(t.core, 'io:feedStatus')).toEqual({ enabled: false, createdAt: null, lastFetchedAt: null });
    const link = await call<FeedLinkDto>(t.core, 'io:feedEnable');
    expect(link).toMatchObject({ enabled: true, createdAt: '2026-11-23T09:00:00.000Z', path: expect.stringMatching(/^\/ical\/[A-Za-z0-9_-]{32}\.ics$/) });
    expect(await t.core.dispatch('io:feedEnable', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const got = await fetch(`${base}${link.path}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = await got.text();
    expect(body).toMatch(/^BEGIN:VCALENDAR/);
    expect(body).toContain('SUMMARY:X · In the feed');
    expect((await fetch(`${base}${link.path}`, { method: 'HEAD' })).status).toBe(200);
    expect(await call(t.core, 'io:feedStatus')).toMatchObject({ enabled: true, lastFetchedAt: '2026-11-23T09:00:00.000Z' });

    expect((await fetch(`${base}/ical/${hostToken}.ics`)).status).toBe(404);
    expect((await fetch(`${base}${link.path}`, { method: 'POST' })).status).toBe(405);
    const token = /\/ical\/(.+)\.ics$/.exec(link.path)![1]!;
    for (const name of readdirSync(t.dataDir).filter((f) => f.startsWith('loomcast.sqlite'))) {
      expect(readFileSync(join(t.dataDir, name)).includes(Buffer.from(token)), name).toBe(false);
    }

    const rotated = await call<FeedLinkDto>(t.core, 'io:feedRotate');
    expect(rotated.path).not.toBe(link.path);
    expect((await fetch(`${base}${link.path}`)).status).toBe(404);
    expect((await fetch(`${base}${rotated.path}`)).status).toBe(200);

    expect(await call(t.core, 'io:feedDisable')).toEqual({ enabled: false, createdAt: null, lastFetchedAt: null });
    expect((await fetch(`${base}${rotated.path}`)).status).toBe(404);
    expect(await t.core.dispatch('io:feedRotate', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
