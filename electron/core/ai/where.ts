/**
 * Where a provider sends the creator's text, in words the UI shows next to every "Write" button:
 * "on this computer (Ollama, llama3.1)" or "sent to api.openai.com". Pure, so it is table-tested.
 */
import type { ProviderConfig } from './types';

export const DEFAULT_BASE_URL: Record<ProviderConfig['kind'], string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
};

export interface WhereTextGoes {
  /** True when the text never leaves this computer. */
  local: boolean;
  /** The host the text goes to, or null when the base URL is not a usable address. */
  host: string | null;
  /** What the creator is told. */
  words: string;
}

/** Well-known local servers by their default port, so a bare URL still reads as a name. */
const LOCAL_PORTS: Record<string, string> = {
  '11434': 'Ollama',
  '1234': 'LM Studio',
  '8080': 'llama.cpp server',
};

const KNOWN_HOSTS: Record<string, string> = {
  'api.openai.com': 'OpenAI',
  'api.anthropic.com': 'Anthropic',
  'openrouter.ai': 'OpenRouter',
};

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  // An IPv4-mapped loopback, as URL normalises it: ::ffff:7f00:1.
  if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(h)) return true;
  return false;
}

function isPrivateLan(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return (
    /^10\.\d+\.\d+\.\d+$/.test(h) ||
    /^192\.168\.\d+\.\d+$/.test(h) ||
    /^172\.(1[6-9]|2\d|3[01])\.\d+\.\d+$/.test(h) ||
    h.endsWith('.local') ||
    h.endsWith('.lan')
  );
}

/** The name to show for a provider: its label, a well-known host or local port, or the kind. */
export function providerName(config: Pick<ProviderConfig, 'kind' | 'baseURL' | 'label'>): string {
  if (config.label?.trim()) return config.label.trim();
  try {
    const url = new URL(config.baseURL || DEFAULT_BASE_URL[config.kind]);
    const known = KNOWN_HOSTS[url.hostname.toLowerCase()];
    if (known) return known;
    if (isLoopbackHost(url.hostname) && LOCAL_PORTS[url.port]) return LOCAL_PORTS[url.port]!;
    return url.host;
  } catch {
    return config.kind === 'openai' ? 'OpenAI-compatible server' : 'Anthropic';
  }
}

export function whereTextGoes(config: Pick<ProviderConfig, 'kind' | 'baseURL' | 'label' | 'model'>): WhereTextGoes {
  let url: URL;
  try {
    url = new URL(config.baseURL?.trim() || DEFAULT_BASE_URL[config.kind]);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    return { local: false, host: null, words: 'nowhere yet: the base URL is not a web address' };
  }
  const model = config.model.trim();
  if (isLoopbackHost(url.hostname)) {
    const what = [providerName(config), model].filter(Boolean).join(', ');
    return { local: true, host: url.host, words: `on this computer (${what})` };
  }
  if (isPrivateLan(url.hostname)) {
    return { local: false, host: url.host, words: `sent to ${url.host} on your local network` };
  }
  return { local: false, host: url.hostname, words: `sent to ${url.hostname}` };
}
