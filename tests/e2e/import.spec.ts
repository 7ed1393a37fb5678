import AxeBuilder from '@axe-core/playwright';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { PostDto } from '../../shared/contract';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';

const ZONE = 'Europe/Berlin';
const NY = 'America/New_York';
const SHOTS = resolve(__dirname, '../../docs/screenshots');

// Rows name platforms only: a copy may wait for its account (the posts service plans copies for
// platforms with no connected account, and binds them when one is connected), so this test
// needs no keychain and no fake platform.
const at = (date: string, time: string, zone: string) => DateTime.fromISO(`${date}T${time}`, { zone }).toMillis();

/** Reads an .ics file with ical.js, registering its VTIMEZONEs so local times map to instants. */
function readCalendar(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const zones = cal.getAllSubcomponents('vtimezone').map((z) => new ICAL.Timezone(z));
  ICAL.TimezoneService.reset();
  for (const z of zones) ICAL.TimezoneService.register(z);
  const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  return {
    zones: zones.map((z) => z.tzid).sort(),
    events: events.map((e) => ({ uid: e.uid, tzid: e.startDate.zone?.tzid ?? null, local: e.startDate.toString(), epochMs: e.startDate.toUnixTime() * 1000, summary: e.summary })),
  };
}

/** Serious and critical WCAG 2 A/AA findings (as the a11y spec counts them) in a part of the page that spec does not reach. */
async function seriousA11yFindings(page: Page, within: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include(within).withTags(['wcag2a', 'wcag2aa']).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('bulk import and export', () => {
  test('a CSV with a bad row shows the row’s error, is fixed in the preview and imported; the .ics export reads back with the right instants and zones', async ({ page, host, openApp }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await rpc(host, 'settings:update', { timeZone: ZONE });
    // Imported posts wait in Review by default; this creator has them go straight onto the schedule.
    await openApp(host, '#/settings');
    await page.getByTestId('settings-imported-skip-review').click();
    await expect(page.getByTestId('settings-imported-skip-review')).toBeChecked();
    await expect.poll(async () => (await rpc<{ importedPostsSkipReview: boolean }>(host, 'settings:get')).importedPostsSkipReview).toBe(true);
    const [d3, d4, d5] = [dayFromToday(ZONE, 3), dayFromToday(ZONE, 4), dayFromToday(ZONE, 5)];
    const badYear = Number(d4.slice(0, 4)) + 1;
    const csv = [
      'date,time,zone,text,accounts,link,first_comment',
      `${d3},09:30,,"Week one of the launch: what we shipped, and what we did not.",x; bluesky,https://example.com/week-one,`,
      `${badYear}-02-30,18:00,,Behind the scenes of the studio tour,x; bluesky,,`,
      `${d5},08:15,${NY},Good morning New York: the tour is live,bluesky,,Questions welcome`,
    ].join('\n');

    await openApp(host, '#/import');
    await expect(page.getByTestId('import-screen')).toBeVisible();
    await expect(page.getByTestId('nav-import')).toHaveAttribute('aria-current', 'page');
    // A sheet whose columns say nothing Loomcast knows is refused with its first row quoted, not
    // read as Hootsuite's with an error on every row.
    await page.getByTestId('import-file').setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('hello,world\nfoo,bar\n') });
    await expect(page.getByTestId('import-problem')).toContainText('the first row reads “hello”, “world”');
    await expect(page.getByTestId('import-row')).toHaveCount(0);
    // Excel's plain "CSV" (Windows-1252: "é" as one byte) is refused, saying how to save; its
    // "Unicode Text" (UTF-16 with a byte-order mark) is read.
    await page.getByTestId('import-file').setInputFiles({ name: 'ansi.csv', mimeType: 'text/csv', buffer: Buffer.from('date,time,text\n2026-12-01,09:30,Café\n', 'latin1') });
    await expect(page.getByTestId('import-problem')).toContainText('ansi.csv is not saved as UTF-8 text (line 2');
    await page.getByTestId('import-file').setInputFiles({ name: 'launch-week.csv', mimeType: 'text/csv', buffer: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]) });

    const rows = page.getByTestId('import-row');
    await expect(rows).toHaveCount(3);
    await expect(page.getByTestId('import-summary')).toHaveText('3 rows · 2 ready · 1 with problems');
    const bad = rows.filter({ hasText: 'Behind the scenes' });
    await expect(bad).toHaveAttribute('data-status', 'error');
    await expect(bad.getByTestId('import-row-errors')).toContainText(`Date and time: ${badYear}-02-30 18:00 is not a real date and time.`);
    await expect(page.getByTestId('import-commit')).toBeDisabled();
    await expect(page.getByTestId('import-blocked')).toHaveText('Fix or skip 1 row to import.');
    // An unconnected platform is a note, not an error.
    await expect(page.getByTestId('import-notes')).toContainText('No X account is connected yet: the X copy waits until you connect one. (2 rows)');
    // The README picture shows the preview, not this machine's keychain notice.
    const hideBanner = page.getByTestId('vault-banner-hide');
    if (await hideBanner.isVisible()) await hideBanner.click();
    await page.mouse.move(0, 799);
    await page.screenshot({ path: join(SHOTS, 'import.png') });

    // Fix the date in the preview, with the keyboard.
    await bad.getByTestId('import-row-edit').click();
    const editor = bad.getByTestId('import-row-editor');
    await expect(editor.getByTestId('import-field-when')).toBeFocused();
    await editor.getByTestId('import-field-when').fill(`${d4} 18:00`);
    await page.keyboard.press('Enter');
    await expect(bad).toHaveAttribute('data-status', 'ok');
    await expect(editor).toHaveCount(0);
    await expect(bad.getByTestId('import-row-when')).toContainText(`${DateTime.fromISO(d4).toFormat('ccc d LLL yyyy')}, 18:00`);
    await expect(page.getByTestId('import-summary')).toHaveText('3 rows · 3 ready · 0 with problems');

    await page.getByTestId('import-commit').click();
    await expect(page.getByTestId('import-done')).toContainText('Imported 3 posts (5 copies across platforms)');

    const upcoming = await rpc<PostDto[]>(host, 'posts:list', { scope: 'upcoming' });
    expect(upcoming.map((p) => [p.text.split('\n')[0], p.scheduledAt ? Date.parse(p.scheduledAt) : null, p.zone, p.targets.map((t) => `${t.platform}:${t.state}`)])).toEqual([
      ['Week one of the launch: what we shipped, and what we did not.', at(d3, '09:30', ZONE), ZONE, ['x:scheduled', 'bluesky:scheduled']],
      ['Behind the scenes of the studio tour', at(d4, '18:00', ZONE), ZONE, ['x:scheduled', 'bluesky:scheduled']],
      ['Good morning New York: the tour is live', at(d5, '08:15', NY), NY, ['bluesky:scheduled']],
    ]);
    expect(upcoming[0]!.text).toBe('Week one of the launch: what we shipped, and what we did not.\n\nhttps://example.com/week-one');

    // The calendar shows them.
    await page.getByTestId('import-open-calendar').click();
    await expect(page.getByTestId('post-row').filter({ hasText: 'Behind the scenes' })).toHaveCount(1);

    // Export the calendar as .ics and read it back with a real iCal parser.
    await page.getByTestId('nav-import').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ics').click()]);
    expect(download.suggestedFilename()).toMatch(/^loomcast-calendar-\d{4}-\d{2}-\d{2}\.ics$/);
    const ics = readCalendar(await readFile((await download.path())!, 'utf8'));
    expect(ics.zones).toEqual([NY, ZONE]);
    const targetIds = upcoming.flatMap((p) => p.targets.map((t) => `${t.id}@loomcast`));
    expect(ics.events.map((e) => e.uid).sort()).toEqual(targetIds.sort());
    const byUid = new Map(ics.events.map((e) => [e.uid, e]));
    const expected = [
      [upcoming[0]!, at(d3, '09:30', ZONE), ZONE, `${d3}T09:30:00`],
      [upcoming[1]!, at(d4, '18:00', ZONE), ZONE, `${d4}T18:00:00`],
      [upcoming[2]!, at(d5, '08:15', NY), NY, `${d5}T08:15:00`],
    ] as const;
    for (const [post, epochMs, tzid, local] of expected) {
      for (const target of post.targets) {
        expect(byUid.get(`${target.id}@loomcast`)).toMatchObject({ epochMs, tzid, local });
      }
    }

    // And as CSV, in the import's own columns.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const exported = (await readFile((await csvDownload.path())!, 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
    expect(exported[0]).toBe('date,time,zone,text,accounts,link,media,alt_text,first_comment,campaign,state,published_url,post_id,target_id');
    expect(exported.filter((l) => l.startsWith(`${d5},08:15,${NY},Good morning New York: the tour is live,bluesky,`))).toHaveLength(1);
  });

  test('what was typed into a row’s editor survives Escape, Close and another row’s Edit, until it is checked or cancelled', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const d3 = dayFromToday(ZONE, 3);
    const csv = ['date,time,zone,text,accounts', `${d3},09:30,,First post of the week,bluesky`, `${d3},25:00,,Behind the scenes of the studio tour,bluesky`].join('\n');
    await openApp(host, '#/import');
    await page.getByTestId('import-file').setInputFiles({ name: 'week.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const rows = page.getByTestId('import-row');
    await expect(rows).toHaveCount(2);
    const [good, bad] = [rows.filter({ hasText: 'First post' }), rows.filter({ hasText: 'Behind the scenes' })];

    await bad.getByTestId('import-row-edit').click();
    const editor = bad.getByTestId('import-row-editor');
    await editor.getByTestId('import-field-text').fill('Behind the scenes of the studio tour, with the crew');
    await editor.getByTestId('import-field-text').press('Escape');
    await expect(editor).toHaveCount(0);
    await bad.getByTestId('import-row-edit').click();
    await expect(editor.getByTestId('import-field-text')).toHaveValue('Behind the scenes of the studio tour, with the crew');

    // Another row's Edit closes this one; its words are still there after.
    await good.getByTestId('import-row-edit').click();
    await expect(editor).toHaveCount(0);
    await bad.getByTestId('import-row-edit').click();
    await expect(editor.getByTestId('import-field-text')).toHaveValue('Behind the scenes of the studio tour, with the crew');

    // Cancel lets them go.
    await editor.getByTestId('import-row-cancel').click();
    await bad.getByTestId('import-row-edit').click();
    await expect(editor.getByTestId('import-field-text')).toHaveValue('Behind the scenes of the studio tour');
  });

  test('a 250-row file shows how many rows are checked, then its rows a page at a time, and imports them all', async ({ page, host, openApp }) => {
    test.setTimeout(60_000); // an axe scan of a page of rows: slow on a busy machine
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const day = dayFromToday(ZONE, 3);
    // Two minutes apart from 08:00: a morning to afternoon that happens once on any day.
    const time = (i: number) => `${String(8 + Math.floor((i * 2) / 60)).padStart(2, '0')}:${String((i * 2) % 60).padStart(2, '0')}`;
    const csv = ['date,time,text,accounts', ...Array.from({ length: 250 }, (_, i) => `${day},${time(i)},Tip ${i + 1} of 250: one small habit for a calmer week,bluesky`)].join('\n');

    // Hold the preview's answer until the progress the core reported along the way is on screen.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/rpc/io:importPreview', async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
    await openApp(host, '#/import');
    await page.getByTestId('import-file').setInputFiles({ name: 'tips.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByTestId('import-checking-words')).toHaveText('250 of 250 rows checked');
    await expect(page.getByRole('progressbar', { name: 'Rows checked' })).toHaveAttribute('value', '250');
    release();

    const rows = page.getByTestId('import-row');
    await expect(page.getByTestId('import-summary')).toHaveText('250 rows · 250 ready · 0 with problems');
    await expect(rows).toHaveCount(100);
    const pager = page.getByTestId('import-pager-top');
    await expect(pager.getByTestId('import-page-range')).toHaveText('Rows 1–100 of 250');
    await expect(pager.getByTestId('import-page-previous')).toBeDisabled();
    await pager.getByTestId('import-page-next').click();
    await expect(pager.getByTestId('import-page-range')).toHaveText('Rows 101–200 of 250');
    await expect(rows.first()).toHaveAttribute('data-line', '102');
    await pager.getByTestId('import-page').selectOption({ label: 'Page 3 of 3' });
    await expect(rows).toHaveCount(50);
    await expect(rows.last()).toContainText('Tip 250 of 250');
    await expect(pager.getByTestId('import-page-next')).toBeDisabled();
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    expect(await seriousA11yFindings(page, '[data-testid="import-preview"]')).toEqual([]);

    await page.getByTestId('import-commit').click();
    await expect(page.getByTestId('import-done')).toContainText('Imported 250 posts (250 copies across platforms)');
  });

  test('a file with 30 bad rows: one click skips them all (each can come back), and the good row imports', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const good = dayFromToday(ZONE, 3);
    const badYear = Number(good.slice(0, 4)) + 1;
    const bad = Array.from({ length: 30 }, (_, i) => `${badYear}-02-30,18:00,,Bad row ${i + 1},bluesky,,`);
    const csv = ['date,time,zone,text,accounts,link,first_comment', `${good},09:30,,The one good row,bluesky,,`, ...bad].join('\n');
    await openApp(host, '#/import');
    await page.getByTestId('import-file').setInputFiles({ name: 'many-problems.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByTestId('import-summary')).toHaveText('31 rows · 1 ready · 30 with problems');
    await expect(page.getByTestId('import-commit')).toBeDisabled();
    await expect(page.getByTestId('import-skip-problems')).toHaveText('Skip the 30 with problems');
    await page.getByTestId('import-skip-problems').click();
    await expect(page.getByTestId('import-summary')).toHaveText('31 rows · 1 ready · 0 with problems · 30 skipped');
    await expect(page.getByTestId('import-skip-problems')).toHaveCount(0);
    await expect(page.getByTestId('import-row-skip').nth(1)).toHaveText('Include');
    await page.getByTestId('import-commit').click();
    await expect(page.getByTestId('import-done')).toContainText('Imported 1 post');
  });

  test('a calendar app follows the private subscription link, which stops working when a new one is made', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const day = dayFromToday(ZONE, 2);
    await rpc(host, 'posts:create', { text: 'Live Q&A about the launch', platforms: ['mastodon'], schedule: { date: day, time: '17:00' } });

    await openApp(host, '#/import');
    const panel = page.getByTestId('feed-panel');
    await panel.getByTestId('feed-enable').click();
    const link = await panel.getByTestId('feed-url').inputValue();
    expect(link).toMatch(new RegExp(`^${host.origin.replace(/\./g, '\\.')}/ical/[A-Za-z0-9_-]{32}\\.ics$`));
    expect(link).not.toContain(host.token);

    const feed = await fetch(link);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const cal = readCalendar(await feed.text());
    expect(cal.events).toEqual([expect.objectContaining({ tzid: ZONE, epochMs: at(day, '17:00', ZONE), summary: 'Mastodon · Live Q&A about the launch' })]);

    await page.reload();
    await expect(panel.getByTestId('feed-status')).toContainText('last fetched by a calendar app');
    await expect(panel.getByTestId('feed-url')).toHaveCount(0);

    await panel.getByTestId('feed-rotate').click();
    const next = await panel.getByTestId('feed-url').inputValue();
    expect(next).not.toBe(link);
    expect((await fetch(link)).status).toBe(404);
    expect((await fetch(next)).status).toBe(200);

    await panel.getByTestId('feed-disable').click();
    await expect(panel.getByTestId('feed-enable')).toBeVisible();
    expect((await fetch(next)).status).toBe(404);
  });
});
