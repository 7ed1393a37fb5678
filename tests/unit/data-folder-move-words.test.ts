import { describe, expect, it } from 'vitest';
import { moveProgressWords } from '../../renderer/src/features/settings/data-folder-move';
import { fileSize } from '../../renderer/src/lib/file-size';

const at = (phase: 'database' | 'files' | 'flushing' | 'done' | 'failed' | 'cancelled', doneBytes: number, totalBytes: number) => ({ to: '/Volumes/Big/Loomcast', phase, doneBytes, totalBytes, doneFiles: 3, totalFiles: 12, problem: null });

describe('what Settings says while the data folder moves', () => {
  it('says sizes as a file manager does', () => {
    expect(fileSize(512 * 1024)).toBe('512 KB');
    expect(fileSize(3.4 * 1024 ** 2)).toBe('3.4 MB');
    expect(fileSize(12.6 * 1024 ** 3)).toBe('12.6 GB');
  });

  it('says what is copied, how much of how much, and how far in hundredths', () => {
    expect(moveProgressWords(at('database', 1024 ** 2, 4 * 1024 ** 3))).toEqual({ line: 'Copying your posts, accounts and settings… 1.0 MB of 4.0 GB (3 of 12 files)', percent: 0 });
    expect(moveProgressWords(at('files', 3 * 1024 ** 3, 4 * 1024 ** 3))).toEqual({ line: 'Copying your media and other files… 3.0 GB of 4.0 GB (3 of 12 files)', percent: 75 });
    expect(moveProgressWords(at('flushing', 4 * 1024 ** 3, 4 * 1024 ** 3)).line).toMatch(/^Making sure everything is written to the disk/);
    expect(moveProgressWords(at('done', 4 * 1024 ** 3, 4 * 1024 ** 3))).toMatchObject({ percent: 100, line: expect.stringContaining('Pointing Loomcast at the new folder') });
    expect(moveProgressWords(at('failed', 1024 ** 3, 4 * 1024 ** 3))).toEqual({ line: 'The copy stopped after 1.0 GB of 4.0 GB (3 of 12 files); it was removed again.', percent: 25 });
    expect(moveProgressWords(at('cancelled', 1024 ** 3, 4 * 1024 ** 3))).toEqual({ line: 'Stopped after 1.0 GB of 4.0 GB (3 of 12 files); the copy was removed and Loomcast goes on in its folder.', percent: 25 });
    // An empty workspace has nothing to count: never NaN.
    expect(moveProgressWords(at('database', 0, 0)).percent).toBe(0);
  });
});
