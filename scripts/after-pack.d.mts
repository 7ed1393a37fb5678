/** The part of electron-builder's AfterPackContext the hook reads. */
export interface AfterPackContextLike {
  electronPlatformName: string;
  arch: number;
  appOutDir: string;
  packager: {
    info: { framework: { version: string } };
    appInfo: { productFilename: string };
    addElectronFuses(context: unknown, config: import('@electron/fuses').FuseConfig): Promise<unknown>;
  };
}

export default function afterPack(context: AfterPackContextLike, options?: { projectRoot?: string; log?: (line: string) => void }): Promise<void>;
