export type EnsureResult = { ok: true; binary: string; source: 'cache' | 'prebuild-install' | 'rebuild' } | { ok: false; line: string };

export declare function failureReason(output: string, opts?: { timedOut?: boolean; timeoutMs?: number }): string;
export declare function ensureElectronSqlite(opts?: {
  projectRoot?: string;
  cacheRoot?: string;
  electronVersion?: string;
  platform?: string;
  arch?: string;
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
  prebuildTimeoutMs?: number;
  rebuildTimeoutMs?: number;
}): Promise<EnsureResult>;
