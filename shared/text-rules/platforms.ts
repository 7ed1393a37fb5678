// Per-platform counting rules (see docs/platforms.md in the shared reference folder).
import { countCodePoints, countGraphemes, firstEmoji, graphemeClusters, hasAstral, isEmojiGrapheme, threadsLength, utf8Length } from './counting';
import { X_CONFIG, countX, extractMentions, extractUrls, hasXInvalidCharacters, isHeavyOnX } from './entities';
import { countInstagramHashtags } from './instagram';
import { LINKEDIN_RESERVED_CHARACTERS, countLinkedInReserved } from './linkedin';
import { MASTODON_DEFAULT_MAX_CHARS, MASTODON_DEFAULT_URL_LENGTH, extractRemoteMentions, mastodonCount } from './mastodon';
import { PLATFORM_NAMES, type Field, type MeasureOptions, type Platform, type Unit } from './types';

/** What a platform rule reports; `measure` adds the empty and over-limit problems. */
export interface Draft {
  length: number;
  limit: number;
  unit: Unit;
  /** Empty (or whitespace-only) text is a problem: the post would have nothing in it. */
  requireText: boolean;
  /** True when `length` is only a lower bound (part of a huge text could not be counted). */
  atLeast?: boolean;
  notes: string[];
  problems: string[];
}

type Rule = (text: string, field: Field, opts: MeasureOptions) => Draft;

export const BLUESKY_MAX_GRAPHEMES = 300;
export const BLUESKY_MAX_BYTES = 3000;
export const THREADS_MAX = 500;
/** Threads refuses a post with more links than this (THREADS_API__LINK_LIMIT_EXCEEDED, since December 2025). */
export const THREADS_MAX_LINKS = 5;
export const INSTAGRAM_MAX_HASHTAGS = 30;
export const INSTAGRAM_MAX_MENTIONS = 20;

/**
 * Limits in UTF-16 code units ('characters'), except YouTube's description (UTF-8 bytes) and
 * Pinterest's fields (code points: an emoji counts 1, as Pinterest's API schema counts them).
 */
export const FIELD_LIMITS = {
  linkedin: { text: 3000 },
  facebook: { text: 63206 },
  instagram: { text: 2200 },
  tiktok: { text: 2200, title: 90, description: 4000 }, // text = video caption; title/description = photo post
  youtube: { title: 100, description: 5000 },
  pinterest: { title: 100, description: 800 },
} as const satisfies Partial<Record<Platform, Partial<Record<Field, number>>>>;

/** Fields each platform measures; the first is the default (used for 'text' and unknown fields). */
export const PLATFORM_FIELDS: Readonly<Record<Platform, readonly Field[]>> = {
  x: ['text'],
  bluesky: ['text'],
  mastodon: ['text'],
  linkedin: ['text'],
  facebook: ['text'],
  instagram: ['text'],
  threads: ['text'],
  tiktok: ['text', 'title', 'description'],
  youtube: ['description', 'title'],
  pinterest: ['description', 'title'],
};

export function resolveField(platform: Platform, field: Field | undefined): Field {
  const fields = PLATFORM_FIELDS[platform];
  return field !== undefined && fields.includes(field) ? field : (fields[0] ?? 'text');
}

function positiveInt(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}

function utf16Note(platform: Platform, text: string): string[] {
  return hasAstral(text)
    ? [`${PLATFORM_NAMES[platform]} counts characters as UTF-16 code units, so most emoji count 2`]
    : [];
}

/** A rule for platforms that count UTF-16 code units against a per-field limit. */
function utf16Rule(platform: keyof typeof FIELD_LIMITS, requireText: boolean): Rule {
  return (text, field) => {
    const limits: Partial<Record<Field, number>> = FIELD_LIMITS[platform];
    return {
      length: text.length,
      limit: limits[field] ?? 0,
      unit: 'characters',
      requireText,
      notes: utf16Note(platform, text),
      problems: [],
    };
  };
}

/** Which of X's weighting notes apply: stops reading as soon as both are known. */
function xWeightNotes(normalized: string): { emoji: boolean; heavy: boolean } {
  let emoji = false;
  let heavy = false;
  for (const g of graphemeClusters(normalized)) {
    if (isEmojiGrapheme(g)) emoji = true;
    else if (!heavy) {
      for (const c of g) {
        if (isHeavyOnX(c.codePointAt(0) ?? 0)) {
          heavy = true;
          break;
        }
      }
    }
    if (emoji && heavy) break;
  }
  return { emoji, heavy };
}

const x: Rule = (text) => {
  const parsed = countX(text);
  const notes: string[] = [];
  const problems: string[] = [];
  if (extractUrls(text).length > 0) notes.push(`X counts each link as ${X_CONFIG.transformedURLLength}`);
  const normalized = text.normalize('NFC');
  const weights = xWeightNotes(normalized);
  if (weights.emoji) notes.push('X counts each emoji as 2');
  if (weights.heavy) notes.push('X counts most characters outside Latin scripts (e.g. Chinese, Japanese, Korean) as 2');
  const overLimit = parsed.weightedLength > X_CONFIG.maxWeightedTweetLength;
  if (hasXInvalidCharacters(normalized)) {
    problems.push('Text contains a character X does not allow (U+FFFE, U+FEFF or U+FFFF)');
  } else if (!parsed.valid && parsed.weightedLength > 0 && !overLimit && parsed.exact) {
    problems.push('X rejects this text');
  }
  return {
    length: parsed.weightedLength,
    limit: X_CONFIG.maxWeightedTweetLength,
    unit: 'weighted',
    requireText: true,
    ...(parsed.exact ? {} : { atLeast: true }),
    notes,
    problems,
  };
};

