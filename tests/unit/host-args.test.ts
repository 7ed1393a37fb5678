import { describe, expect, it } from 'vitest';
import { parseHostArgs, type ArgsIo } from '../../electron/host/args';
import { pointerText } from '../../electron/core/data-folder';

const TOKEN = 'a1b2c3d4e5f6a7b8c9d0e1f2';
const files: Record<string, { text: string; mode: number; isFile?: boolean } | NodeJS.ErrnoException> = {
  '/home/ana/.config/loomcast/token': { text: `${TOKEN}\n`, mode: 0o100600 },
  '/home/ana/.config/loomcast/open-token': { text: TOKEN, mode: 0o100644 },
  '/home/ana/.config/loomcast/group-token': { text: TOKEN, mode: 0o100640 },
  '/home/ana/.config/loomcast/empty': { text: '\n', mode: 0o100600 },
  '/home/ana/.config/loomcast/short': { text: 'abc', mode: 0o100600 },
  '/home/ana/.config/loomcast': { text: '', mode: 0o40700, isFile: false },
  '/root/token': Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }),
};
const io = (over: Partial<ArgsIo> = {}): ArgsIo => ({
  env: {},
  platform: 'linux',
  defaultDir: '/home/ana/.config/Loomcast',
  pointer: () => null,
  exists: () => true,
  readTokenFile: (path) => {
    const f = files[path];
    if (!f) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    if (f instanceof Error) throw f;
    return { text: f.text, mode: f.mode, isFile: f.isFile ?? true };
  },
  ...over,
});
const args = (argv: string[], over?: Partial<ArgsIo>) => {
  const r = parseHostArgs(argv, io(over));
  if (!r.ok || r.help) throw new Error(r.ok ? 'help' : r.message);
  return r.args;
};
const refusal = (argv: string[], over?: Partial<ArgsIo>) => {
  const r = parseHostArgs(argv, io(over));
  if (r.ok) throw new Error('accepted');
  return r.message;
};

describe('npm run web -- … as a service', () => {
  it('headless with a token file: the token trimmed, its source named, the default data folder', () => {
    expect(args(['--headless', '--token-file', '/home/ana/.config/loomcast/token'])).toMatchObject({
      headless: true,
      token: TOKEN,
      tokenSource: 'file',
      tokenFrom: '/home/ana/.config/loomcast/token',
      dataDir: '/home/ana/.config/Loomcast',
      dataDirSource: 'default',
      host: '127.0.0.1',
      port: 4917,
    });
  });

  it('headless with LOOMCAST_TOKEN; a flag wins over the environment', () => {
    expect(args(['--headless'], { env: { LOOMCAST_TOKEN: ` ${TOKEN} ` } })).toMatchObject({ token: TOKEN, tokenSource: 'env', tokenFrom: 'LOOMCAST_TOKEN' });
    expect(args(['--token', 'flag-token-0123456789'], { env: { LOOMCAST_TOKEN: TOKEN } })).toMatchObject({ token: 'flag-token-0123456789', tokenSource: 'flag' });
  });

  it('warns that a token given with --token shows in the process list, and only then', () => {
    expect(args(['--token', 'flag-token-0123456789']).warnings).toEqual([expect.stringMatching(/process list.*--token-file PATH \(chmod 600\) or LOOMCAST_TOKEN/)]);
    expect(args(['--headless'], { env: { LOOMCAST_TOKEN: TOKEN } }).warnings).toEqual([]);
    expect(args([]).warnings).toEqual([]);
  });

  it('headless without a fixed token is refused, saying how to give one', () => {
    expect(refusal(['--headless'])).toMatch(/^--headless needs a fixed token.*--token-file PATH \(chmod 600\) or LOOMCAST_TOKEN.*openssl rand -hex 32/);
  });

  it('a token file other users can read is refused with the chmod that fixes it (not on Windows, which has no such modes)', () => {
    expect(refusal(['--headless', '--token-file', '/home/ana/.config/loomcast/open-token'])).toBe(
      'the token file /home/ana/.config/loomcast/open-token can be read by other users (mode 0644), so they could use your Loomcast. Make it yours alone: chmod 600 /home/ana/.config/loomcast/open-token',
    );
    expect(refusal(['--token-file', '/home/ana/.config/loomcast/group-token'])).toMatch(/mode 0640/);
    expect(args(['--token-file', '/home/ana/.config/loomcast/open-token'], { platform: 'win32' }).token).toBe(TOKEN);
  });

  it.each([
    [['--token-file', '/nowhere/token'], /^the token file \/nowhere\/token does not exist\. Make one with: openssl rand -hex 32 > \/nowhere\/token && chmod 600/],
    [['--token-file', '/root/token'], /cannot be read by this user \(EACCES\)/],
    [['--token-file', '/home/ana/.config/loomcast'], /is not a regular file/],
    [['--token-file', '/home/ana/.config/loomcast/empty'], /is empty/],
    [['--token-file', '/home/ana/.config/loomcast/short'], /must be at least 16 characters/],
    [['--token', 'short'], /^--token must be at least 16 characters/],
    [['--token', 'has spaces in it and more'], /may only use letters, digits and - _ \. ~/],
    [['--token', TOKEN, '--token-file', '/home/ana/.config/loomcast/token'], /^give the token one way/],
    [['--port', 'eighty'], /^--port must be a number from 0 to 65535/],
    [['--port', '70000'], /^--port must be a number/],
    [['--api-base', 'myspace=http://x'], /^--api-base takes platform=url/],
    [['--frobnicate'], /Unknown option '--frobnicate'[\s\S]*Usage: npm run web/],
  ])('%j is refused: %s', (argv, message) => {
    expect(refusal(argv)).toMatch(message);
  });

  it('a bad LOOMCAST_TOKEN is refused by name', () => {
    expect(refusal([], { env: { LOOMCAST_TOKEN: 'tiny' } })).toMatch(/^LOOMCAST_TOKEN must be at least 16 characters/);
  });

  it('without --headless or a token, each run makes its own random token', () => {
    expect(args([])).toMatchObject({ headless: false, token: null, tokenSource: 'random', linkCardsOnLoopback: false });
    expect(args(['--link-cards-on-loopback'])).toMatchObject({ linkCardsOnLoopback: true });
  });

  it('the data folder: --data-dir, then LOOMCAST_DATA_DIR, then the one picked in the desktop app (refused when not there)', () => {
    const pointer = () => pointerText('/mnt/disk/Loomcast');
    expect(args(['--data-dir', '/srv/loomcast'], { pointer })).toMatchObject({ dataDir: '/srv/loomcast', dataDirSource: 'flag' });
    expect(args([], { pointer, env: { LOOMCAST_DATA_DIR: '/srv/env' } })).toMatchObject({ dataDir: '/srv/env', dataDirSource: 'env' });
    expect(args([], { pointer })).toMatchObject({ dataDir: '/mnt/disk/Loomcast', dataDirSource: 'picked' });
    expect(refusal([], { pointer, exists: () => false })).toMatch(/\/mnt\/disk\/Loomcast, is not there \(a drive not connected\?\)/);
  });

  it('--help asks for the usage', () => {
    expect(parseHostArgs(['--help'], io())).toEqual({ ok: true, help: true });
  });
});
