/**
 * The browser host's HTTP edges, beyond the contract: bodies that are huge, not UTF-8, not JSON
 * or compressed; foreign Host and Origin headers; missing, wrong and odd tokens; channel names
 * that are not channels; paths that try to leave the renderer's folder through the static,
 * download and calendar-feed routes. Fixed cases first, then random bytes, headers and paths
 * (seeded, LOOMCAST_FUZZ_RUNS / LOOMCAST_FUZZ_SEED as in fuzz-channels).
 */
import fc from 'fast-check';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrityCheck, startFuzzHost, TOKEN, type FuzzHost } from './fuzz/harness';

const RUNS = Number(process.env.LOOMCAST_FUZZ_RUNS ?? 5) * 20;
const SEED = Number(process.env.LOOMCAST_FUZZ_SEED ?? 20_261_204);

let f: FuzzHost;
beforeAll(async () => {
  f = await startFuzzHost();
});
afterAll(async () => {
  await f?.close();
});

interface Raw {
  status: number;
  headers: string;
  body: string;
}

/** One request written byte for byte (odd paths, headers and bodies reach the server exactly as given); `connection: close` ends it (a half-close would have Node drop the socket before an async answer). */
function raw(opts: { path: string; method?: string; headers?: Record<string, string | null>; body?: Buffer | string }): Promise<Raw> {
  const body = typeof opts.body === 'string' ? Buffer.from(opts.body) : (opts.body ?? Buffer.alloc(0));
  const headers: Record<string, string | null> = {
    host: `127.0.0.1:${f.host.port}`,
    authorization: `Bearer ${TOKEN}`,
    'content-type': 'application/json',
    connection: 'close',
    'content-length': String(body.length),
    ...opts.headers,
  };
  const head = [`${opts.method ?? 'POST'} ${opts.path} HTTP/1.1`, ...Object.entries(headers).flatMap(([k, v]) => (v === null ? [] : [`${k}: ${v}`]))].join('\r\n');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(f.host.port, '127.0.0.1', () => socket.write(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body])));
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer in 5 s to ${opts.method ?? 'POST'} ${opts.path.slice(0, 80)}`)));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const top = all.subarray(0, split < 0 ? all.length : split).toString('latin1');
      const rest = split < 0 ? Buffer.alloc(0) : all.subarray(split + 4);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(top)?.[1] ?? 0), headers: top, body: (/transfer-encoding: chunked/i.test(top) ? dechunk(rest) : rest).toString('utf8') });
    });
  });
}

function dechunk(b: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = b.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(b.subarray(at, eol).toString('latin1'), 16);
    if (!size) break;
    out.push(b.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}

const errorOf = (r: Raw) => (JSON.parse(r.body) as { error: { code: string; message: string; issues?: { path: string[] }[] } }).error;

describe('bodies', () => {
  it('refuses a body that is not valid UTF-8 with 400, instead of silently replacing bytes', async () => {
    const body = Buffer.concat([Buffer.from('{"text":"caf'), Buffer.from([0xc3, 0x28]), Buffer.from('","platforms":["x"],"schedule":null}')]);
    const r = await raw({ path: '/rpc/posts:create', body });
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatchObject({ code: 'invalid_input', message: 'The request body is not valid UTF-8.' });
    for (const bytes of [[0xff], [0xed, 0xa0, 0x80] /* an encoded surrogate */, [0xf4, 0x90, 0x80, 0x80] /* past U+10FFFF */, [0xc0, 0xaf] /* overlong "/" */]) {
      expect((await raw({ path: '/rpc/posts:list', body: Buffer.concat([Buffer.from('{"scope":"all"'), Buffer.from(bytes), Buffer.from('}')]) })).status).toBe(400);
    }
    expect(await f.t.core.dispatch('posts:list', { scope: 'all' })).toMatchObject({ ok: true, value: [] });
  });

  it('accepts JSON with a charset or none, and refuses other content types with 415 saying what to send', async () => {
    expect((await raw({ path: '/rpc/app:info', body: '{}', headers: { 'content-type': 'application/json; charset=utf-8' } })).status).toBe(200);
    expect((await raw({ path: '/rpc/app:info', body: '{}', headers: { 'content-type': null } })).status).toBe(200);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'text/json', '']) {
      const r = await raw({ path: '/rpc/app:info', body: '{}', headers: { 'content-type': type } });
      expect(r.status, type).toBe(415);
      expect(errorOf(r)).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('application/json'), issues: [{ path: ['headers', 'content-type'] }] });
    }
  });

  it('never inflates a compressed body: a gzip bomb is refused with 415 before it is read', async () => {
    // 32 MB of zeros in ~32 KB: inflating it would blow the 10 MB limit from inside.
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024), { level: 1 });
    const before = process.memoryUsage().arrayBuffers;
    for (const encoding of ['gzip', 'deflate', 'br', 'GZIP', 'gzip, identity']) {
      const r = await raw({ path: '/rpc/posts:create', body: bomb, headers: { 'content-encoding': encoding } });
      expect(r.status, encoding).toBe(415);
      expect(errorOf(r).message).toContain('uncompressed');
    }
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
    expect((await raw({ path: '/rpc/app:info', body: '{}', headers: { 'content-encoding': 'identity' } })).status).toBe(200);
  });

  it('refuses a streamed body past 10 MB with 413 without holding it in memory', async () => {
    const total = 48 * 1024 * 1024;
    const before = process.memoryUsage();
    const status = await new Promise<number>((resolve, reject) => {
      const socket = connect(f.host.port, '127.0.0.1', () => {
        socket.write(`POST /rpc/posts:create HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${TOKEN}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`);
        const chunk = Buffer.alloc(1024 * 1024, 'a');
        const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
        let sent = 0;
        const pump = () => {
          while (sent < total) {
            sent += chunk.length;
            if (!socket.write(frame)) return void socket.once('drain', pump);
          }
          socket.end('0\r\n\r\n');
        };
        pump();
      });
      let head = '';
      socket.on('data', (c: Buffer) => {
        head += c.toString('latin1');
        const m = /^HTTP\/1\.1 (\d{3})/.exec(head);
        if (m) resolve(Number(m[1]));
      });
      socket.on('error', reject);
    });
    expect(status).toBe(413);
    const after = process.memoryUsage();
    // The server and this client share the process: a server that kept the body would add ≥ 38 MB.
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(24 * 1024 * 1024);
  });

  it('answers deep nesting, prototype keys and duplicate keys with typed 400s and leaves Object.prototype alone', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect((await raw({ path: '/rpc/posts:list', body: deep })).status).toBe(400);
    const deepObject = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    expect((await raw({ path: '/rpc/settings:update', body: deepObject })).status).toBe(400);
    const proto = await raw({ path: '/rpc/posts:list', body: '{"scope":"all","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}' });
    expect(proto.status).toBe(400);
    expect(errorOf(proto).issues?.length).toBeGreaterThan(0);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    // JSON's last duplicate wins, as for JSON.parse anywhere: the value is still checked.
    expect((await raw({ path: '/rpc/posts:list', body: '{"scope":"all","scope":"nope"}' })).status).toBe(400);
    expect((await raw({ path: '/rpc/posts:list', body: '\uFEFF{"scope":"all"}' })).status).toBe(200);
  });
});

describe('who may call', () => {
  it('refuses a missing, wrong or odd token with 401, whichever way it is sent', async () => {
    const cases: Record<string, string | null>[] = [
      { authorization: null },
      { authorization: 'Bearer ' },
      { authorization: 'Bearer wrong' },
      { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Bearer ${TOKEN.toUpperCase()}` },
      { authorization: `bearer ${TOKEN}x` },
      { authorization: `Basic ${Buffer.from(`user:${TOKEN}x`).toString('base64')}` },
      { authorization: `Bearer ${'é'.repeat(TOKEN.length)}` },
      { authorization: `Bearer ${'x'.repeat(8_000)}` },
    ];
    for (const headers of cases) {
      const r = await raw({ path: '/rpc/posts:list', body: '{}', headers });
      expect(r.status, JSON.stringify(headers).slice(0, 80)).toBe(401);
      expect(errorOf(r).code).toBe('unauthorized');
    }
    for (const query of ['token=', 'token=wrong', `token=${TOKEN}%00`, `token[]=${TOKEN}`]) {
      // Only the event stream takes ?token= (EventSource cannot set headers); /rpc refuses any `token` in the query.
      expect((await raw({ path: `/rpc/posts:list?${query}`, body: '{}', headers: { authorization: null } })).status, query).toBe(query.startsWith('token=') ? 400 : 401);
      expect((await raw({ path: `/events?${query}`, method: 'GET', headers: { authorization: null } })).status, query).toBe(401);
    }
    // Past Node's 16 KB of headers the request is refused before it reaches Loomcast at all.
    expect((await raw({ path: '/rpc/posts:list', body: '{}', headers: { authorization: `Bearer ${'x'.repeat(100_000)}` } })).status).toBe(431);
    expect((await raw({ path: `/rpc/posts:list?token=${TOKEN}`, body: '{}', headers: { authorization: null } })).status).toBe(400);
  });

  it('refuses a foreign Host (DNS rebinding) with 421 and a foreign Origin with 403, even with the right token', async () => {
    for (const host of ['evil.example', `evil.example:${f.host.port}`, '127.0.0.1.evil.example', 'localhost.', '0.0.0.0', '[::ffff:127.0.0.1]']) {
      expect((await raw({ path: '/rpc/app:info', body: '{}', headers: { host } })).status, host).toBe(421);
    }
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${f.host.port + 1}`, `http://evil.example:${f.host.port}`, 'file://', `http://localhost:${f.host.port}`]) {
      const r = await raw({ path: '/rpc/app:info', body: '{}', headers: { origin } });
      expect(r.status, origin).toBe(403);
      expect(errorOf(r).code).toBe('unauthorized');
      expect((await raw({ path: `/events?token=${TOKEN}`, method: 'GET', headers: { origin, authorization: null } })).status, origin).toBe(403);
    }
    expect((await raw({ path: '/rpc/app:info', body: '{}', headers: { origin: `http://127.0.0.1:${f.host.port}` } })).status).toBe(200);
    expect((await raw({ path: '/rpc/app:info', body: '{}', headers: { host: `localhost:${f.host.port}`, origin: `http://localhost:${f.host.port}` } })).status).toBe(200);
  });

  it('answers channel names that are not channels with a typed 404, prototype names included', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'posts:list:extra', 'posts%3Alist%00', 'POSTS:LIST', '%2e%2e%2fposts:list', 'x'.repeat(8_000), '']) {
      const r = await raw({ path: `/rpc/${name}`, body: '{}' });
      expect(r.status, name.slice(0, 40)).toBe(404);
      expect(errorOf(r).code).toBe('not_found');
    }
  });
});

