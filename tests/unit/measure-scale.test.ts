// Measuring huge texts: every platform's count is linear in time and memory, and truthful.
// No wall-clock assertions: each test only has to finish within vitest's default timeout.
import twitterText from 'twitter-text';
import { describe, expect, it } from 'vitest';
import { PLATFORMS, countGraphemes, escapeLinkedInCommentary, extractHashtags, extractMentions, extractUrls, measure, utf8Length } from '../../shared/text-rules';
import { graphemes, threadsLength } from '../../shared/text-rules/counting';
import { X_CONFIG, countX, extractUrlsWithIndices, parseXPost } from '../../shared/text-rules/entities';
import { mastodonCount } from '../../shared/text-rules/mastodon';
import { RUN_BUDGET, pieces } from '../../shared/text-rules/pieces';

// A deterministic generator, so a failure can be replayed.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ATOMS = [
  'word ', 'Loomcast ', 'café ', 'e\u0301', 'a\u0300\u0301\u0302', '\n', '\r\n', '\t', ' ',
  '👨‍👩‍👧‍👦', '👍🏽', '🧑🏿‍💻', '🏳️‍🌈', '❤️', '1️⃣', '🇫🇷', '🇩🇪', '🇯', '🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  '日本語', '中文', '한국어', '\u1100\u1161\u11A8', 'क्षि', 'ம்', '\u0600٣', 'Ω',
  'https://loomcast.app/a/path?q=1 ', 'example.com ', 'http://x.co/y ', '#launch ', '@alice ', '@bob@mastodon.social ',
  '\uD83D', '\uDC4D', '\u200D', '\uFE0F', '𝓛', 'a.b.c', '$CASH ',
];

function mixed(length: number, seed: number): string {
  const next = rng(seed);
  const parts: string[] = [];
  let n = 0;
  while (n < length) {
    const atom = ATOMS[Math.floor(next() * ATOMS.length)] as string;
    parts.push(atom);
    n += atom.length;
  }
  return parts.join('');
}

const ONE_MB = 1024 * 1024;
const huge = mixed(ONE_MB, 42);

describe('grapheme segmentation in windows', () => {
  const whole = (text: string) => Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment);

  it.each([1, 2, 3, 4, 5, 6])('matches segmenting the whole text (seed %i)', (seed) => {
    const text = mixed(6000, seed);
    expect(graphemes(text)).toEqual(whole(text));
  });

  it('handles clusters longer than a window and ASCII runs', () => {
    const text = 'x' + 'a' + '\u0301'.repeat(5000) + 'b'.repeat(3000) + '\r\n'.repeat(700) + 'e\u0301' + '🇫🇷'.repeat(800) + '🇯';
    expect(graphemes(text)).toEqual(whole(text));
  });

  it('stays linear on one cluster of 200,000 characters', () => {
    expect(countGraphemes('a' + '\u0301'.repeat(200_000) + 'bc')).toBe(3);
  });
});

describe('entities in long texts, piece by piece', () => {
  const text = mixed(30_000, 7);

  it('cuts only before whitespace and covers the text', () => {
    let at = 0;
    for (const p of pieces(text)) {
      expect(p.start).toBe(at);
      if (p.start > 0) expect(/^\s/.test(p.text)).toBe(true);
      at += p.text.length;
    }
    expect(at).toBe(text.length);
  });

  it('finds the same URLs, hashtags and mentions as twitter-text on the whole text', () => {
    expect(extractUrlsWithIndices(text)).toEqual(twitterText.extractUrlsWithIndices(text));
    expect(extractUrlsWithIndices(text, false)).toEqual(twitterText.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false }));
    expect(extractHashtags(text)).toEqual(twitterText.extractHashtags(text));
    expect(extractMentions(text)).toEqual(twitterText.extractMentions(text));
  });

  it("weighs the text exactly as parseTweet does on the whole text", () => {
    expect(countX(text)).toEqual({ weightedLength: parseXPost(text).weightedLength, exact: true, valid: false });
  });
});

