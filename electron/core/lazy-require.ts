/**
 * A CommonJS package loaded on first use instead of at start. Some of our libraries take longer
 * to load than the whole core takes to open (@stdlib's statistics, ~100 ms each on our machines),
 * and most starts never call them. Asynchronous paths use `await import()` instead; this is for
 * synchronous code such as the statistics.
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load(id) as T);
}
