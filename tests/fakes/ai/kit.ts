/**
 * What the two model-API fakes share: a loopback server, scripted answers taken in order, and
 * switchable faults (each applies to one later request), in the style of common/fake-server.ts
 * but able to stream server-sent events piece by piece, break a stream, or leave it hanging.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer. A structured request gets `raw`, else JSON of `json`, else `text`. */
export interface ScriptedAnswer {
  text?: string;
  json?: unknown;
  /** Sent verbatim as the structured answer: for answers that are not JSON or the wrong shape. */
  raw?: string;
  /** How the answer is cut into stream pieces; default: word by word. */
  chunks?: string[];
  /** Pretend the answer hit max_tokens. */
  cutOff?: boolean;
  /** The model name the answer claims (default: the one asked for). */
  model?: string;
  /** OpenAI reasoning models only: hidden tokens spent thinking, from `max_completion_tokens`, before the answer. */
  reasoningTokens?: number;
  /** The model declines: OpenAI streams this as `refusal` instead of content; Anthropic stops with `refusal`. */
  refusal?: string;
}

export type AiFault =
  /** 429 with Retry-After (and the provider's rate-limit headers). */
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  /** 500 (OpenAI server_error / Anthropic api_error), 503, or Anthropic's 529 overloaded; with a Retry-After when given. */
  | { kind: 'server_error'; status?: 500 | 503 | 529; retryAfterSeconds?: number }
  /** OpenAI only: the account has no credit left, a 429 `insufficient_quota` that waiting does not cure. */
  | { kind: 'quota' }
  /** Stream the answer's pieces over and over and never end, as a server ignoring max_tokens does. */
  | { kind: 'runaway' }
  /** Stream `afterChunks` good pieces, then a line of broken JSON, then carry on. */
  | { kind: 'malformed_stream'; afterChunks: number }
  /** Stream `afterChunks` pieces, then send nothing more and never end. */
  | { kind: 'stall'; afterChunks: number }
  /** OpenAI-compatible only: answer 400 to `response_format` as servers without json_schema do. */
  | { kind: 'reject_json_schema' };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> | null;
}

export type Route = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export abstract class ModelApiFake {
  private server: Server;
  private open = new Set<ServerResponse>();
  private answers: ScriptedAnswer[] = [];
  private faults: AiFault[] = [];
  readonly requests: RecordedRequest[] = [];
  url = '';
  /** The key the fake accepts. */
  apiKey = 'sk-test-key-0123456789';
  models: { id: string; label: string }[] = [];
  /** Used when the script is empty. */
  defaultAnswer: ScriptedAnswer = { text: 'Hello from the fake model.' };

  constructor(readonly name: string) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const r of this.open) r.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Queue answers for the next requests, in order. */
  script(...answers: ScriptedAnswer[]): this {
    this.answers.push(...answers);
    return this;
  }

  fault(...faults: AiFault[]): this {
    this.faults.push(...faults);
    return this;
  }

  reset(): void {
    this.answers = [];
    this.faults = [];
    this.requests.length = 0;
  }

  /** Responses still open: a stalled stream stays here until the client gives up. */
  get openResponses(): number {
    return this.open.size;
  }

  protected nextAnswer(): ScriptedAnswer {
    return this.answers.shift() ?? this.defaultAnswer;
  }

  protected takeFault(): AiFault | undefined {
    return this.faults.shift();
  }

  /** Pieces of the answer as the stream sends them. */
  protected pieces(answer: ScriptedAnswer, structured: boolean): string[] {
    if (answer.chunks) return answer.chunks;
    const whole = structured ? (answer.raw ?? (answer.json !== undefined ? JSON.stringify(answer.json) : (answer.text ?? ''))) : (answer.text ?? '');
    if (structured) return whole.match(/.{1,12}/gs) ?? [''];
    return whole.match(/\S+\s*|\s+/g) ?? [''];
  }

  protected json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  /**
   * Streams SSE frames, honouring a stall or malformed fault after `afterChunks` content frames.
   * `frames` is the whole answer; `isContent(i)` says which frames count as content pieces.
   */
  protected async sse(res: ServerResponse, frames: string[], contentIndexes: Set<number>, fault: AiFault | undefined, brokenFrame: string): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    this.open.add(res);
    res.on('close', () => this.open.delete(res));
    let sent = 0;
    if (fault?.kind === 'runaway') {
      // The opening frames once, then the content pieces round and round until the client hangs up.
      const first = Math.min(...contentIndexes);
      const content = frames.filter((_, i) => contentIndexes.has(i));
      for (const f of frames.slice(0, first)) res.write(f);
      for (let i = 0; !res.destroyed; i++) {
        res.write(content[i % content.length]);
        await new Promise((r) => setImmediate(r));
      }
      return;
    }
    for (let i = 0; i < frames.length; i++) {
      if (contentIndexes.has(i)) {
        if (fault?.kind === 'stall' && sent === fault.afterChunks) return; // never another byte
        if (fault?.kind === 'malformed_stream' && sent === fault.afterChunks) res.write(brokenFrame);
        sent++;
      }
      if (res.destroyed) return;
      res.write(frames[i]);
      // Let each frame reach the client as its own read, as a real model's tokens do.
      await new Promise((r) => setImmediate(r));
    }
    res.end();
  }

  protected abstract route(req: RecordedRequest, res: ServerResponse): Promise<void>;

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> | null = null;
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
    } catch {
      body = null;
    }
    const url = new URL(req.url ?? '/', this.url);
    const recorded = { method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body };
    this.requests.push(recorded);
    await this.route(recorded, res);
  }
}
