// The data folder is the owner's alone on POSIX: folders 0700, files 0600, also when they were
// left looser (then tightened, and the log says so). Windows has no POSIX modes: skipped there.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, tempDir, type TestCore } from '../../support/core';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('data folder permissions', () => {
  const dirs: Array<{ remove(): void }> = [];
  let t: TestCore | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
    for (const d of dirs.splice(0)) d.remove();
  });

  const parent = () => {
    const d = tempDir('loomcast-modes-');
    dirs.push(d);
    return d.path;
  };

  const expectPrivate = (dataDir: string) => {
    expect(modeOf(dataDir)).toBe(0o700);
    for (const file of ['loomcast.sqlite', 'loomcast.sqlite-wal', 'loomcast.sqlite-shm', 'logs/loomcast.log']) {
      expect(existsSync(join(dataDir, file)), file).toBe(true);
      expect(modeOf(join(dataDir, file)), file).toBe(0o600);
    }
    expect(modeOf(join(dataDir, 'logs'))).toBe(0o700);
    expect(modeOf(join(dataDir, 'media'))).toBe(0o700);
  };

  it('creates a new data folder, its database, log and media owner-only', async () => {
    const dataDir = join(parent(), 'new', 'Loomcast');
    t = await createTestCore({ dataDir });
    const hash = t.core.services.media.put(new TextEncoder().encode('png bytes'), 'image/png');
    expectPrivate(dataDir);
    expect(modeOf(join(dataDir, 'media', hash))).toBe(0o600);
    expect(readFileSync(t.logFile, 'utf8')).not.toMatch(/Tightened/);
  });

  it('tightens a data folder left readable by others, and says so in the log', async () => {
    const dataDir = join(parent(), 'Loomcast');
    t = await createTestCore({ dataDir });
    const hash = t.core.services.media.put(new TextEncoder().encode('old media'), 'image/png');
    await t.close();
    t = undefined;
    // As an older Loomcast (or a umask of 022 and a copy) would have left it.
    mkdirSync(join(dataDir, 'media', 'thumbs'), { recursive: true });
    writeFileSync(join(dataDir, 'media', 'thumbs', 'a.png'), 'thumb');
    chmodSync(join(dataDir, 'media', 'thumbs', 'a.png'), 0o644);
    chmodSync(join(dataDir, 'media', 'thumbs'), 0o755);
    chmodSync(join(dataDir, 'media', hash), 0o644);
    chmodSync(join(dataDir, 'media'), 0o777);
    chmodSync(join(dataDir, 'logs', 'loomcast.log'), 0o644);
    chmodSync(join(dataDir, 'logs'), 0o755);
    chmodSync(join(dataDir, 'loomcast.sqlite'), 0o644);
    chmodSync(dataDir, 0o755);

    t = await createTestCore({ dataDir });
    expectPrivate(dataDir);
    expect(modeOf(join(dataDir, 'media', hash))).toBe(0o600);
    expect(modeOf(join(dataDir, 'media', 'thumbs'))).toBe(0o700);
    expect(modeOf(join(dataDir, 'media', 'thumbs', 'a.png'))).toBe(0o600);
    const log = readFileSync(t.logFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: string; message: string; path: string; was: string });
    const tightened = log.filter((l) => /Tightened permissions/.test(l.message));
    expect(tightened.every((l) => l.level === 'warn')).toBe(true);
    expect(tightened).toEqual(expect.arrayContaining([expect.objectContaining({ path: dataDir, was: '0755', now: '0700' })]));
    expect(tightened.some((l) => l.path === join(dataDir, 'logs', 'loomcast.log') && l.was === '0644')).toBe(true);
    expect(tightened.some((l) => /of \d+ items/.test(l.message))).toBe(true);
  });
});
