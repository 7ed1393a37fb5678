/**
 * Lets the event loop run what waits (a due post, a timer, an RPC call) before long work goes on:
 * after the I/O callbacks, not as a microtask, so a chunked job never starves the scheduler.
 */
export const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
