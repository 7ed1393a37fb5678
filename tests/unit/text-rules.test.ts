import { describe, expect, it } from 'vitest';
import {
  PLATFORMS,
  countGraphemes,
  escapeLinkedInCommentary,
  extractHashtags,
  extractMentions,
  extractUrls,
  measure,
  type Platform,
} from '../../shared/text-rules';

const a = (n: number) => 'a'.repeat(n);

describe('countGraphemes', () => {
  it('counts emoji sequences and combining marks as one character each', () => {
    expect(countGraphemes('👍🏽👨‍👩‍👧‍👦🇫🇷e\u0301')).toBe(4);
  });

  it('counts the empty string as zero', () => {
    expect(countGraphemes('')).toBe(0);
  });
});

describe('extraction', () => {
  it('extracts hashtags, mentions and urls the way X does', () => {
    const text = 'Launch day #loomcast with @alice, see https://loomcast.app/launch and example.com';
    expect(extractHashtags(text)).toEqual(['loomcast']);
    expect(extractMentions(text)).toEqual(['alice']);
    expect(extractUrls(text)).toEqual(['https://loomcast.app/launch', 'example.com']);
  });
});

describe('empty text', () => {
  const textOnly: Platform[] = ['x', 'bluesky', 'mastodon', 'threads', 'linkedin', 'facebook'];

  it.each(textOnly)('is invalid with "Text is empty" on %s', (platform) => {
    const m = measure(platform, '');
    expect(m.valid).toBe(false);
    expect(m.problems).toEqual(['Text is empty']);
  });

  it.each(textOnly)('treats whitespace-only text as empty on %s', (platform) => {
    expect(measure(platform, '  \n ').problems).toContain('Text is empty');
  });

  it.each(PLATFORMS.filter((p) => !textOnly.includes(p)))('is allowed on %s, where the text is optional', (platform) => {
    expect(measure(platform, '').valid).toBe(true);
  });
});

describe('X', () => {
  it('accepts 280 weighted characters', () => {
    const m = measure('x', a(280));
    expect(m).toMatchObject({ platform: 'x', field: 'text', length: 280, limit: 280, unit: 'weighted', valid: true });
    expect(m.problems).toEqual([]);
  });

  it('rejects 281 weighted characters', () => {
    const m = measure('x', a(281));
    expect(m.valid).toBe(false);
    expect(m.problems).toEqual(['281 weighted characters; X allows at most 280']);
  });

  it('counts each link as 23', () => {
    const m = measure('x', 'Read https://loomcast.app/a/very/long/path/that/goes/on/and/on');
    expect(m.length).toBe(5 + 23);
    expect(m.notes).toContain('X counts each link as 23');
  });

  it('counts an emoji sequence as 2', () => {
    const m = measure('x', 'hi 👨‍👩‍👧‍👦');
    expect(m.length).toBe(5);
    expect(m.notes).toContain('X counts each emoji as 2');
  });

  it('counts CJK characters as 2', () => {
    const m = measure('x', '日本語');
    expect(m.length).toBe(6);
    expect(m.notes.some((n) => n.includes('as 2'))).toBe(true);
  });

  it('rejects characters X does not allow', () => {
    const m = measure('x', 'hello\uFFFE');
    expect(m.valid).toBe(false);
    expect(m.problems[0]).toMatch(/does not allow/);
  });
});

describe('Bluesky', () => {
  it('accepts 300 graphemes even when they are emoji', () => {
    const m = measure('bluesky', '😀'.repeat(300));
    expect(m).toMatchObject({ length: 300, limit: 300, unit: 'graphemes', valid: true });
  });

  it('rejects 301 graphemes', () => {
    const m = measure('bluesky', a(301));
    expect(m.valid).toBe(false);
    expect(m.problems).toEqual(['301 characters; Bluesky allows at most 300']);
  });

  it('rejects text over 3000 UTF-8 bytes even within 300 graphemes', () => {
    const m = measure('bluesky', '👨‍👩‍👧‍👦'.repeat(150)); // 25 bytes each
    expect(m.length).toBe(150);
    expect(m.valid).toBe(false);
    expect(m.problems).toEqual(['3750 bytes (UTF-8); Bluesky allows at most 3000']);
  });

  it('counts links in full', () => {
    const url = 'https://loomcast.app/' + a(40);
    expect(measure('bluesky', url).length).toBe(url.length);
  });
});

