/**
 * Any server speaking OpenAI's chat-completions API through the official SDK: OpenAI itself,
 * OpenRouter, and the local ones (Ollama, LM Studio, llama.cpp server) by their base URL.
 * Structured answers ask with `response_format: json_schema`; a server that refuses that (or a
 * config saying `structured: 'tool'`) is asked for a forced function call instead.
 */
import type OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsBase, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { AiError, knowConnectionError, refusedError } from './errors';
import { answerCap, guarded, keyFor, promptSize, testConnection } from './shared';
import { jsonSchemaOf, parseStructured } from './structured';
import { DEFAULT_BASE_URL, providerName } from './where';
import type { FinishReason, GenerateRequest, GenerateResult, ModelInfo, ProviderConfig, ProviderDeps, TextProvider, Usage } from './types';

type Mode = 'text' | 'json_schema' | 'tool';
/** How the answer's length is capped: OpenAI's reasoning models take only the newer name. */
type TokenParam = 'max_tokens' | 'max_completion_tokens';

/** OpenAI's reasoning models (o1, o3, o4-mini, the gpt-5 family), also as OpenRouter names them ("openai/o3"). */
const REASONING_MODEL = /(^|\/)(o\d|gpt-5)/i;
/**
 * A reasoning model thinks first, in hidden tokens counted against `max_completion_tokens`: this
 * much room on top of the answer's, so the thinking can't use up the budget and leave no answer.
 * A cap, not a charge; what streams is still held to the answer's own size (answerCap).
 */
const REASONING_ROOM = 25_000;

/** A 400 that names the token cap parameter we sent: this server or model takes only the other one. */
function refusesTokenParam(e: unknown, sent: TokenParam): boolean {
  return e instanceof AiError && e.code === 'rejected' && e.status === 400 && new RegExp(`\\b${sent}\\b`).test(e.details.providerMessage ?? e.message);
}

/** api.openai.com takes `max_completion_tokens` for every chat model; other servers may know only `max_tokens`. */
function firstTokenParam(baseURL: string): TokenParam {
  try {
    return new URL(baseURL).hostname.toLowerCase() === 'api.openai.com' ? 'max_completion_tokens' : 'max_tokens';
  } catch {
    return 'max_tokens';
  }
}

function finishOf(reason: string | null | undefined): FinishReason {
  if (reason === 'stop') return 'stop';
  if (reason === 'length') return 'length';
  if (reason === 'tool_calls' || reason === 'function_call') return 'tool';
  return 'other';
}

/** A 400 that names the structured-output parameter: the server can't do json_schema. */
function refusesJsonSchema(e: unknown): boolean {
  return e instanceof AiError && e.code === 'rejected' && e.status === 400 && /response_format|json_schema/i.test(e.details.providerMessage ?? e.message);
}

