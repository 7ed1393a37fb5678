export type ChromiumLookup = { path: string; source: string } | { path: null; hint: string };

export declare const ENV_VARS: readonly string[];
export declare const HINT: string;
export declare function standardPaths(platform: string, env?: Record<string, string | undefined>): string[];
export declare function playwrightChromium(): string | null;
export declare function findChromium(opts?: {
  env?: Record<string, string | undefined>;
  platform?: string;
  exists?: (path: string) => boolean;
  playwright?: () => string | null;
}): ChromiumLookup;