describe('Mastodon', () => {
  it('accepts 500 graphemes by default', () => {
    expect(measure('mastodon', a(500))).toMatchObject({ length: 500, limit: 500, unit: 'graphemes', valid: true });
  });

  it('rejects 501 graphemes by default', () => {
    const m = measure('mastodon', a(501));
    expect(m.valid).toBe(false);
    expect(m.problems).toEqual(['501 characters; Mastodon allows at most 500']);
  });

  it("uses the server's character limit", () => {
    expect(measure('mastodon', a(600), { mastodonMaxChars: 1000 })).toMatchObject({ limit: 1000, valid: true });
  });

  it('counts every link as 23 however long it is', () => {
    const m = measure('mastodon', `see https://loomcast.app/${a(100)} and http://a.co`);
    expect(m.length).toBe(4 + 23 + 5 + 23);
    expect(m.notes).toContain('Mastodon counts each link as 23');
  });

  it("uses the server's characters reserved per URL", () => {
    expect(measure('mastodon', 'https://loomcast.app/x', { mastodonUrlLength: 30 }).length).toBe(30);
  });

  it('counts a remote mention @user@domain as just @user', () => {
    const m = measure('mastodon', 'hi @alice@mastodon.social!');
    expect(m.length).toBe('hi @alice!'.length);
    expect(m.notes.some((n) => n.includes('@alice@mastodon.social'))).toBe(true);
  });

  it('counts a local mention and an email address in full', () => {
    expect(measure('mastodon', '@alice').length).toBe(6);
    expect(measure('mastodon', 'mail bob@example.com').length).toBe(20);
  });

  it('counts a domain without a protocol in full', () => {
    expect(measure('mastodon', 'loomcast.app/' + a(30)).length).toBe(43);
  });

  it('counts an emoji as one character', () => {
    expect(measure('mastodon', '👍🏽🇫🇷').length).toBe(2);
  });
});

describe('Threads', () => {
  it('counts an emoji as its UTF-8 bytes on Threads', () => {
    const m = measure('threads', 'hi 😀');
    expect(m.length).toBe(3 + 4);
    expect(m.notes).toEqual(['Threads counts each emoji as its UTF-8 byte length (😀 counts 4)']);
  });

  it('counts a whole emoji sequence as its UTF-8 bytes', () => {
    expect(measure('threads', '👍🏽').length).toBe(8);
    expect(measure('threads', '❤️').length).toBe(6);
  });

  it('counts other characters as 1, including accented and CJK letters', () => {
    expect(measure('threads', 'café 日本').length).toBe(7);
  });

  it('refuses more than 5 different links in a post (Threads fails such a post since December 2025); one written twice counts once', () => {
    const links = (n: number) => Array.from({ length: n }, (_, i) => `https://example.com/p${i}`).join(' ');
    expect(measure('threads', links(5))).toMatchObject({ valid: true, problems: [] });
    expect(measure('threads', `${links(5)} https://example.com/p0`)).toMatchObject({ valid: true });
    expect(measure('threads', `${links(5)} and loomcast.app`)).toMatchObject({ valid: false, problems: ['6 links; Threads allows at most 5 per post'] });
  });

  it('accepts 500 characters', () => {
    expect(measure('threads', a(500))).toMatchObject({ length: 500, limit: 500, valid: true });
  });

  it('rejects text that emoji push over 500', () => {
    const m = measure('threads', a(497) + '😀');
    expect(m.length).toBe(501);
    expect(m.valid).toBe(false);
    expect(m.problems).toEqual(['501 weighted characters; Threads allows at most 500']);
  });
});

