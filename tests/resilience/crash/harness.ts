/** Runs one crash child: starts it, waits until it is ready, says go, and SIGKILLs it after `killAfterMs` (null: lets it finish). */
import { spawn } from 'node:child_process';
import type { OpArgs, OpName } from './child/ops';

export interface ChildRun {
  /** True when the kill landed before the child finished. */
  killed: boolean;
  /** From "go" to "done" (or to the kill). */
  ms: number;
  output: string;
}

export function runChild(entry: string, op: OpName, args: OpArgs, killAfterMs: number | null): Promise<ChildRun> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [entry, op, JSON.stringify(args)], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let went = 0;
    let killed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
      if (went === 0 && output.includes('ready\n')) {
        went = performance.now();
        child.stdin.write('go\n');
        if (killAfterMs !== null) {
          timer = setTimeout(() => {
            if (child.exitCode === null && !output.includes('done\n')) {
              killed = true;
              child.kill('SIGKILL');
            }
          }, killAfterMs);
        }
      }
    });
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const ms = went ? performance.now() - went : 0;
      if (signal === 'SIGKILL' && killed) return resolveRun({ killed: true, ms, output });
      if (code !== 0) return reject(new Error(`crash child ${op} exited with ${code ?? signal}:\n${output}`));
      resolveRun({ killed: false, ms, output });
    });
  });
}
