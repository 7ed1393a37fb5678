/**
 * Exactly-once's one rule about time: a claimed copy's request leaves only once the claim is on
 * disk. The claim is committed without the flush (store/wal-sync.ts) and answered at once; the
 * flush is the barrier every request made for that copy passes first, wherever it is sent from:
 * - from the network worker, which flushes the -wal file itself just before it sends (one flush
 *   covers every claim committed before it, so ten lanes sending at once flush once);
 * - from the main thread (uploads, SDKs, a test's fetch), which waits for `wait()`.
 * So no thread waits on the disk, and a lane goes from its claim to its request without waiting
 * for the event loop to come round between the commit, the flush and the send.
 */
import type { HttpFetch } from '../deps';

export interface SendBarrier {
  /** For the network worker: the -wal file to flush and the commit that must be in it. */
  readonly wal: { fd: number; seq: number } | null;
  /** On this thread: resolves once the claim is on disk; rejects when it cannot be put there. */
  wait(): Promise<void>;
}

/** A claim committed with its own flush (no WAL file to flush later). */
export const ALREADY_ON_DISK: SendBarrier = { wal: null, wait: () => Promise.resolve() };

export const NOT_SENT_WORDS = 'Loomcast could not write to its database file, so nothing was sent; it tries again shortly.';

/** Thrown instead of sending: the claim could not be put on disk, so the request never left. */
export class ClaimNotOnDisk extends Error {
  readonly code = 'LOOMCAST_NOT_SENT';
  constructor(cause: unknown) {
    super(NOT_SENT_WORDS, { cause });
    this.name = 'ClaimNotOnDisk';
  }
}

/** `http` that sends nothing before `barrier` is passed, on whichever thread it sends from. */
export function behind(http: HttpFetch, barrier: SendBarrier): HttpFetch {
  const sendHere = (async (input: Parameters<HttpFetch>[0], init?: Parameters<HttpFetch>[1]) => {
    // The barrier keeps its one flush (commits.ts): every request of the batch shares it.
    await barrier.wait().catch((err: unknown) => {
      throw new ClaimNotOnDisk(err);
    });
    return http(input, init);
  }) as HttpFetch;
  const { offThread } = http;
  const wal = barrier.wal;
  // Without a descriptor for the worker to flush, requests wait here instead.
  if (offThread && wal) sendHere.offThread = (url, init, maxBytes) => offThread(url, init, maxBytes, wal);
  return sendHere;
}
