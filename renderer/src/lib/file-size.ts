import { count, fixed } from './numbers';

/** "84 KB", "1.2 MB", "3.4 GB" ("1,2 MB" in de-DE): a file's size as a file manager shows it (backups, media, a data folder's move). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${count(bytes)} bytes`;
  if (bytes < 1024 * 1024) return `${count(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  if (mb >= 1024) return `${fixed(mb / 1024, 1)} GB`;
  return `${mb < 10 ? fixed(mb, 1) : count(mb)} MB`;
}
