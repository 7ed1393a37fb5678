import { describe, expect, it } from 'vitest';
import { idFromLink, type LinkAccount } from '../../electron/core/features/publishing/id-from-link';

const mastodon: LinkAccount = { platform: 'mastodon', handle: '@ada@example.social', serverUrl: 'https://example.social', platformUserId: '1' };
const x: LinkAccount = { platform: 'x', handle: 'studio_ada', serverUrl: null, platformUserId: '42' };
const bluesky: LinkAccount = { platform: 'bluesky', handle: 'ada.bsky.social', serverUrl: null, platformUserId: 'did:plc:abc123' };

describe('the post id in a link the creator pasted', () => {
  it('reads a Mastodon status on the account’s own server, under its own name', () => {
    expect(idFromLink('https://example.social/@ada/109876543210', mastodon)).toBe('109876543210');
    expect(idFromLink('https://EXAMPLE.social/@Ada/109876543210/', mastodon)).toBe('109876543210');
    // Another server's copy of the status has another id there; another person's is not ours.
    expect(idFromLink('https://mastodon.social/@ada@example.social/111', mastodon)).toBeNull();
    expect(idFromLink('https://example.social/@bob/109876543210', mastodon)).toBeNull();
    expect(idFromLink('https://example.social/@ada', mastodon)).toBeNull();
  });

  it('reads an X post under the handle or /i/, on x.com or twitter.com', () => {
    expect(idFromLink('https://x.com/studio_ada/status/1790000000000000000', x)).toBe('1790000000000000000');
    expect(idFromLink('https://twitter.com/Studio_Ada/status/17?s=20', x)).toBe('17');
    expect(idFromLink('https://x.com/i/status/17', x)).toBe('17');
    expect(idFromLink('https://x.com/someone_else/status/17', x)).toBeNull();
    expect(idFromLink('https://x.com.evil.example/studio_ada/status/17', x)).toBeNull();
  });

  it('makes a Bluesky post’s at:// address from a bsky.app link under the handle or the DID', () => {
    expect(idFromLink('https://bsky.app/profile/ada.bsky.social/post/3kq2abcxyz', bluesky)).toBe('at://did:plc:abc123/app.bsky.feed.post/3kq2abcxyz');
    expect(idFromLink('https://bsky.app/profile/did:plc:abc123/post/3kq2abcxyz', bluesky)).toBe('at://did:plc:abc123/app.bsky.feed.post/3kq2abcxyz');
    expect(idFromLink('https://bsky.app/profile/bob.bsky.social/post/3kq2abcxyz', bluesky)).toBeNull();
    expect(idFromLink('https://bsky.app/profile/ada.bsky.social/post/3kq2abcxyz', { ...bluesky, platformUserId: null })).toBeNull();
  });

  it('reads a Facebook Page post under the Page’s own id as the Graph API’s page_post id', () => {
    const page: LinkAccount = { platform: 'facebook', handle: 'Ada’s Studio', serverUrl: null, platformUserId: '1029384756' };
    expect(idFromLink('https://www.facebook.com/1029384756/posts/5566778899', page)).toBe('1029384756_5566778899');
    expect(idFromLink('https://m.facebook.com/1029384756/posts/5566778899/?mibextid=abc', page)).toBe('1029384756_5566778899');
    // Another Page's post, a pfbid link (not the API's id), a look-alike host, no Page id.
    expect(idFromLink('https://www.facebook.com/999/posts/5566778899', page)).toBeNull();
    expect(idFromLink('https://www.facebook.com/1029384756/posts/pfbid02abcDEF', page)).toBeNull();
    expect(idFromLink('https://facebook.com.evil.example/1029384756/posts/5566778899', page)).toBeNull();
    expect(idFromLink('https://www.facebook.com/1029384756/posts/5566778899', { ...page, platformUserId: null })).toBeNull();
  });

  it('reads a TikTok video under the account’s username', () => {
    const tiktok: LinkAccount = { platform: 'tiktok', handle: 'ada.weaves', serverUrl: null, platformUserId: 'open-id-1' };
    expect(idFromLink('https://www.tiktok.com/@ada.weaves/video/7301234567890123456', tiktok)).toBe('7301234567890123456');
    expect(idFromLink('https://www.tiktok.com/@Ada.Weaves/video/7301234567890123456?is_from_webapp=1', tiktok)).toBe('7301234567890123456');
    expect(idFromLink('https://www.tiktok.com/@someone/video/7301234567890123456', tiktok)).toBeNull();
    expect(idFromLink('https://vm.tiktok.com/ZMabc123/', tiktok)).toBeNull();
  });

  it('gives nothing for other platforms and for what is not a link', () => {
    expect(idFromLink('https://www.linkedin.com/feed/update/urn:li:share:7/', { ...x, platform: 'linkedin' })).toBeNull();
    expect(idFromLink('https://www.youtube.com/watch?v=dQw4w9WgXcQ', { ...x, platform: 'youtube' })).toBeNull();
    expect(idFromLink('https://www.instagram.com/p/Cabc123/', { ...x, platform: 'instagram' })).toBeNull();
    expect(idFromLink('not a link', mastodon)).toBeNull();
  });
});
