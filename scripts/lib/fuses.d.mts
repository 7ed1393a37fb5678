import type { FuseV1Config } from '@electron/fuses';

export declare function fuseConfig(target: { platform: string; arch: string }): FuseV1Config;
export declare function resourcesDir(opts: { platform: string; appOutDir: string; productFilename: string }): string;
export declare const BUILDER_ARCH: Record<number, string>;