const bluesky: Rule = (text) => {
  const notes = [
    `Bluesky counts graphemes (an emoji counts 1) and also allows at most ${BLUESKY_MAX_BYTES} UTF-8 bytes`,
  ];
  if (extractUrls(text).length > 0) notes.push('Bluesky counts links in full (they are not shortened)');
  const bytes = utf8Length(text);
  return {
    length: countGraphemes(text),
    limit: BLUESKY_MAX_GRAPHEMES,
    unit: 'graphemes',
    requireText: true,
    notes,
    problems: bytes > BLUESKY_MAX_BYTES ? [`${bytes} bytes (UTF-8); Bluesky allows at most ${BLUESKY_MAX_BYTES}`] : [],
  };
};

const mastodon: Rule = (text, _field, opts) => {
  const limit = positiveInt(opts.mastodonMaxChars, MASTODON_DEFAULT_MAX_CHARS);
  const urlLength = positiveInt(opts.mastodonUrlLength, MASTODON_DEFAULT_URL_LENGTH);
  const counted = mastodonCount(text, urlLength);
  const notes = [`Mastodon counts graphemes (an emoji counts 1); this server allows ${limit}`];
  if (counted.urls > 0) notes.push(`Mastodon counts each link as ${urlLength}`);
  if (counted.remoteMentions > 0) {
    const [example] = extractRemoteMentions(text);
    notes.push(`Mastodon counts a remote mention like ${example} as just its @user part`);
  }
  return {
    length: counted.length,
    limit,
    unit: 'graphemes',
    requireText: true,
    ...(counted.exact ? {} : { atLeast: true }),
    notes,
    problems: [],
  };
};

const threads: Rule = (text) => {
  const notes: string[] = [];
  const emoji = firstEmoji(text);
  if (emoji !== undefined) {
    notes.push(`Threads counts each emoji as its UTF-8 byte length (${emoji} counts ${utf8Length(emoji)})`);
  }
  // Threads counts "all unique URLs found in the text": each address once, however often it is written.
  const links = new Set(extractUrls(text)).size;
  const problems = links > THREADS_MAX_LINKS ? [`${links} links; Threads allows at most ${THREADS_MAX_LINKS} per post`] : [];
  return { length: threadsLength(text), limit: THREADS_MAX, unit: 'weighted', requireText: true, notes, problems };
};

const linkedinBase = utf16Rule('linkedin', true);
const linkedin: Rule = (text, field, opts) => {
  const draft = linkedinBase(text, field, opts);
  const reserved = countLinkedInReserved(text);
  if (reserved > 0) {
    // LinkedIn holds its limit against the commentary as sent (escapeLinkedInCommentary), not as shown.
    draft.length += reserved;
    draft.notes.push(
      `LinkedIn reserved characters (${LINKEDIN_RESERVED_CHARACTERS.join(' ')}) are backslash-escaped when sent, ` +
        `and LinkedIn counts the backslashes: each of these counts 2`,
    );
  }
  return draft;
};

const instagramBase = utf16Rule('instagram', false);
const instagram: Rule = (text, field, opts) => {
  const draft = instagramBase(text, field, opts);
  const hashtags = countInstagramHashtags(text);
  const mentions = extractMentions(text).length;
  if (hashtags > 0 || mentions > 0) {
    draft.notes.push(
      `Instagram allows at most ${INSTAGRAM_MAX_HASHTAGS} hashtags and ${INSTAGRAM_MAX_MENTIONS} @-mentions per caption`,
    );
  }
  if (hashtags > INSTAGRAM_MAX_HASHTAGS) {
    draft.problems.push(`${hashtags} hashtags; Instagram allows at most ${INSTAGRAM_MAX_HASHTAGS}`);
  }
  if (mentions > INSTAGRAM_MAX_MENTIONS) {
    draft.problems.push(`${mentions} @-mentions; Instagram allows at most ${INSTAGRAM_MAX_MENTIONS}`);
  }
  return draft;
};

const youtubeTitle = utf16Rule('youtube', false);
const youtube: Rule = (text, field, opts) => {
  const draft: Draft =
    field === 'title'
      ? youtubeTitle(text, field, opts)
      : {
          length: utf8Length(text),
          limit: FIELD_LIMITS.youtube.description,
          unit: 'bytes',
          requireText: false,
          notes: ['YouTube counts the description in UTF-8 bytes (accented letters count 2, most emoji 4)'],
          problems: [],
        };
  if (/[<>]/.test(text)) {
    draft.problems.push(`${field === 'title' ? 'Title' : 'Description'} contains < or >, which YouTube does not allow`);
  }
  return draft;
};

/** Pinterest's API schema limits title and description by maxLength, which counts code points. */
const pinterest: Rule = (text, field) => ({
  length: countCodePoints(text),
  limit: field === 'title' ? FIELD_LIMITS.pinterest.title : FIELD_LIMITS.pinterest.description,
  unit: 'characters',
  requireText: false,
  notes: [],
  problems: [],
});

export const RULES: Readonly<Record<Platform, Rule>> = {
  x,
  bluesky,
  mastodon,
  linkedin,
  facebook: utf16Rule('facebook', true),
  instagram,
  threads,
  tiktok: utf16Rule('tiktok', false),
  youtube,
  pinterest,
};