export function createOpenAiProvider(config: ProviderConfig, deps: ProviderDeps): TextProvider {
  const name = providerName(config);
  const baseURL = config.baseURL?.trim() || DEFAULT_BASE_URL.openai;
  // Switched for good once the server says it takes only the other one.
  let tokenParam = firstTokenParam(baseURL);

  async function client(): Promise<OpenAI> {
    // Loaded on first use: a start that never asks a model does not pay for the SDK.
    const { default: OpenAI, APIConnectionError } = await import('openai');
    knowConnectionError(APIConnectionError);
    return new OpenAI({
      apiKey: await keyFor(config, deps),
      baseURL,
      // Explicit, so OPENAI_ORG_ID / OPENAI_PROJECT_ID in the environment never leak into requests.
      organization: null,
      project: null,
      fetch: deps.http,
      // Retries are the generation queue's, which honours Retry-After across restarts.
      maxRetries: 0,
      // The SDK would print a broken chunk (the creator's text) to the console.
      logLevel: 'off',
    });
  }

  async function ask<T>(req: GenerateRequest<T>, mode: Mode): Promise<GenerateResult<T>> {
    const sent = tokenParam;
    try {
      return await askWith(req, mode, sent);
    } catch (e) {
      // Not a retry of a failure: the server takes the other name for the cap, so ask with it once.
      if (!refusesTokenParam(e, sent) || req.signal?.aborted) throw e;
      tokenParam = sent === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
      return askWith(req, mode, tokenParam);
    }
  }

  async function askWith<T>(req: GenerateRequest<T>, mode: Mode, param: TokenParam): Promise<GenerateResult<T>> {
    const messages: ChatMessage[] = [...(req.system ? [{ role: 'system' as const, content: req.system }] : []), ...req.messages];
    const spec = req.schema;
    const cap = REASONING_MODEL.test(config.model) ? req.maxTokens + REASONING_ROOM : req.maxTokens;
    const body: ChatCompletionCreateParamsBase = { model: config.model, messages, [param]: cap, ...(req.temperature !== undefined ? { temperature: req.temperature } : {}) };
    if (spec && mode === 'json_schema') {
      body.response_format = { type: 'json_schema', json_schema: { name: spec.name, ...(spec.description ? { description: spec.description } : {}), schema: jsonSchemaOf(spec as never), strict: false } };
    } else if (spec && mode === 'tool') {
      body.tools = [{ type: 'function', function: { name: spec.name, ...(spec.description ? { description: spec.description } : {}), parameters: jsonSchemaOf(spec as never) } }];
      body.tool_choice = { type: 'function', function: { name: spec.name } };
    }
    const stream = req.stream ?? true;
    return guarded(config, deps, req, 'generate', { promptChars: promptSize(req as GenerateRequest<unknown>) }, async (wd) => {
      const openai = await client();
      let text = '';
      let toolArgs = '';
      // A structured-output model that declines says why here instead of answering.
      let refusal = '';
      let finish: string | null | undefined;
      let model = config.model;
      let usage: Usage = { inputTokens: null, outputTokens: null };
      if (stream) {
        const chunks = await openai.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } }, { signal: wd.signal });
        const within = answerCap(wd, name, req.maxTokens);
        for await (const chunk of chunks as AsyncIterable<ChatCompletionChunk>) {
          wd.alive();
          within(text.length + toolArgs.length);
          if (chunk.model) model = chunk.model;
          if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens ?? null, outputTokens: chunk.usage.completion_tokens ?? null };
          const choice = chunk.choices[0];
          if (!choice) continue;
          if (choice.finish_reason) finish = choice.finish_reason;
          if (choice.delta?.refusal) refusal += choice.delta.refusal;
          const piece = choice.delta?.content;
          if (piece) {
            text += piece;
            req.onToken?.(piece);
          }
          for (const call of choice.delta?.tool_calls ?? []) {
            const args = call.function?.arguments;
            if (call.index === 0 && args) {
              toolArgs += args;
              req.onToken?.(args);
            }
          }
        }
      } else {
        const done = await openai.chat.completions.create({ ...body, stream: false }, { signal: wd.signal });
        const choice = done.choices[0];
        model = done.model || model;
        finish = choice?.finish_reason;
        text = choice?.message.content ?? '';
        refusal = choice?.message.refusal ?? '';
        const call = choice?.message.tool_calls?.[0];
        toolArgs = call && call.type === 'function' ? call.function.arguments : '';
        if (done.usage) usage = { inputTokens: done.usage.prompt_tokens ?? null, outputTokens: done.usage.completion_tokens ?? null };
      }
      if (wd.reason) return { text: '', model, usage, finishReason: 'other' as FinishReason };
      if (refusal.trim()) throw refusedError(name, refusal);
      const raw = mode === 'tool' ? toolArgs : text;
      const finishReason = finishOf(finish);
      if (!spec) return { text: raw, model, usage, finishReason };
      if (mode === 'tool' && !toolArgs) throw new AiError('malformed_answer', `${name} answered in words instead of calling the ${spec.name} tool.`);
      const object = parseStructured(raw, spec, name, finishReason === 'length');
      return { text: raw, object, model, usage, finishReason };
    }, (r) => r.text.length);
  }

  async function listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    return guarded(config, deps, signal ? { signal } : {}, 'list models', {}, async (wd) => {
      const openai = await client();
      const models: ModelInfo[] = [];
      for await (const m of openai.models.list({ signal: wd.signal })) models.push({ id: m.id });
      return models;
    }, (m) => m.length);
  }

  return {
    config,
    async generate<T>(req: GenerateRequest<T>): Promise<GenerateResult<T>> {
      if (!req.schema) return ask(req, 'text');
      const first: Mode = config.structured === 'tool' ? 'tool' : 'json_schema';
      try {
        return await ask(req, first);
      } catch (e) {
        // Not a retry of a failure: the server lacks json_schema, so ask the other way once.
        if (first === 'json_schema' && refusesJsonSchema(e) && !req.signal?.aborted) return ask(req, 'tool');
        throw e;
      }
    },
    listModels,
    test: (signal) => testConnection(config, deps, () => listModels(signal)),
  };
}

type ChatMessage = ChatCompletionMessageParam;