describe('paths', () => {
  const outside = /root:|\[boot loader\]|"dependencies"/;

  it('never serves a file outside the renderer folder, through any route or encoding', async () => {
    const paths = [
      '/../../../../etc/passwd',
      '/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/..%5c..%5c..%5cetc%5cpasswd',
      '/%252e%252e/%252e%252e/etc/passwd',
      '//etc/passwd',
      '/etc/passwd%00.js',
      '/download/workspace/..%2f..%2f..%2fetc%2fpasswd',
      '/download/workspace/../../../../etc/passwd',
      '/download/workspace/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/../../package.json',
      '/ical/..%2f..%2fetc%2fpasswd.ics',
      '/ical/aaaaaaaaaaaaaaaa%2f..%2f..%2fpackage.json.ics',
    ];
    for (const path of paths) {
      const r = await raw({ path, method: 'GET' });
      expect(r.status, path).not.toBe(500);
      expect(r.body, path).not.toMatch(outside);
    }
    const gone = await raw({ path: `/download/workspace/${'a'.repeat(32)}`, method: 'GET' });
    expect(gone.status).toBe(404);
    expect(errorOf(gone).code).toBe('not_found');
  });

  it('answers random paths, methods, headers and bodies without a 500, a stall or a file from outside', async () => {
    const segment = fc.oneof(fc.constantFrom('..', '.', '%2e%2e', '%2f', '%5c', '%00', '%', '%zz', 'rpc', 'events', 'assets', 'download', 'workspace', 'ical', 'index.html', 'etc', 'passwd'), fc.string({ maxLength: 8 }).map(encodeURIComponent));
    const path = fc.array(segment, { maxLength: 8 }).map((s) => `/${s.join('/')}`);
    const header = fc.oneof(fc.constantFrom('application/json', 'text/plain', 'gzip', '', 'Bearer', `Bearer ${TOKEN}`), fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n\0]/g, '')));
    const body = fc.oneof(fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)), fc.json({ maxDepth: 3 }).map((s) => Buffer.from(s)));
    await fc.assert(
      fc.asyncProperty(path, fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'), header, header, body, async (p, method, type, auth, b) => {
        const r = await raw({ path: p, method, body: method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : b, headers: { 'content-type': type, authorization: auth } });
        expect(r.status, `${method} ${p}`).toBeGreaterThanOrEqual(200);
        expect(r.status, `${method} ${p}`).not.toBe(500);
        expect(r.body).not.toMatch(outside);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(f.hostErrors).toEqual([]);
    expect(integrityCheck(f.t.dataDir)).toBe('ok');
  });
});
