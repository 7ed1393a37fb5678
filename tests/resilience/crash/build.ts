/**
 * Bundles the crash child once per run (Vite, as the app is built: the migrations' SQL comes in
 * through import.meta.glob) into a temporary folder that sees the project's node_modules.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

export interface ChildBundle {
  entry: string;
  remove(): void;
}

export async function buildChild(): Promise<ChildBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'loomcast-crash-child-'));
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
  await build({
    configFile: false,
    logLevel: 'warn',
    root: resolve('.'),
    build: {
      ssr: resolve('tests/resilience/crash/child/main.ts'),
      outDir: join(dir, 'out'),
      emptyOutDir: true,
      minify: false,
      reportCompressedSize: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs' } },
    },
    // Native and keychain modules stay outside; everything else is bundled, so each operation's chunk loads alone.
    ssr: { noExternal: true, external: ['better-sqlite3', '@napi-rs/keyring'] },
  });
  return { entry: join(dir, 'out', 'main.cjs'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
