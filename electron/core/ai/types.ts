/**
 * One interface for every text model Loomcast can write with: an OpenAI-compatible server
 * (OpenAI, OpenRouter, Ollama, LM Studio, llama.cpp server) or Anthropic. Providers take the
 * core's injected http, clock, vault and log; they never retry (the generation queue does,
 * reading `retryAfterMs` and `transient` from the AiError) and never log prompts or answers.
 */
import type { z } from 'zod';
import type { Clock, HttpFetch, Logger, Vault } from '../deps';

export type ProviderKind = 'openai' | 'anthropic';

export interface ProviderConfig {
  /** Stable id chosen by settings; the key lives in the vault under `aiVaultKey(id)`. */
  id: string;
  kind: ProviderKind;
  /** The OpenAI-compatible server's base URL including `/v1`, or Anthropic's root. Defaults to the vendor's. */
  baseURL?: string;
  model: string;
  /** What the creator calls it ("Ollama", "OpenRouter"); guessed from the URL when absent. */
  label?: string;
  /** 'json_schema' (default) asks with response_format; 'tool' forces a tool call. OpenAI-compatible only. */
  structured?: 'json_schema' | 'tool';
  /** Longest wait for the first streamed token (a local model may be loading). Default 180 s. */
  firstTokenTimeoutMs?: number;
  /** Longest silence between streamed tokens before the answer is abandoned. Default 45 s. */
  stallTimeoutMs?: number;
}

export interface ProviderDeps {
  http: HttpFetch;
  clock: Clock;
  vault: Vault;
  log: Logger;
}

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface StructuredSpec<T> {
  /** A short identifier the model sees as the schema's / tool's name, e.g. `draft`. */
  name: string;
  description?: string;
  /** Validates the answer; its failure is an `invalid_answer` AiError naming what was wrong. */
  zod: z.ZodType<T>;
  /** The JSON schema sent to the model; derived from `zod` with z.toJSONSchema when absent. */
  jsonSchema?: Record<string, unknown>;
}

export interface GenerateRequest<T = unknown> {
  system?: string;
  messages: ChatMessage[];
  /** Ask for a structured answer, validated with zod. */
  schema?: StructuredSpec<T>;
  maxTokens: number;
  temperature?: number;
  /** Cancels the request; generate then rejects with `cancelled` and returns nothing partial. */
  signal?: AbortSignal;
  /** Each streamed piece, in order: text, or the raw JSON pieces of a structured answer. */
  onToken?: (delta: string) => void;
  /** Default true. Without streaming the whole answer must arrive within firstTokenTimeoutMs. */
  stream?: boolean;
}

export type FinishReason = 'stop' | 'length' | 'tool' | 'other';

export interface Usage {
  inputTokens: number | null;
  outputTokens: number | null;
}

export interface GenerateResult<T = unknown> {
  /** The answer's text (for a structured answer, its JSON). */
  text: string;
  /** The validated structured answer, when a schema was asked for. */
  object?: T;
  usage: Usage;
  model: string;
  finishReason: FinishReason;
}

export interface ModelInfo {
  id: string;
  label?: string;
}

export type ConnectionTest =
  | { ok: true; message: string; models: ModelInfo[] }
  | { ok: false; message: string; code: string };

export interface TextProvider {
  readonly config: ProviderConfig;
  generate<T = unknown>(req: GenerateRequest<T>): Promise<GenerateResult<T>>;
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
  /** "Test connection": never throws; answers in words a creator understands. */
  test(signal?: AbortSignal): Promise<ConnectionTest>;
}

/** The vault entry holding a provider's key (the vault is keyed by account-like ids). */
export const aiVaultKey = (providerId: string): string => `ai-provider:${providerId}`;
