/**
 * Anthropic's Messages API through the official SDK. Text streams as `text_delta` events; a
 * structured answer is a forced tool call whose input streams as `input_json_delta` pieces.
 */
import type Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsBase, RawMessageStreamEvent, Tool } from '@anthropic-ai/sdk/resources/messages/messages';
import { AiError, knowConnectionError, refusedError } from './errors';
import { answerCap, guarded, keyFor, promptSize, testConnection } from './shared';
import { jsonSchemaOf, parseStructured } from './structured';
import { DEFAULT_BASE_URL, providerName } from './where';
import type { FinishReason, GenerateRequest, GenerateResult, ModelInfo, ProviderConfig, ProviderDeps, TextProvider, Usage } from './types';

function finishOf(reason: string | null | undefined): FinishReason {
  if (reason === 'end_turn' || reason === 'stop_sequence') return 'stop';
  if (reason === 'max_tokens') return 'length';
  if (reason === 'tool_use') return 'tool';
  return 'other';
}

export function createAnthropicProvider(config: ProviderConfig, deps: ProviderDeps): TextProvider {
  const name = providerName(config);

  async function client(): Promise<Anthropic> {
    // Loaded on first use: a start that never asks Anthropic does not pay for its SDK.
    const { default: Anthropic, APIConnectionError } = await import('@anthropic-ai/sdk');
    knowConnectionError(APIConnectionError);
    return new Anthropic({
      apiKey: await keyFor(config, deps),
      // Explicit, so ANTHROPIC_AUTH_TOKEN, profiles on disk or ANTHROPIC_BASE_URL never apply.
      authToken: null,
      baseURL: config.baseURL?.trim() || DEFAULT_BASE_URL.anthropic,
      fetch: deps.http,
      maxRetries: 0,
      logLevel: 'off',
    });
  }

  async function generate<T>(req: GenerateRequest<T>): Promise<GenerateResult<T>> {
    const spec = req.schema;
    const tool: Tool | undefined = spec
      ? { name: spec.name, ...(spec.description ? { description: spec.description } : {}), input_schema: { type: 'object', ...jsonSchemaOf(spec as never) } }
      : undefined;
    const body: MessageCreateParamsBase = {
      model: config.model,
      max_tokens: req.maxTokens,
      messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
      ...(req.system ? { system: req.system } : {}),
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
      ...(tool ? { tools: [tool], tool_choice: { type: 'tool' as const, name: tool.name } } : {}),
    };
    return guarded(config, deps, req, 'generate', { promptChars: promptSize(req as GenerateRequest<unknown>) }, async (wd) => {
      const anthropic = await client();
      let text = '';
      let toolInput = '';
      let toolSeen = false;
      let stop: string | null | undefined;
      let model = config.model;
      const usage: Usage = { inputTokens: null, outputTokens: null };
      if (req.stream ?? true) {
        const events = await anthropic.messages.create({ ...body, stream: true }, { signal: wd.signal });
        const within = answerCap(wd, name, req.maxTokens);
        for await (const ev of events as AsyncIterable<RawMessageStreamEvent>) {
          wd.alive();
          within(text.length + toolInput.length);
          switch (ev.type) {
            case 'message_start':
              model = ev.message.model || model;
              usage.inputTokens = ev.message.usage?.input_tokens ?? null;
              usage.outputTokens = ev.message.usage?.output_tokens ?? null;
              break;
            case 'content_block_start':
              if (ev.content_block.type === 'tool_use') toolSeen = true;
              break;
            case 'content_block_delta':
              if (ev.delta.type === 'text_delta') {
                text += ev.delta.text;
                req.onToken?.(ev.delta.text);
              } else if (ev.delta.type === 'input_json_delta') {
                toolInput += ev.delta.partial_json;
                req.onToken?.(ev.delta.partial_json);
              }
              break;
            case 'message_delta':
              stop = ev.delta.stop_reason ?? stop;
              if (ev.usage?.output_tokens != null) usage.outputTokens = ev.usage.output_tokens;
              break;
            default:
              break;
          }
        }
      } else {
        const msg = await anthropic.messages.create({ ...body, stream: false }, { signal: wd.signal });
        model = msg.model || model;
        stop = msg.stop_reason;
        usage.inputTokens = msg.usage.input_tokens ?? null;
        usage.outputTokens = msg.usage.output_tokens ?? null;
        for (const block of msg.content) {
          if (block.type === 'text') text += block.text;
          if (block.type === 'tool_use') {
            toolSeen = true;
            toolInput = JSON.stringify(block.input);
          }
        }
      }
      if (wd.reason) return { text: '', model, usage, finishReason: 'other' as FinishReason };
      // Claude stops with "refusal" when it declines; what it wrote until then is no answer.
      if (stop === 'refusal') throw refusedError(name);
      const finishReason = finishOf(stop);
      if (!spec) return { text, model, usage, finishReason };
      if (!toolSeen) throw new AiError('malformed_answer', `${name} answered in words instead of calling the ${spec.name} tool.`);
      // A tool call with no input pieces streams nothing: its input is {}.
      const raw = toolInput || '{}';
      const object = parseStructured(raw, spec, name, finishReason === 'length');
      return { text: raw, object, model, usage, finishReason };
    }, (r) => r.text.length);
  }

  async function listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    return guarded(config, deps, signal ? { signal } : {}, 'list models', {}, async (wd) => {
      const anthropic = await client();
      const models: ModelInfo[] = [];
      for await (const m of anthropic.models.list({}, { signal: wd.signal })) models.push({ id: m.id, ...(m.display_name ? { label: m.display_name } : {}) });
      return models;
    }, (m) => m.length);
  }

  return {
    config,
    generate,
    listModels,
    test: (signal) => testConnection(config, deps, () => listModels(signal)),
  };
}