describe('LinkedIn', () => {
  it('accepts 3000 characters', () => {
    expect(measure('linkedin', a(3000))).toMatchObject({ length: 3000, limit: 3000, unit: 'characters', valid: true });
  });

  it('rejects 3001 characters', () => {
    expect(measure('linkedin', a(3001)).problems).toEqual(['3001 characters; LinkedIn allows at most 3000']);
  });

  it('backslash-escapes every reserved character', () => {
    expect(escapeLinkedInCommentary('\\|{}@[]()<>#*_~')).toBe('\\\\\\|\\{\\}\\@\\[\\]\\(\\)\\<\\>\\#\\*\\_\\~');
  });

  it('leaves ordinary text alone when escaping', () => {
    expect(escapeLinkedInCommentary('Hello, world! 50% off: see loomcast.app.')).toBe(
      'Hello, world! 50% off: see loomcast.app.',
    );
  });

  it('counts the text as sent, a backslash before each reserved character, and says so', () => {
    const m = measure('linkedin', 'Ship it #launch (today)');
    expect(m.length).toBe(escapeLinkedInCommentary('Ship it #launch (today)').length);
    expect(m.length).toBe(26);
    expect(m.notes.some((n) => n.includes('backslash-escaped when sent'))).toBe(true);
  });

  it('refuses a post whose escaped commentary is over 3000, though it reads 2990 characters', () => {
    // LinkedIn checks the commentary field Loomcast sends, escapes and all: 2990 + 15 backslashes.
    const text = `${'(a) #b '.repeat(5)}${a(2955)}`;
    expect(text.length).toBe(2990);
    const sent = escapeLinkedInCommentary(text).length;
    expect(sent).toBe(3005);
    const m = measure('linkedin', text);
    expect(m).toMatchObject({ length: sent, valid: false });
    expect(m.problems).toEqual([`${sent} characters; LinkedIn allows at most 3000`]);
  });

  it('accepts a post whose escaped commentary is exactly 3000', () => {
    const text = `${a(2988)} #a #b #c`;
    expect(text.length).toBe(2997);
    expect(measure('linkedin', text)).toMatchObject({ length: 3000, valid: true });
    expect(measure('linkedin', `x${text}`)).toMatchObject({ length: 3001, valid: false });
  });

  it('has no escaping note when nothing needs escaping', () => {
    expect(measure('linkedin', 'Ship it today').notes).toEqual([]);
  });
});

describe('Instagram', () => {
  const tags = (n: number) => Array.from({ length: n }, (_, i) => `#tag${i}`).join(' ');

  it('accepts 30 hashtags', () => {
    expect(measure('instagram', tags(30)).valid).toBe(true);
  });

  it('rejects 31 hashtags', () => {
    const m = measure('instagram', tags(31));
    expect(m.valid).toBe(false);
    expect(m.problems).toEqual(['31 hashtags; Instagram allows at most 30']);
  });

  it('counts hashtags written together, as Instagram does: 31 run-together tags are too many', () => {
    const together = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join('');
    const m = measure('instagram', `New drop ${together}`);
    expect(m.valid).toBe(false);
    expect(m.problems).toEqual(['31 hashtags; Instagram allows at most 30']);
  });

  it('counts number-only hashtags such as #2024 and #1', () => {
    const m = measure('instagram', `${tags(29)} #2024 #1`);
    expect(m.problems).toEqual(['31 hashtags; Instagram allows at most 30']);
  });

  it('counts unicode hashtags and does not count a # that starts no tag', () => {
    expect(measure('instagram', `${tags(28)} #日本 #café C# # heading`).valid).toBe(true);
    expect(measure('instagram', `${tags(28)} #日本 #café #über`).problems).toEqual(['31 hashtags; Instagram allows at most 30']);
  });

  it('rejects 21 @-mentions', () => {
    const mentions = Array.from({ length: 21 }, (_, i) => `@user${i}`).join(' ');
    expect(measure('instagram', mentions).problems).toEqual(['21 @-mentions; Instagram allows at most 20']);
  });

  it('accepts 2200 characters and rejects 2201', () => {
    expect(measure('instagram', a(2200))).toMatchObject({ limit: 2200, valid: true });
    expect(measure('instagram', a(2201)).problems).toEqual(['2201 characters; Instagram allows at most 2200']);
  });

  it('counts an emoji as 2 characters (UTF-16) and says so', () => {
    const m = measure('instagram', '😀');
    expect(m.length).toBe(2);
    expect(m.notes[0]).toMatch(/UTF-16/);
  });
});

