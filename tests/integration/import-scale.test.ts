import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../electron/core/deps';
import { IMPORT_MAX_CHARS, IMPORT_MAX_ROWS, type ImportPreviewDto, type ImportRowResultDto } from '../../shared/contract/features/io';
import { PLATFORM_CLIENTS } from '../../electron/core/platforms/registry';
import { scaleCsv } from '../bench/import-scale';
import { fingerprintOf } from '../../electron/core/posts/guard-prints';
import { call, createTestCore, tempDir, type TestCore } from '../support/core';

// How many rows each commit checked from scratch, as the core logs it ("import.check"). (The
// integration project shares modules between files, so the count is read from the log rather
// than from a mocked module.)
const commits: { importId: string; rows: number; rechecked: number }[] = [];
const quiet = () => {};
const log: Logger = {
  log: quiet,
  debug: (message, fields) => {
    if (message === 'import.check') commits.push(fields as (typeof commits)[number]);
  },
  info: quiet,
  warn: quiet,
  error: quiet,
};
const rechecked = (importId: string) => commits.find((c) => c.importId === importId)?.rechecked;

const DAY_MS = 86_400_000;
let t: TestCore;
afterEach(() => t?.close());

async function setup(): Promise<void> {
  t = await createTestCore({ zone: 'Europe/Berlin', clients: PLATFORM_CLIENTS, log });
  const a = t.core.services.accounts;
  await a.add({ platform: 'x', handle: 'studio', credentials: { accessToken: 'x' } });
  await a.add({ platform: 'bluesky', handle: 'studio.bsky.social', credentials: { accessToken: 'b' } });
  await a.add({ platform: 'mastodon', handle: '@studio@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'm' } });
  await a.add({ platform: 'linkedin', handle: 'studio', credentials: { accessToken: 'l' } });
  await a.add({ platform: 'threads', handle: 'studio', credentials: { accessToken: 't' } });
  await a.add({ platform: 'facebook', handle: 'studio', credentials: { accessToken: 'f' } });
}

const count = (table: 'posts' | 'targets' | 'target_parts') => {
  const db = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
  const n = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  db.close();
  return n;
};
const asInput = (rows: ImportRowResultDto[]) => rows.map((r) => ({ line: r.line, fields: r.fields, skip: r.skip }));
const iso = (ms: number) => new Date(ms).toISOString();

describe('CSV import at scale', () => {
  it('checks 10,000 rows with progress reports and imports them exactly once, without checking them again', { timeout: 60_000 }, async () => {
    await setup();
    const reports: { id: string; phase: string; done: number; total: number }[] = [];
    const stop = t.core.subscribe((event, payload) => {
      if (event === 'io:importProgress') {
        const p = payload as { importId: string; phase: string; done: number; total: number };
        reports.push({ id: p.importId, phase: p.phase, done: p.done, total: p.total });
      }
    });
    const preview = await call<ImportPreviewDto>(t.core, 'io:importPreview', { csv: scaleCsv(10_000, t.clock.now()), previewId: 'preview-1' });
    expect(preview.rows).toHaveLength(10_000);
    expect(preview.rows.filter((r) => r.errors.length)).toEqual([]);
    const checking = reports.filter((r) => r.id === 'preview-1' && r.phase === 'checking');
    expect(checking.length).toBeGreaterThan(10);
    expect(checking.every((r) => r.total === 10_000)).toBe(true);
    expect(checking.map((r) => r.done)).toEqual([...checking.map((r) => r.done)].sort((a, b) => a - b));
    expect(checking.at(-1)!.done).toBe(10_000);

    const input = { importId: 'import-1', previewToken: preview.token, rows: asInput(preview.rows) };
    const result = await call<{ posts: number; targets: number; postIds: string[] }>(t.core, 'io:importCommit', input);
    stop();
    expect(rechecked('import-1')).toBe(0);
    const copies = preview.rows.reduce((n, r) => n + r.targets.length, 0);
    expect(result).toMatchObject({ posts: 10_000, targets: copies, skipped: 0 });
    expect(new Set(result.postIds).size).toBe(10_000);
    expect(reports.filter((r) => r.id === 'import-1').map((r) => r.phase)).toEqual(expect.arrayContaining(['checking', 'saving', 'done']));
    // Every fourth row has a first comment; Facebook, Threads and LinkedIn copies take one here as the clients say.
    expect([count('posts'), count('targets')]).toEqual([10_000, copies]);
    expect(count('target_parts')).toBeGreaterThan(0);

    // The same import again (a second click, a retried request): its first answer, nothing more.
    expect(await call(t.core, 'io:importCommit', input)).toEqual(result);
    expect([count('posts'), count('targets')]).toEqual([10_000, copies]);
  });

  it('checks again a row edited after the preview, and every row once the accounts changed', async () => {
    await setup();
    const soon = t.clock.now() + 2 * DAY_MS;
    const csv = ['datetime,text,accounts', `${iso(soon)},First,x`, `${iso(soon + 3_600_000)},Second,x; bluesky`, `${iso(soon + 7_200_000)},Third,mastodon`].join('\n');
    const preview = await call<ImportPreviewDto>(t.core, 'io:importPreview', { csv });
    const rows = asInput(preview.rows);

    // Line 3 now says more than X takes: the commit checks it (and only it) and refuses.
    const edited = rows.map((r) => (r.line === 3 ? { ...r, fields: { ...r.fields, text: 'x'.repeat(281) } } : r));
    const refused = await t.core.dispatch('io:importCommit', { importId: 'edit-1', previewToken: preview.token, rows: edited });
    expect(rechecked('edit-1')).toBe(1);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Nothing was imported. Line 3: ') } });
    expect(count('posts')).toBe(0);

    // A new account changes what "x" means: every row is checked afresh (and "x" is now ambiguous).
    await t.core.services.accounts.add({ platform: 'x', handle: 'founder', credentials: { accessToken: 'x2' } });
    const again = await t.core.dispatch('io:importCommit', { importId: 'edit-2', previewToken: preview.token, rows });
    expect(rechecked('edit-2')).toBe(3);
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(count('posts')).toBe(0);
  });

  it('checks again a kept row whose time has passed since the preview', async () => {
    await setup();
    const soon = t.clock.now() + 2 * 3_600_000;
    const csv = ['datetime,text,accounts', `${iso(soon)},Soon,x`, `${iso(soon + 5 * DAY_MS)},Later,x`].join('\n');
    const preview = await call<ImportPreviewDto>(t.core, 'io:importPreview', { csv });
    t.clock.advance(3 * 3_600_000);
    const late = await t.core.dispatch('io:importCommit', { importId: 'late-1', previewToken: preview.token, rows: asInput(preview.rows) });
    expect(rechecked('late-1')).toBe(1);
    expect(late).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('is in the past') } });
    expect(count('posts')).toBe(0);
  });

  it('stops reading a file when the creator cancels, between chunks of rows', async () => {
    await setup();
    const seen: string[] = [];
    const stop = t.core.subscribe((event, payload) => {
      const p = payload as { importId: string; phase: string; done: number };
      if (event !== 'io:importProgress' || p.importId !== 'read-1') return;
      seen.push(`${p.phase}:${p.done}`);
      if (p.phase === 'checking' && p.done > 0) void t.core.dispatch('io:importCancel', { importId: 'read-1' });
    });
    const result = await t.core.dispatch('io:importPreview', { csv: scaleCsv(1_500, t.clock.now()), previewId: 'read-1' });
    stop();
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Reading the file was cancelled.' } });
    // Stopped after the first chunk of 500 rows.
    expect(seen).toEqual(['checking:0', 'checking:500', 'cancelled:0']);
    expect(await call(t.core, 'io:importCancel', { importId: 'read-1' })).toEqual({ cancelled: false });
  });

  it('refuses a file past the row cap or the size cap, naming the cap, before checking a row', async () => {
    await setup();
    const reports: string[] = [];
    const stop = t.core.subscribe((event, payload) => {
      if (event === 'io:importProgress') reports.push((payload as { phase: string }).phase);
    });
    const tooMany = await t.core.dispatch('io:importPreview', { csv: scaleCsv(IMPORT_MAX_ROWS + 50, t.clock.now()), previewId: 'cap-0' });
    expect(tooMany).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining(`more than ${IMPORT_MAX_ROWS.toLocaleString('en')} rows`), details: `too_many_rows: limit ${IMPORT_MAX_ROWS}` },
    });
    const huge = await t.core.dispatch('io:importPreview', { csv: `datetime,text,accounts\n${'x'.repeat(IMPORT_MAX_CHARS)}` });
    expect(huge).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: ['csv'], message: expect.stringContaining('8 million characters') }] } });
    // The commit's own cap: rows past it are refused before any is checked.
    const row = { line: 2, fields: { when: iso(t.clock.now() + DAY_MS), zone: '', text: 'Hi', accounts: 'x', link: '', media: '', altText: '', firstComment: '', campaign: '' } };
    const rows = Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => ({ ...row, line: i + 2 }));
    expect(await t.core.dispatch('io:importCommit', { importId: 'cap-1', rows })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    stop();
    expect(reports).toEqual([]);
    expect(rechecked('cap-1')).toBeUndefined();
  });

  it('saves imported copies with the guard’s fingerprint once there is a history, so later checks read only real matches', async () => {
    await setup();
    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@founder@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'm2' } });
    const at = t.clock.now() + 2 * DAY_MS;
    const prints = () => {
      const db = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
      const rows = db.prepare('SELECT v.text, t.guard_print AS print FROM targets t JOIN post_versions v ON v.post_id = t.post_id ORDER BY v.text').all() as { text: string; print: string }[];
      db.close();
      return rows;
    };
    const importRows = async (id: string, lines: string[]) => {
      const preview = await call<ImportPreviewDto>(t.core, 'io:importPreview', { csv: ['datetime,text,accounts', ...lines].join('\n') });
      return t.core.dispatch('io:importCommit', { importId: id, previewToken: preview.token, rows: asInput(preview.rows) });
    };
    // A first import into an empty history compares with nothing, so it works nothing out.
    await importRows('first', [`${iso(at)},Launch day notes,mastodon:@studio@example.social`]);
    expect(prints()).toEqual([{ text: 'Launch day notes', print: '' }]);
    // The next one does: its copies keep their fingerprint, and the earlier copy it read is stored too.
    await importRows('second', [`${iso(at + 3_600_000)},Behind the scenes,mastodon:@studio@example.social`, `${iso(at + 7_200_000)},Spring sale,mastodon:@studio@example.social`]);
    expect(prints()).toEqual(
      ['Behind the scenes', 'Launch day notes', 'Spring sale'].map((text) => ({ text, print: fingerprintOf(text) })),
    );
    // What was stored is what the guard looks for: the same words to another account are refused…
    const refused = await importRows('third', [`${iso(at + 3_600_000)},behind  the Scenes,mastodon:@founder@example.social`]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('already planned') } });
    // …and the composer's check finds it too.
    const founder = (await t.core.services.accounts.list()).find((a) => a.handle === '@founder@example.social')!;
    const check = await call<{ blocks: unknown[] }>(t.core, 'guard:check', { text: 'Spring sale', accountIds: [founder.id], scheduledAt: iso(at + 7_200_000) });
    expect(check.blocks).toHaveLength(1);
  });

  it('keeps the duplicate guard: the same words to two accounts of one platform, in a row or against a planned post', async () => {
    await setup();
    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@founder@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'm2' } });
    const at = t.clock.now() + 2 * DAY_MS;
    const first = await call<ImportPreviewDto>(t.core, 'io:importPreview', { csv: ['datetime,text,accounts', `${iso(at)},Planned words,mastodon:@studio@example.social`].join('\n') });
    await call(t.core, 'io:importCommit', { importId: 'dup-1', previewToken: first.token, rows: asInput(first.rows) });
    const csv = [
      'datetime,text,accounts',
      `${iso(at + 3_600_000)},Planned words,mastodon:@founder@example.social`,
      `${iso(at)},Twice in one row,mastodon:@studio@example.social; mastodon:@founder@example.social`,
      `${iso(at + 60_000)},Planned words,mastodon:@studio@example.social`,
    ].join('\n');
    const preview = await call<ImportPreviewDto>(t.core, 'io:importPreview', { csv });
    const checked = await call<{ rows: ImportRowResultDto[] }>(t.core, 'io:importCheck', { rows: asInput(preview.rows) });
    const texts = checked.rows.map((r) => r.errors.map((e) => e.message));
    expect(texts[0]).toEqual(['The same words would go to two Mastodon accounts (one of them is already planned). Change the words for one of them, or leave one account out of this row.']);
    expect(texts[1]).toEqual(['The same words would go to two Mastodon accounts. Change the words for one of them, or leave one account out of this row.']);
    // The same account again (a minute on) is the guard's warning elsewhere, never a block; at the
    // very same minute it is a twin, refused (the test below).
    expect(texts[2]).toEqual([]);
  });

  describe('the duplicate guard between the rows of one file, and with media', () => {
    const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
    let files: ReturnType<typeof tempDir> | null = null;
    afterEach(() => {
      files?.remove();
      files = null;
    });
    async function withFounder() {
      await setup();
      await t.core.services.accounts.add({ platform: 'mastodon', handle: '@founder@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'm2' } });
      files = tempDir('import-media-');
      writeFileSync(join(files.path, 'door.png'), PNG);
      return t.clock.now() + 2 * DAY_MS;
    }
    const HEAD = 'datetime,text,accounts,media,alt_text';
    const errorsOf = async (lines: string[]) => {
      const options = { mediaFolder: files!.path };
      const preview = await call<ImportPreviewDto>(t.core, 'io:importPreview', { csv: [HEAD, ...lines].join('\n'), options });
      // The guard runs on the check before the commit (and the commit), not on the first read.
      const checked = await call<{ rows: ImportRowResultDto[] }>(t.core, 'io:importCheck', { rows: asInput(preview.rows), options });
      return { preview, errors: checked.rows.map((r) => r.errors.map((e) => e.message)), options };
    };
    const commit = async (id: string, lines: string[], skip: number[] = []) => {
      const { preview, options } = await errorsOf(lines);
      const rows = asInput(preview.rows).map((r, i) => ({ ...r, skip: skip.includes(i) }));
      return t.core.dispatch('io:importCommit', { importId: id, previewToken: preview.token, rows, options });
    };

    it('refuses the later of two rows with the same words to two accounts of one platform, as the composer refuses the second post', async () => {
      const at = await withFounder();
      const lines = [
        `${iso(at)},Big launch today,mastodon:@studio@example.social,,`,
        `${iso(at + 3_600_000)},big launch  today!,mastodon:@founder@example.social,,`,
        `${iso(at + 7_200_000)},Big launch today,mastodon:@studio@example.social,,`,
        `${iso(at + 10 * DAY_MS)},Big launch today,mastodon:@founder@example.social,,`,
      ];
      const { preview, errors } = await errorsOf(lines);
      expect(errors).toEqual([
        [],
        [`The same words would go to two Mastodon accounts (line ${preview.rows[0]!.line} of this file has the same words for the other). Change the words on one of the two lines, or skip one of them.`],
        [],
        [],
      ]);
      expect(await commit('rows-clash', lines)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(count('posts')).toBe(0);
      // Skipping the later row, the rest go in.
      expect(await commit('rows-clash-skip', lines, [1])).toMatchObject({ ok: true, value: { posts: 3 } });
    });

    it('compares a row with its photo: the same words and photo to another account are refused, in the file or planned', async () => {
      const at = await withFounder();
      const studio = `${iso(at)},Door photo day,mastodon:@studio@example.social,door.png,A red door`;
      const founder = `${iso(at)},Door photo day,mastodon:@founder@example.social,door.png,A red door`;
      expect((await errorsOf([studio, founder])).errors[1]).toEqual([expect.stringContaining('has the same words for the other')]);
      expect(await commit('photo-1', [studio])).toMatchObject({ ok: true });
      expect((await errorsOf([founder])).errors).toEqual([[expect.stringContaining('(one of them is already planned)')]]);
      expect(await commit('photo-2', [founder])).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    });

    it('refuses the same post twice at the same minute on one account, in the file or planned', async () => {
      const at = await withFounder();
      const row = `${iso(at)},Doors open at nine,mastodon:@studio@example.social,,`;
      const { preview, errors } = await errorsOf([row, `${iso(at)},doors open at nine!,mastodon:@studio@example.social,,`]);
      expect(errors).toEqual([[], [`The same post is on line ${preview.rows[0]!.line} of this file for the same account at that exact time, so it would go out twice at once. Skip this line, or change its time or words.`]]);
      expect(await commit('twin-1', [row])).toMatchObject({ ok: true });
      expect((await errorsOf([row])).errors).toEqual([[expect.stringContaining('The same post is already planned for the same account at that exact time')]]);
      // A minute later on the same account is the guard's warning, not a refusal.
      expect((await errorsOf([`${iso(at + 60_000)},Doors open at nine,mastodon:@studio@example.social,,`])).errors).toEqual([[]]);
    });

    it('lets a row with a photo through next to the same words without it, as the composer does', async () => {
      const at = await withFounder();
      const textOnly = `${iso(at)},Door photo day,mastodon:@studio@example.social,,`;
      const withPhoto = `${iso(at)},Door photo day,mastodon:@founder@example.social,door.png,A red door`;
      expect((await errorsOf([textOnly, withPhoto])).errors).toEqual([[], []]);
      expect(await commit('plain-1', [textOnly])).toMatchObject({ ok: true });
      expect((await errorsOf([withPhoto])).errors).toEqual([[]]);
      expect(await commit('plain-2', [withPhoto])).toMatchObject({ ok: true, value: { posts: 1 } });
    });
  });
});
