import { describe, expect, it } from 'vitest';
import { scrubText, secretStrings, siteOf } from '../../electron/core/workspace/secrets';

describe('what a workspace archive leaves out', () => {
  it.each([
    ['https://hooks.slack.com/services/T000/B000/XXXXXXXX', 'https://hooks.slack.com/'],
    ['https://discord.com/api/webhooks/123/abcDEF', 'https://discord.com/'],
    ['http://127.0.0.1:8080/hook?token=abc', 'http://127.0.0.1:8080/'],
    ['https://user:pass@example.com/path', 'https://example.com/'],
    ['not a url', 'https://invalid.invalid/'],
  ])('reduces the webhook address %s to its site', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });

  it.each([
    ['see https://me:hunter2pass@models.example.com/v1 for details', [], 'see https://models.example.com/v1 for details'],
    ['clone https://ghp_TOKEN1234567890@github.com/me/repo', [], 'clone https://github.com/me/repo'],
    ['write to me@example.com, not a URL', [], 'write to me@example.com, not a URL'],
    ['401: token tok-ABCDEFGHIJKL-long is invalid', ['tok-ABCDEFGHIJKL', 'tok-ABCDEFGHIJKL-long'], '401: token [removed] is invalid'],
    ['twice: s3cr3t-value-123 and s3cr3t-value-123', ['s3cr3t-value-123'], 'twice: [removed] and [removed]'],
  ])('scrubs %s', (text, secrets, expected) => {
    expect(scrubText(text, secrets)).toBe(expected);
  });

  it('finds every long string inside a keychain entry, and ignores short ones that would blank innocent text', () => {
    const raw = JSON.stringify({ accessToken: 'access-token-0123456789', refreshToken: 'refresh-token-0123456789', tokenType: 'Bearer', scope: ['tweet.read'], nested: { secret: 'nested-secret-value' } });
    expect(secretStrings(raw).sort()).toEqual([raw, 'access-token-0123456789', 'nested-secret-value', 'refresh-token-0123456789'].sort());
    expect(secretStrings('plain-api-key-000111')).toEqual(['plain-api-key-000111']);
    expect(secretStrings('short')).toEqual([]);
  });
});
