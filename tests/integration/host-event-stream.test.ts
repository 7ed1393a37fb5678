import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import type { Logger } from '../../electron/core/deps';
import { startHost } from '../../electron/host/server';
import { tempDir } from '../support/core';
import { hostOverTestCore, type HostOverCore } from '../support/host';

const APP_TOKEN = 'app-token-0123456789abcdef';
const silent: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Reads an event stream until `want` appears in it, it ends (null) or `ms` pass (what came so far). */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, want: string, ms = 2_000): Promise<{ text: string; ended: boolean }> {
  let text = '';
  const deadline = Date.now() + ms;
  const decoder = new TextDecoder();
  while (!text.includes(want)) {
    const left = deadline - Date.now();
    if (left <= 0) return { text, ended: false };
    let timer: NodeJS.Timeout | undefined;
    const next = await Promise.race([
      reader.read().catch(() => ({ done: true, value: undefined })),
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), left))),
    ]);
    clearTimeout(timer);
    if (next === 'timeout') return { text, ended: false };
    if (next.done) return { text, ended: true };
    text += decoder.decode(next.value);
  }
  return { text, ended: false };
}

describe('the event stream of the local API', () => {
  let h: HostOverCore;
  let base: string;

  beforeAll(async () => {
    ({ base } = h = await hostOverTestCore({ token: APP_TOKEN }));
  });
  afterAll(() => h.close());

  const rpc = async <T>(channel: string, body: unknown, token = APP_TOKEN): Promise<T> => {
    const res = await fetch(`${base}/rpc/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const json = (await res.json()) as T;
    expect(res.status, JSON.stringify(json)).toBe(200);
    return json;
  };
  const open = async (token: string) => {
    const abort = new AbortController();
    const res = await fetch(`${base}/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    expect((await readUntil(reader, 'connected')).text).toContain(': connected');
    return { reader, close: () => abort.abort() };
  };

  it('ends a revoked token’s open event stream at once, and sends it nothing more', async () => {
    const { token, secret } = await rpc<{ token: { id: string }; secret: string }>('apiTokens:create', { name: 'Watcher', scope: 'read' });
    const stream = await open(secret);
    try {
      await rpc('posts:create', { text: 'seen while the token works', platforms: ['x'], schedule: null });
      expect((await readUntil(stream.reader, 'posts:changed')).text).toContain('posts:changed');

      await rpc('apiTokens:revoke', { id: token.id });
      await rpc('posts:create', { text: 'after the revocation', platforms: ['x'], schedule: null });
      const after = await readUntil(stream.reader, 'posts:changed');
      expect(after.text).not.toContain('posts:changed');
      expect(after.ended).toBe(true);
    } finally {
      stream.close();
    }
  });

  it('keeps a stream open when another token is revoked', async () => {
    const mine = await rpc<{ secret: string }>('apiTokens:create', { name: 'Stays', scope: 'read' });
    const other = await rpc<{ token: { id: string } }>('apiTokens:create', { name: 'Goes', scope: 'read' });
    const stream = await open(mine.secret);
    try {
      await rpc('apiTokens:revoke', { id: other.token.id });
      await rpc('posts:create', { text: 'still heard', platforms: ['x'], schedule: null });
      const after = await readUntil(stream.reader, 'posts:changed');
      expect(after.text).toContain('posts:changed');
    } finally {
      stream.close();
    }
  });

  it('keeps what only admin channels answer (the writing set-up, webhooks, tokens) off a scoped token’s stream', async () => {
    const { secret } = await rpc<{ secret: string }>('apiTokens:create', { name: 'Full watcher', scope: 'full' });
    const scoped = await open(secret);
    const app = await open(APP_TOKEN);
    try {
      await rpc('writing:set', { provider: { kind: 'openai', baseURL: 'http://127.0.0.1:9/private-proxy/v1', model: 'house-model' } });
      await rpc('posts:create', { text: 'a marker after it', platforms: ['x'], schedule: null });
      // The app's own stream (the creator's page) hears the change; the token's hears the marker only.
      expect((await readUntil(app.reader, 'private-proxy')).text).toContain('writing:changed');
      const seen = await readUntil(scoped.reader, 'posts:changed');
      expect(seen.text).toContain('posts:changed');
      expect(seen.text).not.toContain('writing:changed');
      expect(seen.text).not.toContain('private-proxy');
      await rpc('apiTokens:create', { name: 'Another', scope: 'read' });
      await rpc('posts:create', { text: 'a second marker', platforms: ['x'], schedule: null });
      expect((await readUntil(scoped.reader, 'a second marker', 300)).text).not.toContain('apiTokens:changed');
    } finally {
      scoped.close();
      app.close();
    }
  });
});

describe('an event stream whose client stops reading', () => {
  it('is cut once its unsent backlog passes the bound, instead of growing in memory', async () => {
    let push: (event: string, payload: unknown) => void = () => {};
    const core = { subscribe: (l: typeof push) => ((push = l), () => {}), dispatch: async () => ({ ok: true, value: null }) } as unknown as Core;
    const dir = tempDir('loomcast-static-');
    const host = await startHost({ core, log: silent, token: APP_TOKEN, staticDir: dir.path, port: 0 });
    const socket = connect(host.port, '127.0.0.1');
    try {
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      let received = 0;
      let closed = false;
      socket.on('data', (c: Buffer) => (received += c.length));
      socket.on('error', () => {});
      socket.on('close', () => (closed = true));
      socket.write(`GET /events HTTP/1.1\r\nhost: 127.0.0.1:${host.port}\r\nauthorization: Bearer ${APP_TOKEN}\r\n\r\n`);
      await new Promise((r) => setTimeout(r, 100));
      socket.pause(); // a tab frozen in the background, a client stuck: nothing more is read
      const payload = { text: 'x'.repeat(64 * 1024) };
      const frames = 640; // 40 MB: past anything the kernel's buffers take on either side
      for (let i = 0; i < frames; i++) push('posts:changed', payload);
      socket.resume();
      const deadline = Date.now() + 5_000;
      while (!closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(closed).toBe(true);
      expect(received).toBeLessThan(frames * 64 * 1024);
    } finally {
      socket.destroy();
      await host.close();
      dir.remove();
    }
  });
});
