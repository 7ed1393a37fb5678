import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../deps';

export interface Pkce {
  verifier: string;
  challenge: string;
}

/** RFC 7636: 43 to 128 characters of A–Z, a–z, 0–9 and - . _ ~ */
export const PKCE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * RFC 7636 S256: a fresh 256-bit verifier per flow (43 base64url characters) and the SHA-256 of
 * it as the challenge; TikTok's desktop flow wants that SHA-256 as hex instead of base64url.
 */
export function createPkce(encoding: 'base64url' | 'hex'): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest(encoding);
  return { verifier, challenge };
}

/** A fresh 256-bit state for one flow. */
export function createState(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Compares a state that came back with the one sent, in time that does not depend on where
 * they differ (both are hashed to the same length first), so a page probing the loopback
 * learns nothing from how fast it is refused.
 */
export function sameState(received: string | null, expected: string): boolean {
  if (received === null) return false;
  const digest = (v: string) => createHash('sha256').update(v, 'utf8').digest();
  return timingSafeEqual(digest(received), digest(expected));
}

/** Why the loopback refused a request or ended without a code. */
export type LoopbackErrorCode =
  | 'state_missing'
  | 'state_mismatch'
  | 'replayed'
  | 'expired'
  | 'code_missing'
  | 'access_denied'
  | 'platform_error'
  | 'timed_out'
  | 'cancelled';

export class LoopbackError extends Error {
  constructor(
    readonly code: LoopbackErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LoopbackError';
  }
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
 *
 * The state is single use and expires with the flow: the first request that carries it (with a
 * code or with the platform's error) settles the flow, and anything after that, or after the
 * timeout, is refused. A request with a missing or wrong state is refused too (onRefused hears
 * of it) but does not end the flow: a stray or forged request from another page must not stop
 * the creator's real sign-in, and only the request with the right state can carry a code on.
 */
export async function startLoopback(opts: {
  port?: number;
  path?: string;
  state: string;
  timeoutMs: number;
  clock: Pick<Clock, 'setTimer'>;
  onRefused?: (error: LoopbackError) => void;
}): Promise<{
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
  /** Open until the state is used or expires; then every request is refused. */
  let phase: 'waiting' | 'used' | 'expired' = 'waiting';

  const refuse = (res: ServerResponse, status: number, error: LoopbackError, title: string, body: string) => {
    opts.onRefused?.(error);
    res.writeHead(status, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(page(title, body));
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== path) {
      res.writeHead(404).end();
      return;
    }
    if (phase === 'expired') {
      refuse(res, 410, new LoopbackError('expired', 'The sign-in link came back after the sign-in had ended.'), 'That sign-in has ended', 'Start connecting again from Loomcast.');
      return;
    }
    const state = url.searchParams.get('state');
    if (state === null || state === '') {
      refuse(res, 400, new LoopbackError('state_missing', 'The sign-in link came back without its state.'), 'That link is not from Loomcast', 'Start connecting again from Loomcast.');
      return;
    }
    if (!sameState(state, opts.state)) {
      refuse(res, 400, new LoopbackError('state_mismatch', 'The sign-in link came back with a state Loomcast did not send.'), 'That link is not from Loomcast', 'Start connecting again from Loomcast.');
      return;
    }
    if (phase === 'used') {
      refuse(res, 409, new LoopbackError('replayed', 'The sign-in link came back a second time.'), 'That link was already used', 'Loomcast took the first one. Look in Loomcast to see whether the account is connected.');
      return;
    }
    phase = 'used';
    const error = url.searchParams.get('error');
    if (error) {
      const said = url.searchParams.get('error_description') ?? error;
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(page('Not connected', `The platform said: ${said.replace(/[<>&]/g, '')}. You can close this tab.`));
      settle.reject(error === 'access_denied' ? new LoopbackError('access_denied', 'You declined the permission request.') : new LoopbackError('platform_error', `The platform refused: ${said}`));
      return;
    }
    const code = url.searchParams.get('code');
    if (!code) {
      res.writeHead(400, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(page('Not connected', 'The platform sent no authorization code.'));
      settle.reject(new LoopbackError('code_missing', 'The platform sent no authorization code.'));
      return;
    }
    // Answer the browser once Loomcast has exchanged the code, so the page tells the truth.
    pending = (ok, message, then) => {
      // 'close' comes once the page is sent, or when the browser went away first.
      res.once('close', then);
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(page(ok ? 'Connected to Loomcast' : 'Not connected', `${message} You can close this tab.`));
    };
    settle.resolve({ code });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const cancelTimer = opts.clock.setTimer(opts.timeoutMs, () => {
    if (phase === 'waiting') phase = 'expired';
    settle.reject(new LoopbackError('timed_out', 'Nobody finished signing in within 10 minutes.'));
  });
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    if (phase === 'waiting') phase = 'expired';
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
      settle.reject(new LoopbackError('cancelled', 'Cancelled.'));
      close();
    },
  };
}
