import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_STATUS, type RpcErrorBody } from '../../shared/contract';
import type { Core } from '../core';
import type { Logger } from '../core/deps';
import { CSP } from '../core/security';
import { serveStatic } from './static-files';

export interface HostOptions {
  core: Core;
  log: Logger;
  token: string;
  staticDir: string;
  host?: string;
  port?: number;
  /** Binding anything but loopback exposes the local API to the network: opt in explicitly. */
  allowRemote?: boolean;
}

export interface RunningHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 10 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

export class HostRefusedError extends Error {}

function sendError(res: ServerResponse, body: RpcErrorBody): void {
  res.writeHead(HTTP_STATUS[body.code], { ...SECURITY_HEADERS, 'content-type': 'application/json' }).end(JSON.stringify({ error: body }));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too_large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Browser mode: the same core and renderer, over HTTP on loopback. `POST /rpc/<channel>` is the
 * documented local API; `GET /events` streams pushes as server-sent events. Both need the
 * token, as a bearer header or (for EventSource, which cannot set headers) `?token=`.
 */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host) && !opts.allowRemote) {
    throw new HostRefusedError(`Refusing to listen on ${host}: that would expose your Loomcast to the network. Pass --allow-remote if you mean it.`);
  }
  const expected = Buffer.from(opts.token);
  const authorized = (req: IncomingMessage, url: URL): boolean => {
    const header = req.headers.authorization;
    const given = header?.startsWith('Bearer ') ? header.slice(7) : url.searchParams.get('token');
    if (!given) return false;
    const buf = Buffer.from(given);
    return buf.length === expected.length && timingSafeEqual(buf, expected);
  };
  let port = opts.port ?? 0;
  // A web page on another site can point a DNS name at 127.0.0.1; only our own names pass.
  const hostAllowed = (req: IncomingMessage): boolean => {
    if (opts.allowRemote) return true;
    const h = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    return LOOPBACK.has(h);
  };

  const streams = new Set<ServerResponse>();
  const unsubscribe = opts.core.subscribe((event, payload) => {
    const frame = `data: ${JSON.stringify({ event, payload })}\n\n`;
    for (const s of streams) s.write(frame);
  });

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
      if (!hostAllowed(req)) {
        res.writeHead(421, SECURITY_HEADERS).end('Misdirected request');
        return;
      }
      // The calendar subscription: its own token (io:feedEnable), not the host's, opening this one read-only file.
      const feed = /^\/ical\/([A-Za-z0-9_-]{16,128})\.ics$/.exec(url.pathname);
      if (feed && (req.method === 'GET' || req.method === 'HEAD')) {
        const result = await opts.core.dispatch('io:feed', { token: feed[1] });
        if (!result.ok) return sendError(res, result.error);
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : (result.value as { content: string }).content);
        return;
      }
      if (url.pathname.startsWith('/rpc/')) {
        if (!authorized(req, url)) return sendError(res, { code: 'unauthorized', message: 'Missing or wrong token. Open the URL that `npm run web` printed.' });
        if (req.method !== 'POST') {
          res.writeHead(405, { ...SECURITY_HEADERS, allow: 'POST' }).end();
          return;
        }
        let raw: string;
        try {
          raw = await readBody(req);
        } catch {
          res.writeHead(413, SECURITY_HEADERS).end();
          return;
        }
        let input: unknown;
        try {
          input = raw.trim() === '' ? undefined : JSON.parse(raw);
        } catch (err) {
          return sendError(res, { code: 'invalid_input', message: `The request body is not valid JSON: ${(err as Error).message}`, issues: [{ path: [], message: 'Not valid JSON' }] });
        }
        const result = await opts.core.dispatch(decodeURIComponent(url.pathname.slice(5)), input);
        if (!result.ok) return sendError(res, result.error);
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(result.value ?? null));
        return;
      }
      if (url.pathname === '/events') {
        if (!authorized(req, url)) return sendError(res, { code: 'unauthorized', message: 'Missing or wrong token.' });
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.add(res);
        const beat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
        req.on('close', () => {
          clearInterval(beat);
          streams.delete(res);
        });
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, SECURITY_HEADERS).end();
        return;
      }
      await serveStatic(opts.staticDir, url.pathname, res, SECURITY_HEADERS);
    } catch (err) {
      opts.log.error('host request failed', { url: req.url, error: err as Error });
      if (!res.headersSent) sendError(res, { code: 'internal', message: 'Loomcast could not answer that request.' });
      else res.end();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/?token=${opts.token}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
