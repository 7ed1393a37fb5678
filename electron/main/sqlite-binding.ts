import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import { chooseRuntimeBinding, type RuntimeBinding } from '../../scripts/lib/electron-sqlite.mjs';

function installedVersion(packageJson: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(packageJson, 'utf8'));
    const version = (parsed as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The better-sqlite3 addon built for this Electron: staged under process.resourcesPath in a
 * packaged app (scripts/after-pack.mjs), in the cache `npm start` fills in a development run
 * (scripts/ensure-electron-sqlite.mjs). The choice itself is pure and unit-tested.
 */
export function resolveSqliteBinding(): RuntimeBinding {
  const projectRoot = app.getAppPath();
  return chooseRuntimeBinding({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    projectRoot,
    sqliteVersion: app.isPackaged ? undefined : installedVersion(join(projectRoot, 'node_modules', 'better-sqlite3', 'package.json')),
    electronVersion: process.versions.electron,
    platform: process.platform,
    arch: process.arch,
    exists: existsSync,
  });
}
