import { afterAll, describe, expect, it, vi } from 'vitest';

/**
 * Windows flushes a file only through a handle open for writing, which a read-only file refuses
 * (EPERM): there such a file is left to the system's own flush rather than failing the import or
 * move it belongs to; anywhere else, and for any other error, the flush still refuses. The module
 * reads the platform when it loads, so each case loads it afresh with the platform and open() set.
 */
const realPlatform = process.platform;
const opened = vi.hoisted(() => ({ flags: [] as string[], error: null as string | null }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const openSync = (path: string, flags: string) => {
    opened.flags.push(flags);
    if (opened.error) throw Object.assign(new Error(`${opened.error}: operation not permitted, open '${path}'`), { code: opened.error });
    return real.openSync(path, flags);
  };
  return { ...real, default: { ...real, openSync }, openSync };
});

async function syncFileOn(platform: NodeJS.Platform) {
  Object.defineProperty(process, 'platform', { value: platform });
  vi.resetModules();
  return (await import('../../electron/core/store/durable-files')).syncFile;
}

afterAll(() => Object.defineProperty(process, 'platform', { value: realPlatform }));

describe('flushing a read-only file', () => {
  it('on Windows opens for writing, and leaves a file that refuses it to the system', async () => {
    const syncFile = await syncFileOn('win32');
    opened.flags.length = 0;
    opened.error = 'EPERM';
    expect(() => syncFile('C:\\Loomcast\\media\\read-only')).not.toThrow();
    expect(opened.flags).toEqual(['r+']);
    opened.error = 'ENOENT';
    expect(() => syncFile('C:\\Loomcast\\media\\gone')).toThrow(/ENOENT/);
  });

  it('elsewhere opens for reading, and any refusal still throws', async () => {
    const syncFile = await syncFileOn('linux');
    opened.flags.length = 0;
    opened.error = 'EPERM';
    expect(() => syncFile('/data/media/read-only')).toThrow(/EPERM/);
    expect(opened.flags).toEqual(['r']);
    opened.error = null;
  });
});
