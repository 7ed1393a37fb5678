/**
 * Operations below the core: they call the same functions the core calls at start (staged
 * restore, migrations), for "Back up now" and the daily backup, and for workspace:replace, without loading the rest
 * of the app (a child that loads the whole core costs half a second of CPU per kill).
 */
import { join } from 'node:path';
import { createBackup, createBackupOffThread } from '../../../../electron/core/store/backups';
import { openStore } from '../../../../electron/core/store/open';
import { applyStagedRestore, stageRestore } from '../../../../electron/core/store/recovery';
import type { OpArgs, OpName } from './ops';

export async function prepare(op: OpName, a: OpArgs): Promise<() => Promise<void>> {
  const path = join(a.dataDir, 'loomcast.sqlite');
  if (op === 'migrate') {
    // What createCore does first: a staged restore, then open (backup before migrating, then each migration).
    return async () => {
      applyStagedRestore(a.dataDir, Date.now());
      openStore(path).close();
    };
  }
  if (op === 'backup') {
    const store = openStore(path);
    return async () => {
      // "Back up now" and the daily one (a worker thread copies and checks), then one on this
      // thread as at start, so a kill also meets the worker mid-copy and rotation removing old ones.
      const dir = join(a.dataDir, 'backups');
      await createBackupOffThread({ db: store.db, dir, kind: 'daily', takenAt: Date.now() });
      createBackup({ db: store.db, dir, kind: 'daily', takenAt: Date.now() + 86_400_000 });
      store.close();
    };
  }
  if (op === 'workspace') {
    // workspace:replace (prepare, stage, clean up), then the restart it asks for (createCore's first steps).
    // Loaded only here: the archive reader (tar, zod) is most of this chunk's weight.
    const { prepareWorkspaceReplace } = await import('../../../../electron/core/workspace/replace');
    return async () => {
      const prepared = await prepareWorkspaceReplace(a.archive!, a.dataDir);
      try {
        stageRestore(a.dataDir, prepared.sqlitePath);
      } finally {
        prepared.cleanup();
      }
      applyStagedRestore(a.dataDir, Date.now());
      openStore(path).close();
    };
  }
  throw new Error(`unknown store op ${op}`);
}
