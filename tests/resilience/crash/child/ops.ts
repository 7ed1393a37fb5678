/** What the parent asks a crash child to do. */
export type OpName = 'migrate' | 'backup' | 'workspace' | 'publish' | 'csv' | 'metrics';

export interface OpArgs {
  dataDir: string;
  /** workspace: the archive to swap in. */
  archive?: string;
  /** csv: the file to import, and the import's id. */
  csv?: string;
  importId?: string;
  /** publish, metrics: where the fakes are, and the file vault. */
  baseUrls?: Record<string, string>;
  vaultFile?: string;
  /** metrics: how far ahead of the real clock the child's clock runs. */
  clockOffsetMs?: number;
}
