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
 * Messages in: `{ id, url, method, headers, body, redirect, max }` or `{ abort: id }`.
 * Messages out: `{ id, status, statusText, headers, body }` (body: an ArrayBuffer, transferred,
 * or null), `{ id, tooLarge: true }` or `{ id, error: { name, message, code, causeCode, causeName } }`.
 */
export const WORKER_SOURCE = `
'use strict';
const { parentPort } = require('node:worker_threads');
const NULL_BODY = new Set([101, 103, 204, 205, 304]);
const live = new Map();

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
