import { describe, expect, it } from 'vitest';
import { moveTargetProblem, parsePointer, pointerText, resolveDataDir } from '../../electron/core/data-folder';

const base = { defaultDir: '/home/ana/.config/Loomcast', exists: () => true };

describe('which data folder Loomcast opens', () => {
  it('--data-dir first, then LOOMCAST_DATA_DIR, then the picked folder, then the OS default', () => {
    const pointer = pointerText('/mnt/work/Loomcast');
    expect(resolveDataDir({ ...base, flag: '/srv/loomcast', env: { LOOMCAST_DATA_DIR: '/tmp/x' }, pointer })).toMatchObject({ dir: '/srv/loomcast', source: 'flag' });
    expect(resolveDataDir({ ...base, env: { LOOMCAST_DATA_DIR: '/tmp/x' }, pointer })).toMatchObject({ dir: '/tmp/x', source: 'env' });
    expect(resolveDataDir({ ...base, env: {}, pointer })).toEqual({ dir: '/mnt/work/Loomcast', source: 'picked', missing: false, ignoredPointer: null });
    expect(resolveDataDir({ ...base, env: {}, pointer: null })).toEqual({ dir: '/home/ana/.config/Loomcast', source: 'default', missing: false, ignoredPointer: null });
  });

  it('a picked folder that is not there is still the one (never a silent fresh workspace), flagged missing', () => {
    expect(resolveDataDir({ ...base, exists: () => false, env: {}, pointer: pointerText('/media/usb/Loomcast') })).toMatchObject({ dir: '/media/usb/Loomcast', source: 'picked', missing: true });
  });

  it('a pointer it cannot understand is ignored and said why', () => {
    expect(resolveDataDir({ ...base, env: {}, pointer: 'not json' })).toMatchObject({ source: 'default', ignoredPointer: 'it is not JSON' });
    expect(parsePointer('{"dataDir":"relative/path"}')).toEqual({ problem: '"relative/path" is not an absolute path' });
    expect(parsePointer('{"dataDir":""}')).toEqual({ problem: 'it names no folder' });
    expect(parsePointer(pointerText('/a/b/../c'))).toEqual({ dir: '/a/c' });
  });
});

describe('where the workspace may move', () => {
  const from = '/home/ana/.config/Loomcast';
  it.each([
    ['/mnt/work/Loomcast', null, null],
    ['/mnt/work/Loomcast', [], null],
    ['/mnt/work/Loomcast', ['.DS_Store'], null],
    ['/mnt/work/Loomcast', ['notes.txt'], 'That folder is not empty. Pick an empty folder (or make a new one) so nothing in it is overwritten.'],
    [from, null, 'That is the folder Loomcast already uses.'],
    [`${from}/inner`, null, 'Pick a folder outside the current data folder.'],
    ['/home/ana', null, 'Pick a folder that is not a parent of the current data folder.'],
    ['relative', null, 'Pick a folder by its full path.'],
  ] as const)('%s (listing %j): %s', (to, listing, problem) => {
    expect(moveTargetProblem(from, to, listing === null ? null : [...listing])).toBe(problem);
  });
});
