/**
 * A local server speaking Anthropic's Messages API: `POST /v1/messages` (a JSON message, or SSE
 * with `message_start`, `content_block_start`, `ping`, `content_block_delta` (`text_delta`,
 * `input_json_delta`), `content_block_stop`, `message_delta`, `message_stop`), forced tool use,
 * `GET /v1/models`, the `anthropic-version` header, the key as `x-api-key` or (API version
 * 2026-10-21, which SDK 1.x sends) `Authorization: Bearer`, and Anthropic's error bodies and
 * rate-limit headers.
 */
import type { ServerResponse } from 'node:http';
import { ModelApiFake, type RecordedRequest, type ScriptedAnswer } from './kit';

function errorBody(type: string, message: string) {
  return { type: 'error', error: { type, message }, request_id: `req_fake${Math.random().toString(36).slice(2, 10)}` };
}

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

export class AnthropicFake extends ModelApiFake {
  private n = 0;
  override models = [
    { id: 'claude-sonnet-4-5', label: 'Claude Sonnet 4.5' },
    { id: 'claude-haiku-4-5', label: 'Claude Haiku 4.5' },
  ];
  /** When a rate limit resets, for the anthropic-ratelimit-*-reset headers. */
  now: () => number = () => Date.now();

  constructor() {
    super('anthropic');
  }

  protected async route(req: RecordedRequest, res: ServerResponse): Promise<void> {
    const auth = req.headers.authorization;
    const key = (req.headers['x-api-key'] as string | undefined) ?? (auth?.startsWith('Bearer ') ? auth.slice(7) : undefined);
    if (!key) return this.json(res, 401, errorBody('authentication_error', 'x-api-key header is required'));
    if (key !== this.apiKey) return this.json(res, 401, errorBody('authentication_error', 'invalid x-api-key'));
    if (!req.headers['anthropic-version']) return this.json(res, 400, errorBody('invalid_request_error', 'anthropic-version: header is required'));
    if (req.method === 'GET' && req.path === '/v1/models') {
      const data = this.models.map((m) => ({ type: 'model', id: m.id, display_name: m.label, created_at: '2025-09-29T00:00:00Z' }));
      return this.json(res, 200, { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
    }
    if (req.method === 'POST' && req.path === '/v1/messages') return this.messages(req, res);
    return this.json(res, 404, errorBody('not_found_error', 'Not found'));
  }

  private async messages(req: RecordedRequest, res: ServerResponse): Promise<void> {
    const body = req.body ?? {};
    const model = typeof body.model === 'string' ? body.model : '';
    if (typeof body.max_tokens !== 'number') return this.json(res, 400, errorBody('invalid_request_error', 'max_tokens: Field required'));
    if (!Array.isArray(body.messages) || body.messages.length === 0) return this.json(res, 400, errorBody('invalid_request_error', 'messages: Field required'));
    if (!this.models.some((m) => m.id === model)) return this.json(res, 404, errorBody('not_found_error', `model: ${model}`));
    const fault = this.takeFault();
    if (fault?.kind === 'rate_limit') {
      const reset = new Date(this.now() + fault.retryAfterSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return this.json(res, 429, errorBody('rate_limit_error', 'This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.'), {
        'retry-after': String(fault.retryAfterSeconds),
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '0',
        'anthropic-ratelimit-requests-reset': reset,
      });
    }
    if (fault?.kind === 'server_error') {
      const status = fault.status ?? 529;
      const wait: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      return status === 529
        ? this.json(res, 529, errorBody('overloaded_error', 'Overloaded'), wait)
        : this.json(res, status, errorBody('api_error', 'Internal server error'), wait);
    }
    const tools = body.tools as { name: string }[] | undefined;
    const choice = body.tool_choice as { type?: string; name?: string } | undefined;
    const tool = choice?.type === 'tool' ? tools?.find((t) => t.name === choice.name) : choice?.type === 'any' ? tools?.[0] : undefined;
    const answer = this.nextAnswer();
    // A declined answer stops with stop_reason "refusal" before writing anything.
    const pieces = answer.refusal !== undefined ? [] : this.pieces(answer, tool !== undefined);
    const id = `msg_fake${++this.n}`;
    const toolId = `toolu_fake${this.n}`;
    const asModel = answer.model ?? model;
    const whole = pieces.join('');
    const inputTokens = JSON.stringify(body.messages).length >> 2;
    const stop = answer.refusal !== undefined ? 'refusal' : answer.cutOff ? 'max_tokens' : tool ? 'tool_use' : 'end_turn';

    if (body.stream !== true) {
      let input: unknown = {};
      try {
        input = JSON.parse(whole || '{}');
      } catch {
        // The real API never returns unparseable tool input outside a stream; keep it as text.
        input = whole;
      }
      const content = answer.refusal !== undefined ? [] : tool ? [{ type: 'tool_use', id: toolId, name: tool.name, input }] : [{ type: 'text', text: whole }];
      return this.json(res, 200, { id, type: 'message', role: 'assistant', model: asModel, content, stop_reason: stop, stop_sequence: null, usage: { input_tokens: inputTokens, output_tokens: pieces.length } });
    }

    const frames: string[] = [];
    const content = new Set<number>();
    frames.push(event('message_start', { type: 'message_start', message: { id, type: 'message', role: 'assistant', model: asModel, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: inputTokens, output_tokens: 1 } } }));
    if (answer.refusal === undefined) {
      frames.push(event('content_block_start', { type: 'content_block_start', index: 0, content_block: tool ? { type: 'tool_use', id: toolId, name: tool.name, input: {} } : { type: 'text', text: '' } }));
      frames.push(event('ping', { type: 'ping' }));
      for (const p of pieces) {
        content.add(frames.length);
        frames.push(event('content_block_delta', { type: 'content_block_delta', index: 0, delta: tool ? { type: 'input_json_delta', partial_json: p } : { type: 'text_delta', text: p } }));
      }
      frames.push(event('content_block_stop', { type: 'content_block_stop', index: 0 }));
    }
    frames.push(event('message_delta', { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: pieces.length } }));
    frames.push(event('message_stop', { type: 'message_stop' }));
    await this.sse(res, frames, content, fault, 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"bro\n\n');
  }
}

export async function startAnthropicFake(answers: ScriptedAnswer[] = []): Promise<AnthropicFake> {
  const fake = await new AnthropicFake().start();
  fake.script(...answers);
  return fake;
}
