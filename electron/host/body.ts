/**
 * The body of a `POST /rpc/<channel>`: JSON, in UTF-8, uncompressed, at most MAX_BODY bytes.
 * Anything else is refused before a byte of it is parsed, with an answer that says what to send.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RpcErrorBody } from '../../shared/contract';

export const MAX_BODY = 10 * 1024 * 1024;
/** How long a refused upload may keep sending before its connection is cut. */
const DRAIN_MS = 5_000;

export class BodyTooLarge extends Error {}

/** Reads the body up to MAX_BODY; past it, stops reading and rejects with BodyTooLarge. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
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
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text, or null when it is not valid UTF-8 (replacing bytes would silently change what the creator wrote). */
export function decodeUtf8(raw: Buffer): string | null {
  try {
    return utf8.decode(raw);
  } catch {
    return null;
  }
}

/**
 * Why the request's headers rule its body out (status and error), or null when they do not:
 * a content-type other than JSON (a cross-site form or `no-cors` fetch can send only form, multipart
 * or plain text types), or any content-encoding (never inflated, so a compression bomb costs nothing).
 */
export function refusedBodyHeaders(req: IncomingMessage): { status: number; body: RpcErrorBody } | null {
  const encoding = (req.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') {
    return {
      status: 415,
      body: { code: 'invalid_input', message: `Send the body uncompressed: a content-encoding (${encoding.slice(0, 40)}) is not accepted.`, issues: [{ path: ['headers', 'content-encoding'], message: 'Not accepted' }] },
    };
  }
  const type = req.headers['content-type'];
  // No content-type is fine (`curl --data-binary` without -H, an empty body); a wrong one is not.
  if (type !== undefined && !/^application\/json\s*(;|$)/i.test(type.trim())) {
    return {
      status: 415,
      body: { code: 'invalid_input', message: `Send the body as JSON with content-type: application/json (this request said ${type.slice(0, 60)}).`, issues: [{ path: ['headers', 'content-type'], message: 'Not JSON' }] },
    };
  }
  return null;
}

/**
 * Answers a request whose body will not be read so that the client actually receives the answer:
 * it goes out at once, then whatever the client is still sending is read and dropped until it
 * stops (for at most DRAIN_MS), and only then is the connection closed. Closing while bytes are
 * unread would make the kernel reset the connection, and the client would see a reset instead.
 * (`connection: close` would have Node close the socket right after the answer, so it is not used.)
 */
export function refuseUnread(req: IncomingMessage, res: ServerResponse, send: () => void): void {
  send();
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
