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
});
