/**
 * electron-builder's afterPack hook (electron-builder.yml), run per platform and arch after
 * the app is laid out and before it is signed:
 *   1. stages the Electron build of better-sqlite3 for that platform and arch (from the cache,
 *      downloaded or compiled by scripts/ensure-electron-sqlite.mjs) into
 *      <resources>/better-sqlite3/better_sqlite3.node, where the packaged main process loads it
 *      through better-sqlite3's nativeBinding option (scripts/lib/electron-sqlite.mjs);
 *   2. flips the Electron fuses (scripts/lib/fuses.mjs) with @electron/fuses.
 * A package without its SQLite engine could not open its database, so failing here stops the
 * build with the one line that says why.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureElectronSqlite } from './ensure-electron-sqlite.mjs';
import { BINARY_NAME, PACKAGED_DIR } from './lib/electron-sqlite.mjs';
import { BUILDER_ARCH, fuseConfig, resourcesDir } from './lib/fuses.mjs';

/** `options`: projectRoot (whose packages and cache to use) and log, for tests. */
export default async function afterPack(context, options = {}) {
  const platform = context.electronPlatformName;
  const arch = BUILDER_ARCH[context.arch];
  if (!arch || arch === 'universal') {
    throw new Error(`Loomcast packages one arch at a time (electron-builder.yml lists them); "${arch ?? context.arch}" has no single SQLite binary`);
  }
  const electronVersion = context.packager.info.framework.version;
  const say = options.log ?? ((line) => console.log(`  • ${line}`));

  const sqlite = await ensureElectronSqlite({
    projectRoot: options.projectRoot,
    platform: platform === 'mas' ? 'darwin' : platform,
    arch,
    electronVersion,
    log: say,
  });
  if (!sqlite.ok) throw new Error(sqlite.line);
  const stagedDir = join(resourcesDir({ platform, appOutDir: context.appOutDir, productFilename: context.packager.appInfo.productFilename }), PACKAGED_DIR);
  mkdirSync(stagedDir, { recursive: true });
  copyFileSync(sqlite.binary, join(stagedDir, BINARY_NAME));
  say(`staged ${BINARY_NAME} for Electron ${electronVersion} (${platform}-${arch}) from ${sqlite.source}`);

  // electron-builder's own helper finds the executable (name differs per platform) and runs
  // the @electron/fuses installed here.
  await context.packager.addElectronFuses(context, fuseConfig({ platform, arch }));
}
