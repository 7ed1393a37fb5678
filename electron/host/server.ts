import { timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { basename } from 'node:path';
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
/** How long a refused oversized upload may keep sending before its connection is cut. */
const DRAIN_MS = 5_000;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

export class HostRefusedError extends Error {}

function sendError(res: ServerResponse, body: RpcErrorBody, status = HTTP_STATUS[body.code]): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json' }).end(JSON.stringify({ error: body }));
}

class BodyTooLarge extends Error {}

/** Reads the body up to MAX_BODY; past it, stops reading and rejects with BodyTooLarge. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        req.off('data', onData);
        req.off('end', onEnd);
        req.pause();
        reject(new BodyTooLarge());
      } else chunks.push(c);
    };
    const onEnd = () => resolve(Buffer.concat(chunks).toString('utf8'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

/**
 * Answers 413 to a body over the limit so that the client actually receives it: the answer goes
 * out at once, then whatever the client is still sending is read and dropped until it stops (for
 * at most DRAIN_MS), and only then is the connection closed. Closing while bytes are unread would
 * make the kernel reset the connection, and the client would see a reset instead of the answer.
 * (`connection: close` would have Node close the socket right after the answer, so it is not used.)
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  const message = `The request body is over the ${MAX_BODY / (1024 * 1024)} MB limit.`;
  sendError(res, { code: 'invalid_input', message, issues: [{ path: [], message: 'Body too large' }] }, 413);
  const socket = req.socket;
  const timer = setTimeout(() => socket.destroy(), DRAIN_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  req.on('data', () => {});
  req.once('end', () => {
    clearTimeout(timer);
    socket.end();
  });
  req.resume();
}

/** Decodes a URL path, or null when its percent-encoding is malformed (e.g. "%E0%A4%A"). */
function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

const invalid = (message: string, issue: { path: string[]; message: string }): RpcErrorBody => ({ code: 'invalid_input', message, issues: [issue] });

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
      // Node refuses a request without Host; an empty one gets here, and names nothing of ours.
      if (!req.headers.host) return sendError(res, invalid('The request has an empty Host header.', { path: ['headers', 'host'], message: 'Empty' }));
      if (!hostAllowed(req)) {
        res.writeHead(421, SECURITY_HEADERS).end('Misdirected request');
        return;
      }
      // The path is parsed against a fixed base: the Host header has been checked, not trusted.
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://localhost');
      } catch {
        return sendError(res, invalid('The request URL is malformed.', { path: ['url'], message: 'Malformed URL' }));
      }
      const path = decodePath(url.pathname);
      if (path === null) return sendError(res, invalid('The request path has malformed percent-encoding.', { path: ['url'], message: 'Malformed percent-encoding' }));
      // The calendar subscription: its own token (io:feedEnable), not the host's, opening this one read-only file.
      const feed = /^\/ical\/([A-Za-z0-9_-]{16,128})\.ics$/.exec(url.pathname);
      if (feed && (req.method === 'GET' || req.method === 'HEAD')) {
        const result = await opts.core.dispatch('io:feed', { token: feed[1] });
        if (!result.ok) return sendError(res, result.error);
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : (result.value as { content: string }).content);
        return;
      }
      // A workspace archive just exported (workspace:export): its one-time id is the permission.
      const download = /^\/download\/workspace\/([A-Za-z0-9_-]{32})$/.exec(url.pathname);
      if (download && req.method === 'GET') {
        const file = opts.core.services.workspace.takeDownload(download[1]!);
        if (!file) return sendError(res, { code: 'not_found', message: 'This download link was used already or has expired. Export the workspace again.' });
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'content-type': 'application/gzip',
          'content-length': String(statSync(file).size),
          'content-disposition': `attachment; filename="${basename(file)}"`,
          'cache-control': 'no-store',
        });
        createReadStream(file)
          .on('error', () => res.destroy())
          .pipe(res);
        return;
      }
      if (url.pathname.startsWith('/rpc/')) {
        if (!authorized(req, url)) return sendError(res, { code: 'unauthorized', message: 'Missing or wrong token. Open the URL that `npm run web` printed.' });
        if (req.method !== 'POST') {
          res.writeHead(405, { ...SECURITY_HEADERS, allow: 'POST' }).end();
          return;
        }
        if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return refuseTooLarge(req, res);
        let raw: string;
        try {
          raw = await readBody(req);
        } catch (err) {
          if (err instanceof BodyTooLarge) return refuseTooLarge(req, res);
          throw err;
        }
        let input: unknown;
        try {
          input = raw.trim() === '' ? undefined : JSON.parse(raw);
        } catch (err) {
          return sendError(res, { code: 'invalid_input', message: `The request body is not valid JSON: ${(err as Error).message}`, issues: [{ path: [], message: 'Not valid JSON' }] });
        }
        const result = await opts.core.dispatch(path.slice(5), input);
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
      await serveStatic(opts.staticDir, url.pathname, res, SECURITY_HEADERS, req.headers['accept-encoding']);
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
