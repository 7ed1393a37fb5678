/**
 * `GET /events`: the core's pushes as server-sent events, to every caller with a token. Each
 * stream remembers whose token opened it, so a scoped token hears only what its scope may read,
 * and a token revoked in Settings loses its open stream at once, not at its next reconnect.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core';
import type { Caller } from './auth';

/**
 * How much of a stream may wait unsent in memory. A client that stops reading (a frozen
 * background tab, a stuck script) would otherwise make every push grow it for as long as
 * the connection lives; past this it is cut, and an EventSource reconnects when it wakes.
 */
export const MAX_STREAM_BACKLOG = 8 * 1024 * 1024;
const KEEP_ALIVE_MS = 25_000;

type Allowed = Extract<Caller, { ok: true }>;

interface Stream {
  res: ServerResponse;
  caller: Allowed;
}

export interface StreamAuth {
  /** Whether a caller may hear this event (a scoped token never hears what only admin channels answer). */
  mayHear(caller: Allowed, event: string): boolean;
  /** Whether the scoped token of this id still works; false once it is revoked (or cannot be checked). */
  stillValid(tokenId: string): boolean;
}

export function createEventStreams(core: Pick<Core, 'subscribe'>, auth: StreamAuth) {
  const streams = new Set<Stream>();

  const drop = (s: Stream) => {
    streams.delete(s);
    s.res.destroy();
  };
  /** Writes a frame, or cuts the stream when too much is already waiting for its client. */
  const send = (s: Stream, frame: string) => {
    s.res.write(frame);
    if (s.res.writableLength > MAX_STREAM_BACKLOG) drop(s);
  };

  const unsubscribe = core.subscribe((event, payload) => {
    const frame = `data: ${JSON.stringify({ event, payload })}\n\n`;
    const revokedIds = event === 'apiTokens:changed' ? (payload as { ids: string[] }).ids : [];
    for (const s of streams) {
      const tokenId = s.caller.ctx.tokenId;
      if (tokenId !== null && revokedIds.includes(tokenId) && !auth.stillValid(tokenId)) {
        drop(s);
        continue;
      }
      if (auth.mayHear(s.caller, event)) send(s, frame);
    }
  });

  return {
    open(req: IncomingMessage, res: ServerResponse, caller: Allowed, headers: Record<string, string>): void {
      res.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      const s: Stream = { res, caller };
      streams.add(s);
      const beat = setInterval(() => send(s, ': keep-alive\n\n'), KEEP_ALIVE_MS);
      req.on('close', () => {
        clearInterval(beat);
        streams.delete(s);
      });
    },
    close(): void {
      unsubscribe();
      for (const s of streams) s.res.end();
      streams.clear();
    },
  };
}
