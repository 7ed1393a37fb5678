/** The text providers, chosen by the config's kind. */
import { createAnthropicProvider } from './anthropic-provider';
import { createOpenAiProvider } from './openai-provider';
import type { ProviderConfig, ProviderDeps, TextProvider } from './types';

export function createTextProvider(config: ProviderConfig, deps: ProviderDeps): TextProvider {
  return config.kind === 'anthropic' ? createAnthropicProvider(config, deps) : createOpenAiProvider(config, deps);
}

export { AiError, type AiErrorCode } from './errors';
export { whereTextGoes, providerName, isLoopbackHost, type WhereTextGoes } from './where';
export * from './types';
