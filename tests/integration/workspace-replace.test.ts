import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { BackupDto } from '../../shared/contract/features/backups';
import type { WorkspaceExportDto } from '../../shared/contract/features/workspace';
import type { RestartableCore } from '../../electron/core/restartable';
import { FakeClock } from '../support/clock';
import { call, tempDir, restartableCore } from '../support/core';

const texts = async (core: RestartableCore) => (await call<PostDto[]>(core, 'posts:list', { scope: 'drafts' })).map((p) => p.text).sort();

describe('replacing the workspace with an archive (Settings → Move to another computer)', () => {
  const dirs: { path: string; remove(): void }[] = [];
  const cores: RestartableCore[] = [];
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.close();
    dirs.splice(0).forEach((d) => d.remove());
  });
  const fresh = async () => {
    const dir = tempDir();
    dirs.push(dir);
    const core = await restartableCore(dir.path, new FakeClock());
    cores.push(core);
    return { dir, core };
  };

  it("reopens the running core on the archive's posts and keeps what it replaced as a backup", async () => {
    const a = await fresh();
    await call(a.core, 'posts:create', { text: 'Written on the old laptop', platforms: ['x'], schedule: null });
    const exported = await call<WorkspaceExportDto>(a.core, 'workspace:export', {});

    const b = await fresh();
    await call(b.core, 'posts:create', { text: 'Already on this computer', platforms: ['x'], schedule: null });
    const result = await call<{ replaced: boolean; posts: number }>(b.core, 'workspace:replace', { path: exported.path });
    expect(result).toMatchObject({ replaced: true, posts: 1 });
    // A request made now waits for the reopened core and sees the archive's data.
    expect(await texts(b.core)).toEqual(['Written on the old laptop']);

    // What was here is a "Before restore" backup, and restoring it brings it back.
    const { backups } = await call<{ backups: BackupDto[] }>(b.core, 'backups:list');
    const safety = backups.find((x) => x.kind === 'pre-restore');
    expect(safety).toBeDefined();
    await call(b.core, 'backups:restore', { name: safety!.name });
    expect(await texts(b.core)).toEqual(['Already on this computer']);
  });

  it('clears what a replace killed mid-way left in incoming/ (a whole unpacked workspace) at the next replace', async () => {
    const a = await fresh();
    await call(a.core, 'posts:create', { text: 'From the archive', platforms: ['x'], schedule: null });
    const exported = await call<WorkspaceExportDto>(a.core, 'workspace:export', {});
    const b = await fresh();
    // What SIGKILL mid-replace leaves (the crash suite finds these): an unpacked folder and an import's staging folder.
    mkdirSync(join(b.dir.path, 'incoming', 'workspace-0123456789ab', 'media'), { recursive: true });
    writeFileSync(join(b.dir.path, 'incoming', 'workspace-0123456789ab', 'loomcast.sqlite'), 'left by a crash');
    mkdirSync(join(b.dir.path, 'incoming', '.workspace-ba9876543210.import-Xy12'), { recursive: true });
    await call(b.core, 'workspace:replace', { path: exported.path });
    expect(readdirSync(join(b.dir.path, 'incoming'))).toEqual([]);
    expect(await texts(b.core)).toEqual(['From the archive']);
  });

  it('refuses a missing path, a missing file and a file that is not an archive, naming the path field, and changes nothing', async () => {
    const { dir, core } = await fresh();
    await call(core, 'posts:create', { text: 'Stays put', platforms: ['x'], schedule: null });
    const bogus = join(dir.path, 'not-an-archive.tar.gz');
    writeFileSync(bogus, 'plain words, not a gzip');
    for (const input of [{}, { path: join(dir.path, 'nowhere.tar.gz') }, { path: bogus }]) {
      const r = await core.dispatch('workspace:replace', input);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_input');
        expect(r.error.issues?.[0]?.path).toEqual(['path']);
      }
    }
    expect(await texts(core)).toEqual(['Stays put']);
  });
});