describe('unbroken runs too long to parse', () => {
  it('gives X a lower bound, says "at least" and never calls the text valid', () => {
    const run = 'a.'.repeat(RUN_BUDGET); // twitter-text's URL pattern is quadratic on this
    const m = measure('x', `hi ${run} there`);
    expect(m.atLeast).toBe(true);
    expect(m.valid).toBe(false);
    expect(m.length).toBeGreaterThan(0);
    expect(m.problems.join(' ')).toMatch(/at least/);
  });

  it('still counts exactly when the rest of the text is plainly over the limit', () => {
    const m = measure('x', 'word '.repeat(200) + 'a.'.repeat(RUN_BUDGET));
    expect(m.atLeast).toBe(true);
    expect(m.length).toBeGreaterThan(1000);
    expect(m.problems[0]).toMatch(/^at least \d+ weighted characters; X allows at most 280$/);
  });

  it('gives Mastodon a lower bound when links cannot be searched', () => {
    const m = measure('mastodon', 'short ' + 'https://a.'.repeat(RUN_BUDGET / 4));
    expect(m).toMatchObject({ atLeast: true, valid: false });
    expect(m.length).toBeGreaterThanOrEqual(1);
  });
});

describe('measuring 1 MB of mixed text', () => {
  it('builds the text it promises', () => {
    expect(huge.length).toBeGreaterThanOrEqual(ONE_MB);
    expect(huge).toMatch(/👨‍👩‍👧‍👦/u);
    expect(huge).toMatch(/https:\/\//);
  });

  it.each(PLATFORMS)('is over the limit on %s, with a consistent count', (platform) => {
    const m = measure(platform, huge);
    expect(m.valid).toBe(false);
    expect(m.length).toBeGreaterThan(m.limit);
    expect(m.problems.length).toBeGreaterThan(0);
    expect(m.problems.join(' ')).toContain(String(m.length));
    expect(m.atLeast).toBeUndefined(); // whitespace every few characters: counted exactly
    switch (m.unit) {
      case 'characters':
        // LinkedIn counts the commentary as sent (escaped); Pinterest counts code points.
        if (platform === 'linkedin') expect(m.length).toBe(escapeLinkedInCommentary(huge).length);
        else if (platform === 'pinterest') expect(m.length).toBe(Array.from(huge).length);
        else expect(m.length).toBe(huge.length);
        break;
      case 'bytes':
        expect(m.length).toBe(utf8Length(huge));
        break;
      case 'graphemes':
        if (platform === 'bluesky') expect(m.length).toBe(countGraphemes(huge));
        else expect(m.length).toBeLessThanOrEqual(countGraphemes(huge)); // Mastodon shortens links
        break;
      case 'weighted':
        if (platform === 'threads') expect(m.length).toBe(threadsLength(huge));
        else expect(m.length).toBe(countX(huge).weightedLength);
        break;
    }
  });

  describe('agrees with counting the text in halves cut at a line break', () => {
    const cut = huge.indexOf('\n', huge.length / 2) + 1;
    const [a, b] = [huge.slice(0, cut), huge.slice(cut)];
    it('graphemes', () => expect(countGraphemes(huge)).toBe(countGraphemes(a) + countGraphemes(b)));
    it('X weight', () => expect(countX(huge).weightedLength).toBe(countX(a).weightedLength + countX(b).weightedLength));
    it('Mastodon', () => expect(mastodonCount(huge, 23).length).toBe(mastodonCount(a, 23).length + mastodonCount(b, 23).length));
    it('links', () => expect(extractUrls(huge).length).toBe(extractUrls(a).length + extractUrls(b).length));
  });

  it('names X\'s rules for links, emoji and CJK', () => {
    const m = measure('x', huge);
    expect(m.notes).toEqual([
      `X counts each link as ${X_CONFIG.transformedURLLength}`,
      'X counts each emoji as 2',
      'X counts most characters outside Latin scripts (e.g. Chinese, Japanese, Korean) as 2',
    ]);
  });
});
