import { describe, expect, it } from 'vitest';
import { webLink } from '../../electron/core/publishing/web-link';

describe('webLink: the link kept for a post that went out', () => {
  it('keeps http and https links as given', () => {
    expect(webLink('https://mastodon.social/@ada/113')).toBe('https://mastodon.social/@ada/113');
    expect(webLink('HTTPS://bsky.app/profile/ada.bsky.social/post/3k')).toBe('HTTPS://bsky.app/profile/ada.bsky.social/post/3k');
    expect(webLink('http://127.0.0.1:3000/@ada/1')).toBe('http://127.0.0.1:3000/@ada/1');
  });

  it('drops anything else: other schemes, names that are not links, broken or oversized ones, nothing', () => {
    for (const bad of ['javascript:alert(1)', 'tag:example.social,2026:objectId=1', 'at://did:plc:abc/app.bsky.feed.post/3k', 'data:text/html,hi', 'https://', 'http://exa mple.com', `https://x.com/${'a'.repeat(5_000)}`, '', null, undefined]) {
      expect(webLink(bad)).toBeNull();
    }
  });
});
