/**
 * A Mastodon fake in a child process, for the lateness bench. A real platform's servers are not on
 * the creator's machine: with the fake in the bench's own thread, its work (parsing, counting
 * characters, writing answers) took a third of the thread both sides send from, and each answer
 * written to the product's network worker cost the fake twice what one written to the same thread
 * did. In its own process the fake runs beside both sides alike, as a remote server would.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MastodonFakeOptions } from '../fakes/mastodon';

export interface FakeProcess {
  url: string;
  /** One access token per username asked for, in order. */
  tokens: string[];
  statusCount(username: string): Promise<number>;
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./fake-process-child.ts', import.meta.url));
/** jiti (a dependency of electron-builder) runs the fake's TypeScript in the child, as tests/fakes/mastodon/cli.ts documents. */
const LOADER = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('jiti/package.json')), 'lib/jiti-register.mjs')).href;

export async function startFakeProcess(opts: { rates: MastodonFakeOptions['rates']; usernames: string[] }): Promise<FakeProcess> {
  const child: ChildProcess = fork(CHILD, [JSON.stringify(opts)], { execArgv: ['--import', LOADER], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let next = 1;
  const failAll = (why: string) => {
    for (const w of waiting.values()) w.reject(new Error(why));
    waiting.clear();
  };
  child.on('message', (m: { id: number; value: unknown }) => {
    waiting.get(m.id)?.resolve(m.value);
    waiting.delete(m.id);
  });
  child.on('exit', (code) => failAll(`the fake Mastodon process exited (${code})`));
  child.on('error', (err) => failAll(`the fake Mastodon process failed: ${err.message}`));
  const ask = (body: { op: 'statusCount'; username: string } | { op: 'stop' }) =>
    new Promise<unknown>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      child.send({ id, ...body });
    });
  const ready = (await new Promise<unknown>((resolve, reject) => waiting.set(0, { resolve, reject }))) as { url: string; tokens: string[] };
  return {
    url: ready.url,
    tokens: ready.tokens,
    statusCount: async (username) => (await ask({ op: 'statusCount', username })) as number,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await ask({ op: 'stop' }).catch(() => undefined);
      await exited;
    },
  };
}
