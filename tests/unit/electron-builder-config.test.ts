import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Configuration, FileSet, TargetConfiguration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const text = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
const config = parse(text) as Configuration;
const RESOURCES = join(ROOT, config.directories?.buildResources ?? 'build');

/** electron-builder's own schema check, from the app-builder-lib electron-builder itself loads. */
const builderRequire = createRequire(require.resolve('electron-builder'));
const { validateConfiguration } = builderRequire('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: Configuration, logger: unknown): Promise<void>;
};
const { DebugLogger } = builderRequire('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const targetNames = (targets: unknown): string[] =>
  (Array.isArray(targets) ? targets : [targets]).map((t: string | TargetConfiguration) => (typeof t === 'string' ? t : t.target));

/** electron-builder's filter patterns as used here: `*` is any run of characters but a slash. */
const globRegExp = (pattern: string): RegExp => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names icons that exist, in every size each OS asks for', () => {
    expect(existsSync(join(RESOURCES, config.mac!.icon!))).toBe(true);
    expect(existsSync(join(RESOURCES, config.win!.icon!))).toBe(true);
    const linuxIcons = readdirSync(join(RESOURCES, config.linux!.icon!));
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) expect(linuxIcons).toContain(`${size}x${size}.png`);
    for (const set of config.extraResources as FileSet[]) {
      const from = join(ROOT, set.from!);
      if (set.filter) {
        for (const name of set.filter as string[]) {
          // A pattern (tray*.png: every tray state) must match at least one file, a name its file.
          if (!name.includes('*')) expect(existsSync(join(from, name)), name).toBe(true);
          else expect(readdirSync(from).filter((f) => globRegExp(name).test(f)).length, name).toBeGreaterThan(0);
        }
      }
      else expect(existsSync(from), set.from).toBe(true);
    }
  });

  it('builds an AppImage and a deb with a desktop entry, an nsis installer, and a hardened dmg', () => {
    expect(targetNames(config.linux!.target)).toEqual(['AppImage', 'deb']);
    expect((config.linux!.desktop as { entry: Record<string, string> }).entry).toMatchObject({ Name: 'Loomcast', Categories: 'Office;Utility;' });
    expect(targetNames(config.win!.target)).toEqual(['nsis']);
    expect(targetNames(config.mac!.target)).toContain('dmg');
    expect(config.mac!.hardenedRuntime).toBe(true);
    expect(config).toMatchObject({ appId: 'app.loomcast.desktop', productName: 'Loomcast' });
  });

  it('gives the hardened runtime only the exceptions V8 needs', () => {
    expect(config.mac!.entitlements).toBe('resources/entitlements.mac.plist');
    expect(config.mac!.entitlementsInherit).toBe('resources/entitlements.mac.plist');
    const plist = readFileSync(join(ROOT, config.mac!.entitlements!), 'utf8');
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit', 'com.apple.security.cs.allow-unsigned-executable-memory']);
  });

  it('never rebuilds node_modules in place; the afterPack hook stages SQLite and flips the fuses', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.afterPack).toBe('./scripts/after-pack.mjs');
    expect(existsSync(join(ROOT, config.afterPack as string))).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.files).toContain('!**/node_modules/better-sqlite3/{build,deps,src}/**');
    expect(text).not.toMatch(/manual step|@electron\/rebuild -f -w/);
  });

  it('publishes nowhere until a release feed exists, so the app makes no update checks', () => {
    expect(config.publish).toBeNull();
  });
});
