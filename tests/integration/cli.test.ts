/**
 * The `loomcast` command against a running host (a test core behind the browser-mode host, found
 * through the discovery file), run in-process through `run(argv, io)`: each command, --json, and
 * the exit codes scripts rely on.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDto, PostDto } from '../../shared/contract';
import { accountStatus } from '../../renderer/src/features/accounts/account-status';
import { run } from '../../electron/cli/main';
import { discoveryFor, readDiscovery, writeDiscovery } from '../../electron/host/discovery';
import { startDesktopApi } from '../../electron/host/local-api';
import { startAgentHost, TOKEN, ZONE, type AgentHost } from '../support/agent-host';
import { call } from '../support/core';

let h: AgentHost;
beforeAll(async () => {
  h = await startAgentHost();
});
afterAll(async () => {
  await h.close();
});

async function cli(args: string[], env: NodeJS.ProcessEnv = { LOOMCAST_DATA_DIR: h.t.dataDir }) {
  let out = '';
  let err = '';
  const code = await run(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), env, cwd: h.files, fetch: h.fetch });
  return { code, out, err };
}

describe('loomcast, against a running Loomcast', () => {
  it('status: running, data folder, accounts, queue and next post; --json gives the answers whole', async () => {
    const r = await cli(['status']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain(`is running (browser mode) at http://127.0.0.1:${h.host.port}`);
    expect(r.out).toContain(`Data folder: ${h.t.dataDir} (`);
    expect(r.out).toContain('bluesky @me.bsky.social — connected');
    expect(r.out).toMatch(/Posts: \d+ scheduled, \d+ in Review, \d+ drafts, \d+ need attention/);
    const j = await cli(['status', '--json']);
    expect(j.code).toBe(0);
    const body = JSON.parse(j.out);
    expect(body).toMatchObject({ running: true, mode: 'browser', info: { dataDir: h.t.dataDir }, summary: { scheduled: expect.any(Number) }, publishing: { paused: false } });
    expect(body.accounts).toHaveLength(2);
  });

  it('every request names the CLI as a script', async () => {
    h.seen.length = 0;
    await cli(['status']);
    expect(h.seen.length).toBeGreaterThan(0);
    for (const s of h.seen) expect(s).toMatchObject({ actor: 'script', client: 'loomcast-cli' });
  });

  it('post: a draft without --at, a scheduled post with it, read in the app’s zone', async () => {
    const draft = await cli(['post', 'Draft from a script', '--to', 'bluesky:@me.bsky.social']);
    expect(draft).toMatchObject({ code: 0, err: '' });
    expect(draft.out).toMatch(/^Saved as a draft · bluesky @me.bsky.social \(draft\)\. Post /);

    const when = h.day(3);
    const sched = await cli(['post', 'Scheduled from a script', '--to', 'bluesky:@ME.bsky.social', '--to', 'mastodon:@me@example.social', '--at', `${when} 09:00`, '--json']);
    expect(sched.code).toBe(0);
    const post = JSON.parse(sched.out) as PostDto;
    expect(post.zone).toBe('Europe/Berlin');
    expect(post.targets.map((t) => [t.accountId, t.state]).sort()).toEqual([[h.bluesky, 'scheduled'], [h.mastodon, 'scheduled']].sort());
    expect(new Date(post.scheduledAt!).toISOString()).toBe(new Date(`${when}T08:00:00Z`).toISOString());
    // 02:30 on the night the clocks go back happens twice: the first one, said so.
    const twice = await cli(['post', 'Twice', '--to', 'bluesky', '--at', '2027-10-31 02:30']);
    expect(twice.code).toBe(0);
    expect(twice.out).toContain('2027-10-31 02:30 happens twice in Europe/Berlin (the clocks go back that night): the first one was taken.');
    // The platform alone works where it has one account.
    expect((await cli(['post', 'Mastodon by platform', '--to', 'mastodon'])).code).toBe(0);
  });

  it('post: refuses what the app refuses, with the app’s words (exit 1), and usage mistakes (exit 2)', async () => {
    const gap = await cli(['post', 'In the gap', '--to', 'bluesky', '--at', '2027-03-28 02:30']);
    expect(gap.code).toBe(1);
    expect(gap.err).toContain('2027-03-28 02:30 does not exist in Europe/Berlin');
    const past = await cli(['post', 'Too late', '--to', 'bluesky', '--at', `${h.day(-1)} 09:00`]);
    expect(past.code).toBe(1);
    expect(past.err).toContain('has already passed');
    const nobody = await cli(['post', 'Who?', '--to', 'bluesky:@nobody']);
    expect(nobody.code).toBe(1);
    expect(nobody.err).toContain('no bluesky account is @nobody (connected: bluesky @me.bsky.social)');
    const empty = await cli(['post', '   ', '--to', 'bluesky', '--json']);
    expect(empty.code).toBe(1);
    expect(JSON.parse(empty.err)).toMatchObject({ error: { exit: 1, code: 'invalid_input' } });
    expect((await cli(['post', 'No place'])).code).toBe(2);
    expect((await cli(['post', 'Odd time', '--to', 'bluesky', '--at', 'tomorrow'])).code).toBe(2);
  });

  it('posts list: the range in the app’s zone, human and --json', async () => {
    const day = h.day(10);
    expect((await cli(['post', 'Listed in the range', '--to', 'bluesky', '--at', `${day} 18:30`])).code).toBe(0);
    const r = await cli(['posts', 'list', '--from', day, '--to', day]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`1 post from ${day} to ${day} (Europe/Berlin):`);
    expect(r.out).toMatch(/18:30 .*bluesky @me.bsky.social \(scheduled\) · "Listed in the range"/);
    const j = await cli(['posts', 'list', '--from', h.day(0), '--to', h.day(100), '--json']);
    const texts = (JSON.parse(j.out) as PostDto[]).map((p) => p.text);
    expect(texts).toEqual(expect.arrayContaining(['Listed in the range', 'Scheduled from a script']));
    expect(texts).not.toContain('Draft from a script');
    expect((await cli(['posts', 'list', '--from', h.day(5), '--to', h.day(1)])).code).toBe(2);
    expect((await cli(['posts', 'show'])).code).toBe(2);
  });

  it('import: checks every row first, lists problems by line, imports all or none; --dry-run saves nothing', async () => {
    const good = join(h.files, 'good.csv');
    writeFileSync(good, ['date,time,zone,text,accounts,link,media,alt_text,first_comment,campaign', `${h.day(4)},10:00,,Imported one,bluesky,,,,,`, `${h.day(5)},11:00,,Imported two,mastodon,,,,,`].join('\n'));
    const dry = await cli(['import', 'good.csv', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('2 rows (loomcast layout, times in Europe/Berlin): 2 ready, 0 with problems');
    expect(dry.out).toContain('Dry run: nothing was imported.');
    const done = await cli(['import', good, '--json']);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out)).toMatchObject({ rows: 2, valid: 2, withErrors: 0, imported: { posts: 2, targets: 2, skipped: 0 } });

    const bad = join(h.files, 'bad.csv');
    writeFileSync(bad, ['date,time,zone,text,accounts,link,media,alt_text,first_comment,campaign', `${h.day(4)},12:00,,Fine,bluesky,,,,,`, '2026-13-01,09:30,,Bad date,bluesky,,,,,'].join('\n'));
    const refused = await cli(['import', bad]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/line 3: problem in when: 2026-13-01 09:30 is not a real date/);
    expect(refused.out).toContain('Nothing was imported');
    expect((await cli(['import', 'missing.csv'])).code).toBe(2);

    // Excel's "Unicode Text" (UTF-16, tab-separated) is read; its plain "CSV" (Windows-1252) is refused, saying how to save.
    const rows = ['date\ttime\ttext\taccounts', `${h.day(6)}\t09:00\tCafé crème\tbluesky`].join('\r\n');
    writeFileSync(join(h.files, 'unicode.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows, 'utf16le')]));
    const unicode = await cli(['import', 'unicode.txt', '--dry-run']);
    expect(unicode.code).toBe(0);
    expect(unicode.out).toContain('1 row (loomcast layout, times in Europe/Berlin): 1 ready, 0 with problems');
    writeFileSync(join(h.files, 'ansi.csv'), Buffer.from(rows.replaceAll('\t', ','), 'latin1'));
    const ansi = await cli(['import', 'ansi.csv', '--dry-run']);
    expect(ansi.code).toBe(1);
    expect(ansi.out + ansi.err).toMatch(/ansi\.csv is not saved as UTF-8 text \(line 2 .*“CSV UTF-8/);
  });

  it('import: reads a slashed date in the order of the app’s locale, as the app does, says which it used, and --date-order overrides it', async () => {
    // Next year's 4 March or 3 April, both ahead of the clock whatever it says.
    const year = DateTime.fromMillis(h.t.clock.now(), { zone: ZONE }).year + 1;
    writeFileSync(join(h.files, 'slashed.csv'), ['date,time,text,accounts', `03/04/${year},10:00,Slashed the American way,bluesky`].join('\n'));
    const before = await call<{ locale: string }>(h.t.core, 'settings:get');
    await call(h.t.core, 'settings:update', { locale: 'en-US' });
    try {
      const dry = await cli(['import', 'slashed.csv', '--dry-run']);
      expect(dry.code).toBe(0);
      expect(dry.out).toContain(`Slashed dates were read month first, the order of your locale (en-US, from Loomcast's settings): 03/04/${year} is March 4, ${year}. For 3 April ${year}, run it again with --date-order dmy.`);
      const done = await cli(['import', 'slashed.csv', '--json']);
      expect(done.code).toBe(0);
      const answer = JSON.parse(done.out);
      expect(answer).toMatchObject({ dateOrder: 'mdy', dateOrderFrom: 'locale', imported: { posts: 1 } });
      const post = await call<PostDto>(h.t.core, 'posts:get', { id: answer.imported.postIds[0] });
      expect(post.scheduledAt).toBe(DateTime.fromObject({ year, month: 3, day: 4, hour: 10 }, { zone: ZONE }).toUTC().toISO());

      const flagged = await cli(['import', 'slashed.csv', '--dry-run', '--date-order', 'dmy']);
      expect(flagged.out).toContain(`Slashed dates were read day first, as --date-order dmy says: 03/04/${year} is 3 April ${year}. For March 4, ${year}, run it again with --date-order mdy.`);
    } finally {
      await call(h.t.core, 'settings:update', { locale: before.locale });
    }
    // Day first where the locale writes it so; a file with no date both orders read says nothing of it.
    expect((await cli(['import', 'slashed.csv', '--dry-run'])).out).toContain(`Slashed dates were read day first, the order of your locale (en-GB, from Loomcast's settings): 03/04/${year} is 3 April ${year}.`);
    writeFileSync(join(h.files, 'one-way.csv'), ['date,time,text,accounts', `13/04/${year},10:00,Only one way to read it,bluesky`].join('\n'));
    const oneWay = await cli(['import', 'one-way.csv', '--dry-run']);
    expect(oneWay.code).toBe(0);
    expect(oneWay.out).not.toContain('Slashed dates');
  });

  it('export --ics writes the calendar to a file or to stdout', async () => {
    const file = join(h.files, 'plan.ics');
    const r = await cli(['export', '--ics', '--out', 'plan.ics']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Wrote \d+ events to /);
    expect(readFileSync(file, 'utf8')).toContain('BEGIN:VCALENDAR');
    const stdout = await cli(['export', '--ics']);
    expect(stdout.out).toContain('SUMMARY:');
    const j = await cli(['export', '--csv', '--json']);
    expect(JSON.parse(j.out)).toMatchObject({ mime: 'text/csv', count: expect.any(Number) });
    expect((await cli(['export'])).code).toBe(2);
  });

  it('backup makes a checked copy in the backups folder', async () => {
    const r = await cli(['backup', '--json']);
    expect(r.code).toBe(0);
    const made = JSON.parse(r.out);
    expect(made).toMatchObject({ kind: 'manual', path: expect.stringContaining(join(h.t.dataDir, 'backups')) });
    expect(existsSync(made.path)).toBe(true);
    expect((await cli(['backup'])).out).toMatch(/^Backed up: .*\.sqlite \(\d+(\.\d)? [KM]B\)\./);
  });

  it('help, --help and --version; exit codes documented', async () => {
    const r = await cli(['help']);
    expect(r.code).toBe(0);
    for (const line of ['0  done', '1  Loomcast refused', '2  usage error', '3  Loomcast is not running', '4  the token was refused', '5  internal error']) expect(r.out).toContain(line);
    expect((await cli(['--help'])).code).toBe(0);
    expect((await cli(['post', '--help'])).out).toContain('--at');
    expect((await cli(['--version'])).out).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect((await cli([])).code).toBe(2);
  });

  it('status says when a sign-in ends soon, in the Accounts card’s words, its end in the app’s zone', async () => {
    const now = h.t.clock.now();
    const end = now + 3 * 86_400_000;
    const ada = await h.t.core.services.accounts.add({ platform: 'linkedin', handle: 'ada', credentials: { accessToken: 'a', expiresAt: end } });
    try {
      const card = accountStatus((await call<AccountDto[]>(h.t.core, 'accounts:list')).find((a) => a.id === ada.id)!, ZONE, now).words;
      expect(card).toBe('Sign-in ends in 3 days — reconnect to keep posting');
      const r = await cli(['status']);
      expect(r.out).toMatch(new RegExp(`  linkedin @ada — connected · ${card} \\(ends [^)]*${DateTime.fromMillis(end, { zone: ZONE }).toFormat('HH:mm')}[^)]*\\)\n`));
      expect(r.out).toContain('  bluesky @me.bsky.social — connected\n');
    } finally {
      await h.t.core.services.accounts.disconnect(ada.id);
    }
  });
});

describe('loomcast exit codes when it cannot do the work', () => {
  it('2 for an unknown command or option', async () => {
    expect((await cli(['launch'])).code).toBe(2);
    const r = await cli(['status', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("Unknown option '--bogus'");
  });

  it('3 when Loomcast is not running: no discovery file, a stale one, an unsafe one, nothing listening', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'loomcast-cli-empty-'));
    try {
      const none = await cli(['status'], { LOOMCAST_DATA_DIR: empty });
      expect(none.code).toBe(3);
      expect(none.err).toContain('Loomcast is not running for the data folder');
      // A file left by a run that ended without cleaning up: its process is gone.
      writeDiscovery(empty, discoveryFor({ port: h.host.port, token: TOKEN, pid: 2 ** 22 + 12345, mode: 'desktop', startedAt: new Date() }));
      const stale = await cli(['status', '--data-dir', empty]);
      expect(stale.code).toBe(3);
      expect(stale.err).toContain('left over from an earlier run');
      if (process.platform !== 'win32') {
        writeDiscovery(empty, discoveryFor({ port: h.host.port, token: TOKEN, pid: process.pid, mode: 'desktop', startedAt: new Date() }));
        chmodSync(join(empty, 'api.json'), 0o644);
        const unsafe = await cli(['status', '--data-dir', empty]);
        expect(unsafe.code).toBe(3);
        expect(unsafe.err).toContain('can be read by other users');
      }
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    const down = await cli(['status', '--json'], { LOOMCAST_URL: 'http://127.0.0.1:9', LOOMCAST_TOKEN: TOKEN });
    expect(down.code).toBe(3);
    expect(JSON.parse(down.err)).toMatchObject({ error: { exit: 3, message: expect.stringContaining('not reachable') } });
  });

  it('4 for a wrong token; LOOMCAST_URL + LOOMCAST_TOKEN otherwise reach the host directly', async () => {
    const url = `http://127.0.0.1:${h.host.port}`;
    const wrong = await cli(['status'], { LOOMCAST_URL: url, LOOMCAST_TOKEN: 'not-the-token-at-all' });
    expect(wrong.code).toBe(4);
    expect(wrong.err).toContain('Missing or wrong token');
    expect((await cli(['status'], { LOOMCAST_URL: url, LOOMCAST_TOKEN: TOKEN })).code).toBe(0);
    expect((await cli(['status'], { LOOMCAST_URL: url })).code).toBe(2);
    // LOOMCAST_TOKEN alone is browser mode's setting: the discovery file is used, whatever it says.
    expect((await cli(['status'], { LOOMCAST_DATA_DIR: h.t.dataDir, LOOMCAST_TOKEN: 'the-service-token-0123456789' })).code).toBe(0);
  });
});

describe('the desktop app’s local API', () => {
  it('listens on a free loopback port with a fresh token, is announced as desktop, and is taken back at a clean stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loomcast-desktop-api-'));
    const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
    try {
      const api = await startDesktopApi({ core: h.t.core, log: quiet, dataDir: dir, staticDir: dir });
      const d = readDiscovery(dir);
      expect(d).toMatchObject({ mode: 'desktop', port: api.host.port, pid: process.pid, url: `http://127.0.0.1:${api.host.port}` });
      expect(d.token).not.toBe(TOKEN);
      expect(d.token.length).toBeGreaterThanOrEqual(32);
      const r = await cli(['status'], { LOOMCAST_DATA_DIR: dir });
      expect(r.code).toBe(0);
      expect(r.out).toContain('is running (desktop app)');
      await api.stop();
      expect(existsSync(join(dir, 'api.json'))).toBe(false);
      expect((await cli(['status'], { LOOMCAST_DATA_DIR: dir })).code).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bin/loomcast.mjs, the launcher', () => {
  it('runs the built bundle, or says to build it first (exit 5)', () => {
    const root = mkdtempSync(join(tmpdir(), 'loomcast-launcher-'));
    try {
      mkdirSync(join(root, 'bin'));
      copyFileSync(resolve('bin/loomcast.mjs'), join(root, 'bin', 'loomcast.mjs'));
      const missing = spawnSync(process.execPath, [join(root, 'bin', 'loomcast.mjs'), 'status'], { encoding: 'utf8' });
      expect(missing.status).toBe(5);
      expect(missing.stderr).toContain('Run `npm run build`');
      // A stand-in bundle: the launcher hands over the process as is (argv, exit code).
      mkdirSync(join(root, 'out', 'main'), { recursive: true });
      writeFileSync(join(root, 'out', 'main', 'loomcast.js'), 'process.stdout.write(JSON.stringify(process.argv.slice(2))); process.exitCode = 3;');
      const ran = spawnSync(process.execPath, [join(root, 'bin', 'loomcast.mjs'), 'posts', 'list'], { encoding: 'utf8' });
      expect(ran.status).toBe(3);
      expect(JSON.parse(ran.stdout)).toEqual(['posts', 'list']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
