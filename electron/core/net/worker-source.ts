/**
 * The source of the network worker (net/off-thread-http.ts), as plain JavaScript run with
 * `new Worker(source, { eval: true })`: one string runs the same under Node, vitest, the browser
 * host and Electron's bundled main process, with no second entry file for the bundler to place.
 *
 * It only moves bytes: it sends the request it is given with the worker's own fetch, reads the
 * answer up to `max` bytes (a declared length past it is refused before a byte is read, a body
 * that grows past it is cut off) and posts back the status, headers and body, or what the error
 * was. What the answer means is decided on the main thread (platforms/common/http.ts).
 *
 * A request may carry `wal: { fd, seq }` (publishing/send-barrier.ts): the database's -wal file
 * must be flushed with commit \`seq\` in it before the request leaves. The worker flushes it there
 * and then (fdatasync on this thread: the main thread never waits on the disk), once for every
 * request whose commit was written before the flush began; when the flush fails nothing is sent.
 *
 * Messages in: `{ id, url, method, headers, body, redirect, max, wal? }` or `{ abort: id }`.
 * Messages out: `{ id, status, statusText, headers, body }` (body: an ArrayBuffer, transferred,
 * or null), `{ id, tooLarge: true }`, `{ id, notSent: message }` or
 * `{ id, error: { name, message, code, causeCode, causeName } }`.
 */
export const WORKER_SOURCE = `
'use strict';
const { parentPort } = require('node:worker_threads');
const { fdatasync } = require('node:fs');
const NULL_BODY = new Set([101, 103, 204, 205, 304]);
const live = new Map();
// Per -wal descriptor: the newest commit a request has named, and the newest known flushed.
const wals = new Map();

/**
 * Resolves once the -wal file is flushed with commit \`seq\` in it. Flushes run one at a time in
 * the thread pool, each covering every commit named before it began (each was written before its
 * request was posted); a request whose commit an earlier flush covered does not wait at all.
 */
function onDisk(wal) {
  let w = wals.get(wal.fd);
  if (!w) wals.set(wal.fd, (w = { named: 0, flushed: 0, running: null, runningUpTo: 0 }));
  if (wal.seq > w.named) w.named = wal.seq;
  if (wal.seq <= w.flushed) return null;
  if (w.running && wal.seq <= w.runningUpTo) return w.running;
  const after = w.running ? w.running.catch(() => undefined) : Promise.resolve();
  const flush = after.then(() => {
    if (wal.seq <= w.flushed) return;
    const upTo = w.named;
    w.runningUpTo = upTo;
    return new Promise((resolve, reject) => fdatasync(wal.fd, (err) => (err ? reject(err) : resolve()))).then(() => {
      if (upTo > w.flushed) w.flushed = upTo;
    });
  });
  const mine = flush.finally(() => {
    if (w.running === mine) w.running = null;
  });
  w.running = mine;
  w.runningUpTo = Math.max(w.runningUpTo, wal.seq);
  return mine;
}

async function readBounded(res, max) {
  const reader = res.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  // A buffer of its own, so transferring it moves no one else's bytes.
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out.buffer;
}

async function send(m) {
  if (m.wal) {
    try {
      await onDisk(m.wal);
    } catch (err) {
      parentPort.postMessage({ id: m.id, notSent: String((err && err.message) || err) });
      return;
    }
  }
  const controller = new AbortController();
  live.set(m.id, controller);
  try {
    const init = { method: m.method, headers: m.headers, signal: controller.signal };
    if (m.body !== undefined && m.body !== null) init.body = m.body;
    if (m.redirect) init.redirect = m.redirect;
    const res = await fetch(m.url, init);
    const declared = Number(res.headers.get('content-length') ?? '');
    if (Number.isFinite(declared) && declared > m.max) {
      await res.body?.cancel().catch(() => undefined);
      parentPort.postMessage({ id: m.id, tooLarge: true });
      return;
    }
    let body = null;
    if (res.body && !NULL_BODY.has(res.status)) {
      body = await readBounded(res, m.max);
      if (body === null) {
        parentPort.postMessage({ id: m.id, tooLarge: true });
        return;
      }
    }
    const answer = { id: m.id, status: res.status, statusText: res.statusText, headers: [...res.headers], body };
    parentPort.postMessage(answer, body ? [body] : []);
  } catch (err) {
    const e = err || {};
    const cause = e.cause || {};
    parentPort.postMessage({
      id: m.id,
      error: {
        name: typeof e.name === 'string' ? e.name : 'Error',
        message: typeof e.message === 'string' ? e.message : String(err),
        code: typeof e.code === 'string' ? e.code : undefined,
        causeCode: typeof cause.code === 'string' ? cause.code : undefined,
        causeName: typeof cause.name === 'string' ? cause.name : undefined,
      },
    });
  } finally {
    live.delete(m.id);
  }
}

parentPort.on('message', (m) => {
  if (m && m.abort !== undefined) {
    live.get(m.abort)?.abort();
    return;
  }
  void send(m);
});
`;
