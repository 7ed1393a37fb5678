import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger, olderLog } from '../../electron/core/log/file-logger';
import { tempDir } from '../support/core';

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { message: string; n?: number; token?: string });

describe('the log file', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir?.remove());

  it('starts afresh past its size, keeps the two files before it, and loses none of the latest lines', () => {
    dir = tempDir('loomcast-log-');
    const file = join(dir.path, 'logs', 'loomcast.log');
    const log = createFileLogger(file, { consoleLevel: 'silent', maxBytes: 2_000 });
    for (let n = 0; n < 200; n++) log.info('line', { n });
    // Never more than the current file and two older ones, each about the size asked for.
    expect(readdirSync(join(dir.path, 'logs')).sort()).toEqual(['loomcast.1.log', 'loomcast.2.log', 'loomcast.log']);
    for (const f of [file, olderLog(file, 1), olderLog(file, 2)]) {
      expect(statSync(f).size).toBeLessThan(2_000 + 200);
      if (process.platform !== 'win32') expect(statSync(f).mode & 0o777).toBe(0o600);
    }
    // Oldest to newest across the three files: the latest lines, in order, with no gap.
    const kept = [...lines(olderLog(file, 2)), ...lines(olderLog(file, 1)), ...lines(file)].map((l) => l.n);
    expect(kept.at(-1)).toBe(199);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 200 - kept.length + i));
    expect(kept.length).toBeGreaterThan(30);
  });

  it('counts what was there before it started, and what another logger of the same file wrote', () => {
    dir = tempDir('loomcast-log-');
    const file = join(dir.path, 'loomcast.log');
    writeFileSync(file, 'x'.repeat(1_500) + '\n', { mode: 0o600 });
    const host = createFileLogger(file, { consoleLevel: 'silent', maxBytes: 1_000 });
    const core = createFileLogger(file, { consoleLevel: 'silent', maxBytes: 1_000 });
    // The file was already past the size: the first line starts a new one.
    host.info('first of the host');
    expect(lines(file).map((l) => l.message)).toEqual(['first of the host']);
    expect(readFileSync(olderLog(file, 1), 'utf8')).toContain('xxxx');
    for (let n = 0; n < 40; n++) (n % 2 ? host : core).info('shared', { n });
    expect(existsSync(olderLog(file, 2))).toBe(true);
    expect(statSync(file).size).toBeLessThan(1_000 + 100);
  });

  it('keeps writing when it cannot rotate, rather than stopping the app', () => {
    dir = tempDir('loomcast-log-');
    const file = join(dir.path, 'loomcast.log');
    // Something that is not a log file sits where the oldest one goes, and cannot be removed.
    mkdirSync(join(olderLog(file, 2), 'inside'), { recursive: true });
    const log = createFileLogger(file, { consoleLevel: 'silent', maxBytes: 500 });
    for (let n = 0; n < 30; n++) log.info('still here', { n });
    expect(lines(file).at(-1)).toMatchObject({ message: 'still here', n: 29 });
    expect(lines(file)).toHaveLength(30);
  });

  it('never writes a secret-looking field', () => {
    dir = tempDir('loomcast-log-');
    const file = join(dir.path, 'loomcast.log');
    createFileLogger(file, { consoleLevel: 'silent' }).warn('refresh', { token: 'sk-live-123' });
    expect(readFileSync(file, 'utf8')).not.toContain('sk-live-123');
    expect(lines(file)[0]!.token).toBe('[redacted]');
  });

  it('never writes a secret nested in objects, arrays, an Error\'s cause or a response body, and keeps what is around it', () => {
    dir = tempDir('loomcast-log-');
    const file = join(dir.path, 'loomcast.log');
    const refused = new Error('token refresh refused', { cause: { status: 401, response: { body: { error: 'invalid_grant', refresh_token: 'rt-nested-4' } } } });
    createFileLogger(file, { consoleLevel: 'silent' }).error('request failed', {
      request: { url: 'https://api.example.com/2/tweets', headers: { Authorization: 'Bearer at-nested-1', 'content-type': 'application/json' } },
      accounts: [{ handle: '@me', credentials: { accessToken: 'at-nested-2', clientSecret: 'cs-nested-3' } }],
      headers: new Map([['x-api-key', 'key-nested-5']]),
      error: refused,
    });
    const text = readFileSync(file, 'utf8');
    for (const secret of ['at-nested-1', 'at-nested-2', 'cs-nested-3', 'rt-nested-4', 'key-nested-5']) expect(text).not.toContain(secret);
    expect(lines(file)[0]).toMatchObject({
      request: { url: 'https://api.example.com/2/tweets', headers: { Authorization: '[redacted]', 'content-type': 'application/json' } },
      accounts: [{ handle: '@me', credentials: { accessToken: '[redacted]', clientSecret: '[redacted]' } }],
      headers: { 'x-api-key': '[redacted]' },
      error: { name: 'Error', message: 'token refresh refused', cause: { status: 401, response: { body: { error: 'invalid_grant', refresh_token: '[redacted]' } } } },
    });
  });

  it('keeps an Error\'s name, message, code and stack, and its cause\'s', () => {
    dir = tempDir('loomcast-log-');
    const file = join(dir.path, 'loomcast.log');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    createFileLogger(file, { consoleLevel: 'silent' }).error('handler failed', { error: new TypeError('fetch failed', { cause: refused }) });
    const { error } = lines(file)[0] as unknown as { error: { name: string; message: string; stack: string; cause: { message: string; code: string; stack: string } } };
    expect(error).toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: { message: 'connect ECONNREFUSED 127.0.0.1:9', code: 'ECONNREFUSED' } });
    expect(error.stack).toMatch(/^TypeError: fetch failed\n\s+at /);
    expect(error.cause.stack).toMatch(/^Error: connect ECONNREFUSED/);
  });

  it('writes a cyclic, very deep or very large value as one short line, rather than throwing or filling the disk', () => {
    dir = tempDir('loomcast-log-');
    const file = join(dir.path, 'loomcast.log');
    const log = createFileLogger(file, { consoleLevel: 'silent' });
    const cyclic: Record<string, unknown> = { name: 'loop', password: 'pw-cyclic' };
    cyclic.self = cyclic;
    const err = new Error('looped');
    err.cause = err;
    let deep: Record<string, unknown> = { token: 'tk-deep' };
    for (let n = 0; n < 100_000; n++) deep = { next: deep };
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, n) => [`k${n}`, { n, note: 'x'.repeat(100) }]));
    const big = { items: Array.from({ length: 1_000_000 }, (_, n) => n), text: 'y'.repeat(10_000_000), bytes: Buffer.alloc(1_000_000) };

    expect(() => log.warn('cyclic', { cyclic, err, list: [cyclic, [cyclic]] })).not.toThrow();
    expect(() => log.warn('deep', { deep })).not.toThrow();
    expect(() => log.warn('wide', { wide })).not.toThrow();
    expect(() => log.warn('big', big)).not.toThrow();

    expect(readFileSync(file, 'utf8')).not.toContain('pw-cyclic');
    const written = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(written.map((l) => (JSON.parse(l) as { message: string }).message)).toEqual(['cyclic', 'deep', 'wide', 'big']);
    for (const l of written) expect(l.length).toBeLessThan(200_000);
    type Line = { cyclic: unknown; err: { cause: unknown }; list: unknown[]; deep: unknown; wide: Record<string, unknown>; items: unknown[]; text: string; bytes: string };
    const [c, d, w, b] = written.map((l) => JSON.parse(l) as Line);
    expect(c!.cyclic).toEqual({ name: 'loop', password: '[redacted]', self: '[circular]' });
    expect(c!.err.cause).toBe('[circular]');
    expect(c!.list[1]).toEqual([{ name: 'loop', password: '[redacted]', self: '[circular]' }]);
    expect(JSON.stringify(d!.deep)).toContain('[too deep]');
    expect(w!.wide['…']).toBe('99900 more');
    expect(b!.items.at(-1)).toBe('… 999900 more');
    expect(b!.text).toMatch(/… \(\d+ more characters\)$/);
    expect(b!.bytes).toBe('[Buffer of 1000000 bytes]');
  });
});
