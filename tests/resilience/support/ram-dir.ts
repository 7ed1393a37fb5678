import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A temporary folder on a RAM disk where there is one (/dev/shm), else in the temp folder. The
 * resilience suites test kills and faults, not power cuts: the disk's fsyncs would only add time.
 */
export function ramDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
