import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../deps';

export interface Pkce {
  verifier: string;
  challenge: string;
}

/** RFC 7636 S256; TikTok's desktop flow wants the SHA-256 as hex instead of base64url. */
export function createPkce(encoding: 'base64url' | 'hex'): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest(encoding);
  return { verifier, challenge };
}

export interface LoopbackResult {
  code: string;
}

const page = (title: string, body: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font:16px system-ui;margin:15vh auto;max-width:32em;color:#222">` +
  `<h1 style="font-size:1.4em">${title}</h1><p>${body}</p></body>`;

/**
 * The redirect target of an OAuth flow: a one-shot HTTP server on 127.0.0.1 that waits for the
 * platform to send the browser back with `?code=…&state=…`, checks the state, and closes.
 */
export async function startLoopback(opts: { port?: number; path?: string; state: string; timeoutMs: number; clock: Pick<Clock, 'setTimer'> }): Promise<{
  redirectUri: string;
  result: Promise<LoopbackResult>;
  /** Finishes the browser page once the code has been exchanged (or failed). */
  finish(ok: boolean, message: string): void;
  close(): void;
}> {
  const path = opts.path ?? '/callback';
  let settle!: { resolve: (r: LoopbackResult) => void; reject: (e: Error) => void };
  const result = new Promise<LoopbackResult>((resolve, reject) => (settle = { resolve, reject }));
  result.catch(() => {});
  let pending: ((ok: boolean, message: string, then: () => void) => void) | null = null;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== path) {
      res.writeHead(404).end();
      return;
    }
    if (url.searchParams.get('state') !== opts.state) {
      res.writeHead(400, { 'content-type': 'text/html' }).end(page('That link is not from Loomcast', 'Start connecting again from Loomcast.'));
      return;
    }
    const error = url.searchParams.get('error');
    if (error) {
      const said = url.searchParams.get('error_description') ?? error;
      res.writeHead(200, { 'content-type': 'text/html' }).end(page('Not connected', `The platform said: ${said.replace(/[<>&]/g, '')}. You can close this tab.`));
      settle.reject(new Error(error === 'access_denied' ? 'You declined the permission request.' : `The platform refused: ${said}`));
      return;
    }
    const code = url.searchParams.get('code');
    if (!code) {
      res.writeHead(400, { 'content-type': 'text/html' }).end(page('Not connected', 'The platform sent no authorization code.'));
      settle.reject(new Error('The platform sent no authorization code.'));
      return;
    }
    // Answer the browser once Loomcast has exchanged the code, so the page tells the truth.
    pending = (ok, message, then) => {
      // 'close' comes once the page is sent, or when the browser went away first.
      res.once('close', then);
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(ok ? 'Connected to Loomcast' : 'Not connected', `${message} You can close this tab.`));
    };
    settle.resolve({ code });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const cancelTimer = opts.clock.setTimer(opts.timeoutMs, () => settle.reject(new Error('Nobody finished signing in within 10 minutes.')));
  const close = () => {
    cancelTimer();
    server.closeAllConnections();
    server.close();
  };
  return {
    redirectUri: `http://127.0.0.1:${port}${path}`,
    result,
    finish(ok, message) {
      // Close once the page has gone out (not after a guessed delay), so the browser gets it whole.
      if (pending) pending(ok, message, close);
      else close();
      pending = null;
    },
    close() {
      settle.reject(new Error('Cancelled.'));
      close();
    },
  };
}
