/**
 * A local server speaking OpenAI's chat-completions wire format, as OpenAI, OpenRouter, Ollama,
 * LM Studio and llama.cpp serve it: `POST /v1/chat/completions` (JSON, or SSE `data: {chunk}`
 * lines ending `data: [DONE]`, with `stream_options.include_usage`), `response_format:
 * json_schema`, forced `tools` calls with streamed `arguments`, `GET /v1/models`, Bearer auth
 * with OpenAI's error bodies. Reasoning models (o-series, gpt-5 family) answer 400 to `max_tokens`
 * as OpenAI does, and spend scripted `reasoningTokens` from `max_completion_tokens` before answering.
 */
import type { ServerResponse } from 'node:http';
import { ModelApiFake, type RecordedRequest, type ScriptedAnswer } from './kit';

const created = 1_764_000_000;

/** OpenAI's reasoning models, which take only `max_completion_tokens`. */
export const isReasoningModel = (model: string) => /^(o\d|gpt-5)/i.test(model);

function errorBody(message: string, type: string, code: string | null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

export class OpenAiFake extends ModelApiFake {
  private n = 0;
  override models = [
    { id: 'gpt-4o-mini', label: 'gpt-4o-mini' },
    { id: 'llama3.1', label: 'llama3.1' },
    { id: 'o4-mini', label: 'o4-mini' },
    { id: 'gpt-5-mini', label: 'gpt-5-mini' },
  ];

  constructor() {
    super('openai');
  }

  protected async route(req: RecordedRequest, res: ServerResponse): Promise<void> {
    const auth = req.headers.authorization;
    if (!auth?.startsWith('Bearer ')) {
      return this.json(res, 401, errorBody("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username.", 'invalid_request_error', null));
    }
    const key = auth.slice(7);
    if (key !== this.apiKey) {
      const shown = key.length > 8 ? `${key.slice(0, 3)}*****${key.slice(-4)}` : '*****';
      return this.json(res, 401, errorBody(`Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', 'invalid_api_key'));
    }
    if (req.method === 'GET' && req.path === '/v1/models') {
      return this.json(res, 200, { object: 'list', data: this.models.map((m) => ({ id: m.id, object: 'model', created, owned_by: 'system' })) });
    }
    if (req.method === 'POST' && req.path === '/v1/chat/completions') return this.completions(req, res);
    return this.json(res, 404, errorBody(`Invalid URL (${req.method} ${req.path})`, 'invalid_request_error', null));
  }

  private async completions(req: RecordedRequest, res: ServerResponse): Promise<void> {
    const body = req.body ?? {};
    const model = typeof body.model === 'string' ? body.model : '';
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      return this.json(res, 400, errorBody("Missing required parameter: 'messages'.", 'invalid_request_error', 'missing_required_parameter', 'messages'));
    }
    if (!this.models.some((m) => m.id === model)) {
      return this.json(res, 404, errorBody(`The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found'));
    }
    const reasoning = isReasoningModel(model);
    if (reasoning && body.max_tokens !== undefined && body.max_tokens !== null) {
      return this.json(res, 400, errorBody("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'invalid_request_error', 'unsupported_parameter', 'max_tokens'));
    }
    const fault = this.takeFault();
    if (fault?.kind === 'rate_limit') {
      return this.json(res, 429, errorBody(`Rate limit reached for ${model} in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${fault.retryAfterSeconds}s.`, 'requests', 'rate_limit_exceeded'), {
        'retry-after': String(fault.retryAfterSeconds),
        'x-ratelimit-limit-requests': '3',
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': `${fault.retryAfterSeconds}s`,
      });
    }
    if (fault?.kind === 'quota') {
      // OpenAI's answer for an account out of credit: a 429 like a rate limit, without any wait to honour.
      return this.json(res, 429, errorBody('You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.', 'insufficient_quota', 'insufficient_quota'));
    }
    if (fault?.kind === 'server_error') {
      const status = fault.status ?? 500;
      const wait: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      return this.json(res, status, errorBody('The server had an error while processing your request. Sorry about that!', 'server_error', null), wait);
    }
    const format = body.response_format as { type?: string; json_schema?: { name?: string; schema?: unknown } } | undefined;
    if (fault?.kind === 'reject_json_schema' && format) {
      return this.json(res, 400, errorBody("Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", 'invalid_request_error', null, 'response_format'));
    }
    const tools = body.tools as { type: string; function: { name: string } }[] | undefined;
    const choice = body.tool_choice as { type?: string; function?: { name?: string } } | string | undefined;
    const forced = typeof choice === 'object' && choice?.function?.name ? tools?.find((t) => t.function.name === choice.function!.name) : undefined;
    const toolName = forced?.function.name ?? (tools?.length ? tools[0]!.function.name : undefined);
    const structured = format?.type === 'json_schema' || format?.type === 'json_object' || toolName !== undefined;
    const answer = this.nextAnswer();
    let pieces = this.pieces(answer, structured);
    // A reasoning model thinks first, from the same budget: what is left (a piece a token) is the answer.
    const thought = reasoning ? (answer.reasoningTokens ?? 0) : 0;
    const budget = typeof body.max_completion_tokens === 'number' ? body.max_completion_tokens : null;
    const spent = budget !== null && thought + pieces.length > budget;
    if (spent) pieces = pieces.slice(0, Math.max(0, budget - thought));
    const id = `chatcmpl-fake${++this.n}`;
    const callId = `call_fake${this.n}`;
    const asModel = answer.model ?? model;
    const whole = pieces.join('');
    const promptTokens = JSON.stringify(body.messages).length >> 2;
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: thought + pieces.length,
      total_tokens: promptTokens + thought + pieces.length,
      ...(reasoning ? { completion_tokens_details: { reasoning_tokens: thought, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 } } : {}),
    };
    // A forced named function ends with "stop" on OpenAI; a chosen one with "tool_calls".
    const finish = answer.cutOff || spent ? 'length' : toolName ? (forced ? 'stop' : 'tool_calls') : 'stop';

    const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    const chunk = (delta: unknown, finish_reason: string | null = null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: asModel, service_tier: 'default', system_fingerprint: 'fp_fake', choices: [{ index: 0, delta, logprobs: null, finish_reason }], ...(includeUsage ? { usage: null } : {}) })}\n\n`;
    if (answer.refusal !== undefined) {
      // A structured-output model that declines answers in `refusal`, with no content.
      if (body.stream !== true) {
        return this.json(res, 200, { id, object: 'chat.completion', created, model: asModel, choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: answer.refusal, annotations: [] }, logprobs: null, finish_reason: 'stop' }], usage, service_tier: 'default', system_fingerprint: 'fp_fake' });
      }
      const parts = answer.refusal.match(/\S+\s*|\s+/g) ?? [''];
      const frames = [chunk({ role: 'assistant', content: null, refusal: '' }), ...parts.map((p) => chunk({ refusal: p })), chunk({}, 'stop'), 'data: [DONE]\n\n'];
      return this.sse(res, frames, new Set(parts.map((_, i) => i + 1)), fault, '');
    }
    if (body.stream !== true) {
      const message = toolName
        ? { role: 'assistant', content: null, tool_calls: [{ id: callId, type: 'function', function: { name: toolName, arguments: whole } }], refusal: null, annotations: [] }
        : { role: 'assistant', content: whole, refusal: null, annotations: [] };
      return this.json(res, 200, { id, object: 'chat.completion', created, model: asModel, choices: [{ index: 0, message, logprobs: null, finish_reason: finish }], usage, service_tier: 'default', system_fingerprint: 'fp_fake' });
    }

    const frames: string[] = [];
    const content = new Set<number>();
    if (toolName) {
      frames.push(chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: callId, type: 'function', function: { name: toolName, arguments: '' } }], refusal: null }));
      for (const p of pieces) {
        content.add(frames.length);
        frames.push(chunk({ tool_calls: [{ index: 0, function: { arguments: p } }] }));
      }
    } else {
      frames.push(chunk({ role: 'assistant', content: '', refusal: null }));
      for (const p of pieces) {
        content.add(frames.length);
        frames.push(chunk({ content: p }));
      }
    }
    frames.push(chunk({}, finish));
    if (includeUsage) frames.push(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: asModel, service_tier: 'default', system_fingerprint: 'fp_fake', choices: [], usage })}\n\n`);
    frames.push('data: [DONE]\n\n');
    await this.sse(res, frames, content, fault, `data: {"id":"${id}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"bro\n\n`);
  }
}

export async function startOpenAiFake(answers: ScriptedAnswer[] = []): Promise<OpenAiFake> {
  const fake = await new OpenAiFake().start();
  fake.script(...answers);
  return fake;
}
