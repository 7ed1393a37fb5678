export interface SqliteTarget {
  sqliteVersion: string;
  electronVersion: string;
  platform: string;
  arch: string;
}

export type SqliteStep =
  | { action: 'use-cache'; binary: string }
  | { action: 'prebuild-install'; binary: string; dir: string; args: string[] }
  | { action: 'rebuild'; binary: string; dir: string }
  | { action: 'give-up'; line: string };

export interface SqliteFailure {
  step: 'prebuild-install' | 'rebuild';
  reason: string;
}

export type RuntimeBinding = { kind: 'packaged' | 'development'; path: string } | { kind: 'none'; line: string };

export declare const BINARY_NAME: string;
export declare const PACKAGED_DIR: string;
export declare const BROWSER_MODE_HINT: string;
export declare function defaultCacheRoot(projectRoot: string): string;
export declare function cacheTarget(opts: SqliteTarget & { cacheRoot: string }): { dir: string; binary: string };
export declare function describeTarget(target: SqliteTarget): string;
export declare function invalidTarget(target: Partial<SqliteTarget>): string | null;
export declare function giveUpLine(target: Partial<SqliteTarget>, why: string): string;
export declare function prebuildInstallArgs(target: Pick<SqliteTarget, 'electronVersion' | 'platform' | 'arch'>): string[];
export declare function rebuildArgs(target: Pick<SqliteTarget, 'electronVersion' | 'platform' | 'arch'> & { workDir: string }): string[];
export declare function planElectronSqlite(
  target: SqliteTarget & { cacheRoot: string },
  state: { cached: boolean; sourceReady: boolean; failures?: SqliteFailure[]; hostPlatform?: string; logFile?: string; headersCached?: boolean },
): SqliteStep;
export declare function chooseRuntimeBinding(opts: {
  isPackaged: boolean;
  resourcesPath: string;
  projectRoot: string;
  cacheRoot?: string;
  sqliteVersion: string | undefined;
  electronVersion: string | undefined;
  platform: string;
  arch: string;
  exists: (path: string) => boolean;
}): RuntimeBinding;
