import type { DataFolderMoveProgressDto } from '../../../../shared/contract/features/desktop';
import { fileSize } from '../../lib/file-size';

/** What Settings says while the data folder's copy runs (desktop:moveProgress), and how far it is in hundredths. */
export function moveProgressWords(p: DataFolderMoveProgressDto): { line: string; percent: number } {
  const percent = p.totalBytes > 0 ? Math.min(100, Math.floor((p.doneBytes / p.totalBytes) * 100)) : 0;
  const amount = `${fileSize(p.doneBytes)} of ${fileSize(p.totalBytes)} (${p.doneFiles} of ${p.totalFiles} files)`;
  switch (p.phase) {
    case 'database':
      return { line: `Copying your posts, accounts and settings… ${amount}`, percent };
    case 'files':
      return { line: `Copying your media and other files… ${amount}`, percent };
    case 'flushing':
      return { line: `Making sure everything is written to the disk… ${amount}`, percent: 100 };
    case 'done':
      return { line: `Copied: ${amount}. Pointing Loomcast at the new folder…`, percent: 100 };
    case 'failed':
      return { line: `The copy stopped after ${amount}; it was removed again.`, percent };
    case 'cancelled':
      return { line: `Stopped after ${amount}; the copy was removed and Loomcast goes on in its folder.`, percent };
  }
}