describe('TikTok', () => {
  it('accepts a 2200-character caption and rejects 2201', () => {
    expect(measure('tiktok', a(2200))).toMatchObject({ field: 'text', limit: 2200, valid: true });
    expect(measure('tiktok', a(2201)).problems).toEqual(['2201 characters; TikTok allows at most 2200']);
  });

  it('counts UTF-16 code units', () => {
    expect(measure('tiktok', a(2199) + '😀')).toMatchObject({ length: 2201, valid: false });
  });

  it('measures a photo title against 90 characters', () => {
    expect(measure('tiktok', a(91), { field: 'title' })).toMatchObject({ field: 'title', limit: 90, valid: false });
  });
});

describe('YouTube', () => {
  it('measures the description by default, in UTF-8 bytes', () => {
    const m = measure('youtube', 'café');
    expect(m).toMatchObject({ field: 'description', length: 5, limit: 5000, unit: 'bytes', valid: true });
  });

  it('rejects a description over 5000 bytes', () => {
    const m = measure('youtube', 'é'.repeat(2501));
    expect(m.valid).toBe(false);
    expect(m.problems).toEqual(['Description: 5002 bytes; YouTube allows at most 5000']);
  });

  it('accepts a 100-character title and rejects 101', () => {
    expect(measure('youtube', a(100), { field: 'title' })).toMatchObject({ field: 'title', limit: 100, valid: true });
    expect(measure('youtube', a(101), { field: 'title' }).problems).toEqual([
      'Title: 101 characters; YouTube allows at most 100',
    ]);
  });

  it('rejects < or > in a title', () => {
    const m = measure('youtube', 'Top <10> tips', { field: 'title' });
    expect(m.valid).toBe(false);
    expect(m.problems).toEqual(['Title contains < or >, which YouTube does not allow']);
  });

  it('rejects < or > in a description', () => {
    expect(measure('youtube', 'a > b').problems).toEqual(['Description contains < or >, which YouTube does not allow']);
  });

  it("treats the 'text' field as the description", () => {
    expect(measure('youtube', 'hi', { field: 'text' }).field).toBe('description');
  });
});

describe('Pinterest', () => {
  it('measures the description by default against 800', () => {
    expect(measure('pinterest', a(800))).toMatchObject({ field: 'description', limit: 800, valid: true });
    expect(measure('pinterest', a(801)).problems).toEqual(['Description: 801 characters; Pinterest allows at most 800']);
  });

  it('counts an emoji as one character, as Pinterest does (code points)', () => {
    expect(measure('pinterest', a(795) + '😀🎬🧵🇩'.repeat(1) + 'b')).toMatchObject({ length: 800, valid: true });
    expect(measure('pinterest', a(99) + '😀', { field: 'title' })).toMatchObject({ length: 100, valid: true });
    expect(measure('pinterest', a(100) + '😀', { field: 'title' })).toMatchObject({ length: 101, valid: false });
  });

  it('measures a title against 100', () => {
    expect(measure('pinterest', a(100), { field: 'title' }).valid).toBe(true);
    expect(measure('pinterest', a(101), { field: 'title' }).valid).toBe(false);
  });
});

describe('Facebook', () => {
  it('accepts 63206 characters and rejects 63207', () => {
    expect(measure('facebook', a(63206))).toMatchObject({ limit: 63206, valid: true });
    expect(measure('facebook', a(63207)).problems).toEqual(['63207 characters; Facebook Page allows at most 63206']);
  });
});

describe('fields', () => {
  it('measures text-only platforms as text whatever field is asked for', () => {
    expect(measure('bluesky', 'hi', { field: 'title' }).field).toBe('text');
  });
});
