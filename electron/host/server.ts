import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { basename } from 'node:path';
import type { AddressInfo } from 'node:net';
import { HTTP_STATUS, type RpcErrorBody } from '../../shared/contract';
import type { Core } from '../core';
import type { Logger } from '../core/deps';
import { CSP } from '../core/security';
import { createHostAuth, type Caller } from './auth';
import type { AuthLimitOptions } from './auth-limiter';
import { buildOpenApi } from './openapi';
import { BodyTooLarge, decodeUtf8, MAX_BODY, readBody, refusedBodyHeaders, refuseUnread } from './body';
import { createEventStreams } from './event-stream';
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
  /** How many different wrong tokens one client address may send, and the clock (auth-limiter.ts). */
  authLimit?: AuthLimitOptions;
}

export interface RunningHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

export class HostRefusedError extends Error {}

function sendError(res: ServerResponse, body: RpcErrorBody, status = HTTP_STATUS[body.code], headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'content-type': 'application/json' }).end(JSON.stringify({ error: body }));
}

/** A refused token: its status, and Retry-After when too many wrong ones came from the address. */
function refuseCaller(res: ServerResponse, caller: Extract<Caller, { ok: false }>): void {
  sendError(res, caller.error, caller.status, caller.retryAfter === undefined ? {} : { 'retry-after': String(caller.retryAfter) });
}

/** Answers 413 to a body over the limit (see refuseUnread: the client gets the answer, not a reset). */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  const message = `The request body is over the ${MAX_BODY / (1024 * 1024)} MB limit.`;
  refuseUnread(req, res, () => sendError(res, { code: 'invalid_input', message, issues: [{ path: [], message: 'Body too large' }] }, 413));
}

/** Decodes a URL path, or null when its percent-encoding is malformed (e.g. "%E0%A4%A"). */
function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/**
 * A request's path as the log may keep it: without the query, and without the secret the calendar
 * link and a download carry in their paths (`pathname`: the parsed one, as the routes see it).
 */
function loggedPath(pathname: string): string {
  return pathname
    .split('?')[0]!
    .replace(/\/ical\/[^/]*/g, '/ical/…')
    .replace(/\/download\/workspace\/[^/]*/g, '/download/workspace/…')
    .slice(0, 200);
}

const invalid = (message: string, issue: { path: string[]; message: string }): RpcErrorBody => ({ code: 'invalid_input', message, issues: [issue] });

/**
 * Browser mode: the same core and renderer, over HTTP on loopback. `POST /rpc/<channel>` is the
 * documented local API; `GET /events` streams pushes as server-sent events. Both need the
 * token as a bearer header; only `/events` also takes `?token=` (EventSource cannot set
 * headers), since addresses end up in logs, history and proxies. The page itself (`/?token=…`,
 * the printed address) needs none: the renderer takes the token from its address and drops it.
 */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host) && !opts.allowRemote) {
    throw new HostRefusedError(`Refusing to listen on ${host}: that would expose your Loomcast to the network. Pass --allow-remote if you mean it.`);
  }
  // The app's token, or a scoped one from Settings (auth.ts); any scope may read the event stream, less admin pushes.
  const auth = createHostAuth(opts.token, () => opts.core.services.apiTokens, opts.authLimit);
  let port = opts.port ?? 0;
  // A web page on another site can point a DNS name at 127.0.0.1; only our own names pass.
  const hostAllowed = (req: IncomingMessage): boolean => {
    if (opts.allowRemote) return true;
    const h = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    return LOOPBACK.has(h);
  };

  // A page on another site can make a browser send requests here; the browser names that page in
  // Origin, and only our own origin passes (scripts and same-origin GETs send none).
  const originAllowed = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    return origin === undefined || origin === `http://${req.headers.host}` || origin === `https://${req.headers.host}`;
  };
  const foreignOrigin = (res: ServerResponse) =>
    sendError(res, { code: 'unauthorized', message: 'Requests from other websites are refused: only Loomcast’s own page may call it.' }, 403);

  let openapi: string | undefined;
  const streams = createEventStreams(opts.core, auth);

  const server = createServer(async (req, res) => {
    let pathname: string | null = null;
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
      pathname = url.pathname;
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
        if (!originAllowed(req)) return foreignOrigin(res);
        const caller = auth.check(req, url);
        if (!caller.ok) return refuseCaller(res, caller);
        // A token's scope is checked before its body is read: a refused call costs no parsing.
        const forbidden = auth.refusal(caller, path.slice(5));
        if (forbidden) return refuseUnread(req, res, () => sendError(res, forbidden));
        if (req.method !== 'POST') {
          res.writeHead(405, { ...SECURITY_HEADERS, allow: 'POST' }).end();
          return;
        }
        if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return refuseTooLarge(req, res);
        const refused = refusedBodyHeaders(req);
        if (refused) return refuseUnread(req, res, () => sendError(res, refused.body, refused.status));
        let bytes: Buffer;
        try {
          bytes = await readBody(req);
        } catch (err) {
          if (err instanceof BodyTooLarge) return refuseTooLarge(req, res);
          throw err;
        }
        const raw = decodeUtf8(bytes);
        if (raw === null) return sendError(res, invalid('The request body is not valid UTF-8.', { path: [], message: 'Not valid UTF-8' }));
        let input: unknown;
        try {
          input = raw.trim() === '' ? undefined : JSON.parse(raw);
        } catch (err) {
          return sendError(res, { code: 'invalid_input', message: `The request body is not valid JSON: ${(err as Error).message}`, issues: [{ path: [], message: 'Not valid JSON' }] });
        }
        const result = await opts.core.dispatch(path.slice(5), input, caller.ctx);
        if (!result.ok) return sendError(res, result.error);
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(result.value ?? null));
        return;
      }
      // The API's own description (built once, from the contract); any valid token may read it.
      if (url.pathname === '/openapi.json' && (req.method === 'GET' || req.method === 'HEAD')) {
        if (!originAllowed(req)) return foreignOrigin(res);
        const caller = auth.check(req, url);
        if (!caller.ok) return refuseCaller(res, caller);
        openapi ??= JSON.stringify(buildOpenApi());
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/json', 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : openapi);
        return;
      }
      if (url.pathname === '/events') {
        if (!originAllowed(req)) return foreignOrigin(res);
        // EventSource cannot set headers: the one route that takes ?token=.
        const caller = auth.check(req, url, { queryToken: true });
        if (!caller.ok) return refuseCaller(res, caller);
        streams.open(req, res, caller, SECURITY_HEADERS);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, SECURITY_HEADERS).end();
        return;
      }
      await serveStatic(opts.staticDir, url.pathname, res, SECURITY_HEADERS, req.headers['accept-encoding']);
    } catch (err) {
      // Never a secret: the query (`?token=` carries the host's token for EventSource), the calendar
      // link's token or a download id in the path. Logs are not for secrets.
      opts.log.error('host request failed', { path: loggedPath(pathname ?? req.url ?? ''), error: err as Error });
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
        streams.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
