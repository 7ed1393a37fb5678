import { describe, expect, it } from 'vitest';
import { isLoopbackHost, providerName, whereTextGoes } from '../../electron/core/ai/where';

describe('where the creator’s text goes', () => {
  it.each([
    [{ kind: 'openai', baseURL: 'http://localhost:11434/v1', model: 'llama3.1' }, 'on this computer (Ollama, llama3.1)', true],
    [{ kind: 'openai', baseURL: 'http://127.0.0.1:1234/v1', model: 'qwen2.5-7b' }, 'on this computer (LM Studio, qwen2.5-7b)', true],
    [{ kind: 'openai', baseURL: 'http://[::1]:8080/v1', model: 'mistral' }, 'on this computer (llama.cpp server, mistral)', true],
    [{ kind: 'openai', baseURL: 'http://127.0.0.1:5000/v1', model: 'm', label: 'My server' }, 'on this computer (My server, m)', true],
    [{ kind: 'openai', baseURL: 'http://127.0.0.1:5000/v1', model: 'm' }, 'on this computer (127.0.0.1:5000, m)', true],
    [{ kind: 'openai', model: 'gpt-4o-mini' }, 'sent to api.openai.com', false],
    [{ kind: 'openai', baseURL: '', model: 'gpt-4o-mini' }, 'sent to api.openai.com', false],
    [{ kind: 'openai', baseURL: 'https://openrouter.ai/api/v1', model: 'x' }, 'sent to openrouter.ai', false],
    [{ kind: 'anthropic', model: 'claude-sonnet-4-5' }, 'sent to api.anthropic.com', false],
    [{ kind: 'openai', baseURL: 'http://192.168.1.20:11434/v1', model: 'llama3.1' }, 'sent to 192.168.1.20:11434 on your local network', false],
    // A lookalike host is not this computer.
    [{ kind: 'openai', baseURL: 'http://localhost.example.com/v1', model: 'x' }, 'sent to localhost.example.com', false],
    [{ kind: 'openai', baseURL: 'http://127.0.0.1.nip.io/v1', model: 'x' }, 'sent to 127.0.0.1.nip.io', false],
    [{ kind: 'openai', baseURL: 'not a url', model: 'x' }, 'nowhere yet: the base URL is not a web address', false],
    [{ kind: 'openai', baseURL: 'file:///etc/passwd', model: 'x' }, 'nowhere yet: the base URL is not a web address', false],
  ] as const)('%j → %s', (config, words, local) => {
    const where = whereTextGoes(config);
    expect(where.words).toBe(words);
    expect(where.local).toBe(local);
  });

  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['app.localhost', true],
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['[::1]', true],
    ['::ffff:7f00:1', true],
    ['0.0.0.0', false],
    ['10.0.0.1', false],
    ['localhost.evil.com', false],
  ])('%s is loopback: %s', (host, yes) => {
    expect(isLoopbackHost(host)).toBe(yes);
  });

  it('names providers by label, well-known host, local port, or address', () => {
    expect(providerName({ kind: 'openai', label: ' Work Ollama ' })).toBe('Work Ollama');
    expect(providerName({ kind: 'openai' })).toBe('OpenAI');
    expect(providerName({ kind: 'anthropic' })).toBe('Anthropic');
    expect(providerName({ kind: 'openai', baseURL: 'http://localhost:11434/v1' })).toBe('Ollama');
    expect(providerName({ kind: 'openai', baseURL: 'https://llm.example.org/v1' })).toBe('llm.example.org');
  });
});
