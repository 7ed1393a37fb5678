import { describe, expect, it } from 'vitest';
import { checkExternalUrl, hostMatches, isSafeExternalUrl, type ExternalLinkContext } from '../../electron/core/security';

/** A creator with a Mastodon instance, a self-hosted Bluesky PDS on its own port, a sign-in under way and two links in their posts. */
const ctx: ExternalLinkContext = {
  servers: ['https://fosstodon.org', 'https://pds.example.net:8443/', 'http://plain.example.social'],
  authorizeUrls: ['https://fosstodon.org/oauth/authorize?client_id=c&state=s', 'https://example.org:8080/oauth/authorize?state=s'],
  inCreatorsPosts: (href) => new Set(['https://shop.example.com/new-print?utm_source=loomcast', 'https://xn--caf-dma.fr/menu', 'https://1.2.3.4/x', 'https://example.com:8443/x']).has(href),
};

type Row = [url: unknown, verdict: string];

describe('checkExternalUrl', () => {
  // [url, 'ok:<because>' or the refusal's reason]
  const rows: Row[] = [
    // The platforms, their sign-in pages and the help pages the app links to.
    ['https://x.com/loomcast/status/1', 'ok:platform'],
    ['https://x.com/i/oauth2/authorize?response_type=code&client_id=a', 'ok:platform'],
    ['https://developer.x.com/en/portal/dashboard', 'ok:platform'],
    ['https://twitter.com/loomcast', 'ok:platform'],
    ['https://t.co/abc', 'ok:platform'],
    ['https://bsky.app/profile/loomcast.test/post/3k', 'ok:platform'],
    ['https://bsky.app/settings/app-passwords', 'ok:platform'],
    ['https://bsky.social/xrpc/com.atproto.server.describeServer', 'ok:platform'],
    ['https://www.linkedin.com/oauth/v2/authorization?x=1', 'ok:platform'],
    ['https://www.linkedin.com/developers/apps', 'ok:platform'],
    ['https://www.facebook.com/v25.0/dialog/oauth', 'ok:platform'],
    ['https://developers.facebook.com/apps', 'ok:platform'],
    ['https://www.instagram.com/oauth/authorize', 'ok:platform'],
    ['https://threads.net/oauth/authorize', 'ok:platform'],
    ['https://www.threads.com/@loomcast/post/1', 'ok:platform'],
    ['https://www.tiktok.com/v2/auth/authorize/', 'ok:platform'],
    ['https://developers.tiktok.com/apps', 'ok:platform'],
    ['https://www.youtube.com/watch?v=abc', 'ok:platform'],
    ['https://youtu.be/abc', 'ok:platform'],
    ['https://accounts.google.com/o/oauth2/v2/auth?client_id=a', 'ok:platform'],
    ['https://console.cloud.google.com/apis/credentials', 'ok:platform'],
    ['https://www.pinterest.com/pin/1/', 'ok:platform'],
    ['https://developers.pinterest.com/apps', 'ok:platform'],
    ['HTTPS://WWW.X.COM/Loomcast', 'ok:platform'],
    ['https://x.com:443/a', 'ok:platform'],
    // The creator's connected servers: that exact https origin, whatever the path.
    ['https://fosstodon.org/@ada/123', 'ok:connected_server'],
    ['https://pds.example.net:8443/xrpc/x', 'ok:connected_server'],
    // A sign-in page the core built for a flow under way: that exact URL (even on its own port).
    ['https://fosstodon.org/oauth/authorize?client_id=c&state=s', 'ok:connect_flow'],
    ['https://example.org:8080/oauth/authorize?state=s', 'ok:connect_flow'],
    // A link in the creator's own posts: that exact URL, an international name included.
    ['https://shop.example.com/new-print?utm_source=loomcast', 'ok:own_post'],
    ['https://café.fr/menu', 'ok:own_post'],
    ['https://xn--caf-dma.fr/menu', 'ok:own_post'],

    // Not https.
    ['http://x.com/loomcast', 'not_https'],
    ['http://plain.example.social/@ada/1', 'not_https'],
    ['javascript:alert(1)', 'not_https'],
    ['JavaScript:alert(1)', 'not_https'],
    ['file:///etc/passwd', 'not_https'],
    ['data:text/html,<script>alert(1)</script>', 'not_https'],
    ['about:blank', 'not_https'],
    ['ftp://x.com/file', 'not_https'],
    ['mailto:someone@x.com', 'not_https'],
    ['app://loomcast/index.html', 'not_https'],
    ['smb://x.com/share', 'not_https'],
    ['ms-msdt:/id%20PCWDiagnostic', 'not_https'],
    ['wss://x.com/socket', 'not_https'],
    // Credentials in the URL (the classic "x.com@evil" trick is a user name).
    ['https://user:pw@x.com', 'credentials'],
    ['https://user@x.com', 'credentials'],
    ['https://x.com@evil.example/', 'credentials'],
    ['https://:pw@x.com/', 'credentials'],
    // Lookalike and unrelated hosts.
    ['https://evil-x.com/', 'host_not_allowed'],
    ['https://notx.com/', 'host_not_allowed'],
    ['https://x.com.evil.net/', 'host_not_allowed'],
    ['https://x.co/', 'host_not_allowed'],
    ['https://bsky.app.evil.net/profile', 'host_not_allowed'],
    ['https://fakebsky.app/', 'host_not_allowed'],
    ['https://sites.google.com/view/evil', 'host_not_allowed'],
    ['https://google.com/', 'host_not_allowed'],
    ['https://example.com/', 'host_not_allowed'],
    ['https://fosstodon.org.evil.net/', 'host_not_allowed'],
    ['https://x.com./a', 'host_not_allowed'],
    ['https://localhost/', 'host_not_allowed'],
    ['https://shop.example.com/new-print', 'host_not_allowed'],
    ['https://shop.example.com/new-print?utm_source=loomcast&x=1', 'host_not_allowed'],
    ['https://xn--x-5ga.com/', 'lookalike_host'],
    ['https://хcom.com/', 'lookalike_host'],
    ['https://xn--80ak6aa92e.x.com/', 'lookalike_host'],
    ['https://x.xn--com-9o0a/', 'lookalike_host'],
    // IP literals, in every spelling the parser understands.
    ['https://127.0.0.1/', 'ip_address'],
    ['https://192.168.1.1/admin', 'ip_address'],
    ['https://0x7f.1/', 'ip_address'],
    ['https://2130706433/', 'ip_address'],
    ['https://[::1]/', 'ip_address'],
    ['https://[::ffff:127.0.0.1]/', 'ip_address'],
    ['https://1.2.3.4/x', 'ip_address'],
    // Ports other than 443.
    ['https://x.com:8443/', 'port'],
    ['https://x.com:80/', 'port'],
    ['https://fosstodon.org:8443/@ada', 'port'],
    ['https://example.com:8443/x', 'port'],
    // Not a URL at all, or not one Loomcast wrote.
    ['//x.com', 'not_a_url'],
    ['x.com', 'not_a_url'],
    ['not a url', 'not_a_url'],
    ['', 'not_a_url'],
    [' https://x.com/', 'not_a_url'],
    ['https://x.com/\n', 'not_a_url'],
    ['https://x.com/a b', 'not_a_url'],
    ['https:\\\\evil.example', 'not_a_url'],
    ['https://x.com/\u0000', 'not_a_url'],
    [`https://x.com/${'a'.repeat(5000)}`, 'not_a_url'],
    [null, 'not_a_url'],
    [42, 'not_a_url'],
    [{ href: 'https://x.com' }, 'not_a_url'],
  ];

  it.each(rows)('%j → %s', (url, expected) => {
    const v = checkExternalUrl(url, ctx);
    expect(v.ok ? `ok:${v.because}` : v.reason).toBe(expected);
    expect(isSafeExternalUrl(url, ctx)).toBe(expected.startsWith('ok:'));
  });

  it('hands on the parsed, normalised URL, not the string it was given', () => {
    expect(checkExternalUrl('HTTPS://X.COM:443/a?b=c#d', ctx)).toEqual({ ok: true, href: 'https://x.com/a?b=c#d', because: 'platform' });
  });

  it('without the creator’s context allows only the platforms’ and help pages’ hosts', () => {
    expect(isSafeExternalUrl('https://bsky.app/profile/a')).toBe(true);
    expect(isSafeExternalUrl('https://fosstodon.org/@ada/123')).toBe(false);
    expect(isSafeExternalUrl('https://fosstodon.org/oauth/authorize?client_id=c&state=s')).toBe(false);
    expect(isSafeExternalUrl('https://shop.example.com/new-print?utm_source=loomcast')).toBe(false);
  });

  it('takes its own host list when given one', () => {
    expect(isSafeExternalUrl('https://docs.example.org/a', { hosts: ['example.org'] })).toBe(true);
    expect(isSafeExternalUrl('https://x.com/a', { hosts: ['example.org'] })).toBe(false);
  });
});

describe('hostMatches', () => {
  it.each([
    ['x.com', 'x.com', true],
    ['www.x.com', 'x.com', true],
    ['a.b.x.com', 'x.com', true],
    ['evil-x.com', 'x.com', false],
    ['x.com.evil.net', 'x.com', false],
    ['xx.com', 'x.com', false],
    ['com', 'x.com', false],
    ['accounts.google.com', 'accounts.google.com', true],
    ['evil.google.com', 'accounts.google.com', false],
  ])('%s under %s → %s', (host, allowed, expected) => {
    expect(hostMatches(host, allowed)).toBe(expected);
  });
});
