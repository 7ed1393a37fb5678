import { measure } from '../text-rules';
import { parseTemplate } from './template-text';
import { PLATFORM_MEDIA, type PlatformMediaRules, type VideoSeconds } from './media-limits';
import { PLATFORM_NAMES, articleFor, type Platform } from './platforms';

/** Platforms whose communities expect a description on every image: a post waits for it. */
export const ALT_REQUIRED: readonly Platform[] = ['bluesky', 'mastodon'];
/** Platforms that take alt text where it is recommended, not required. */
export const ALT_RECOMMENDED: readonly Platform[] = ['x', 'linkedin', 'facebook', 'instagram', 'threads', 'pinterest'];

/** Media types Loomcast stores and the platforms accept. */
export const ACCEPTED_MEDIA: readonly string[] = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'video/quicktime'];

export type GateRule = 'text_limit' | 'unfilled_blank' | 'media_required' | 'alt_text' | 'media_type' | 'media_count' | 'account';

export interface GateProblem {
  platform: Platform;
  rule: GateRule;
  /** What is wrong and what to do, in the creator's words, naming the platform. */
  message: string;
  /** Where in the post the problem is: 'text', 'thread.2', 'firstComment', 'media.1', 'account'. */
  field: string;
}

/** One copy of a post, as it would go out. */
export interface PreflightInput {
  platform: Platform;
  text: string;
  thread: string[];
  firstComment: string | null;
  /**
   * Width and height as the image or video is shown (EXIF orientation, a video's rotation
   * applied), and a video's length in milliseconds, where known.
   */
  media: { mime: string; bytes: number; altText: string | null; width?: number | null; height?: number | null; durationMs?: number | null }[];
  /** From the platform's client: it publishes nothing without an image or video. */
  requiresMedia: boolean;
  /** 0 where the client takes no images. */
  maxImages: number;
  /** Whether the platform's client publishes images, and video. */
  takesImages: boolean;
  takesVideo: boolean;
  /** null: no account is bound yet. */
  account: { handle: string; status: string } | null;
  /** Whether an account must be connected now (at publishing time) or may be connected later. */
  needAccount: boolean;
  /** A Mastodon instance's own limits, where known. */
  mastodonMaxChars?: number;
}

const MAX_MEDIA_BYTES = 512 * 1024 * 1024;

/**
 * The one pre-flight check every copy passes before it is approved, scheduled, moved, imported
 * or sent: what the platform would refuse is refused here first, in words, with the field.
 */
export function preflight(input: PreflightInput): GateProblem[] {
  const { platform } = input;
  const name = PLATFORM_NAMES[platform];
  const problems: GateProblem[] = [];
  const add = (rule: GateRule, field: string, message: string) => problems.push({ platform, rule, field, message });

  const texts: [string, string][] = [
    ['text', input.text],
    ...input.thread.map((t, i): [string, string] => [`thread.${i + 2}`, t]),
    ...(input.firstComment ? [['firstComment', input.firstComment] as [string, string]] : []),
  ];
  for (const [field, text] of texts) {
    const where = field === 'text' ? 'The text' : field === 'firstComment' ? 'The first comment' : `Thread part ${field.slice(7)}`;
    const blanks = parseTemplate(text).variables.map((v) => `{${v.label}}`);
    if (blanks.length > 0) add('unfilled_blank', field, `${where} still has ${blanks.length === 1 ? 'a blank to fill in' : 'blanks to fill in'}: ${blanks.join(', ')}. Fill ${blanks.length === 1 ? 'it' : 'them'} in before it goes to ${name}.`);
    const m = measure(platform, text, input.mastodonMaxChars ? { mastodonMaxChars: input.mastodonMaxChars } : {});
    // An empty caption is fine where media carries the post; everything else must be within the rules.
    const measured = input.media.length > 0 ? m.problems.filter((p) => p !== 'Text is empty') : m.problems;
    if (measured.length > 0) add('text_limit', field, `${where} doesn't fit ${name}: ${measured.join('; ')}.`);
  }

  if (input.requiresMedia && input.media.length === 0) add('media_required', 'media', `${name} only publishes posts with an image or video. Add one, or take ${name} off this post.`);
  const images = input.media.filter((m) => m.mime.startsWith('image/'));
  if (images.length > 0 && !input.takesImages) add('media_type', 'media', `${name} takes no photos here: use a video, or take ${name} off this post.`);
  if (input.media.some((m) => m.mime.startsWith('video/')) && !input.takesVideo) add('media_type', 'media', `${name} takes no video here: use photos, or take ${name} off this post.`);
  if (input.maxImages > 0 && images.length > input.maxImages) add('media_count', 'media', `${name} takes at most ${input.maxImages} images; this post has ${images.length}.`);
  for (const p of mediaRuleProblems(platform, input.media, input)) add(p.rule, p.field, p.message);
  input.media.forEach((m, i) => {
    const field = `media.${i + 1}`;
    if (!ACCEPTED_MEDIA.includes(m.mime)) add('media_type', field, `Media ${i + 1} is ${m.mime}, which ${name} does not take. Use JPEG, PNG, GIF, WebP, MP4 or MOV.`);
    else if (m.bytes > MAX_MEDIA_BYTES) add('media_type', field, `Media ${i + 1} is larger than 512 MB, more than Loomcast sends to ${name}.`);
    if (m.mime.startsWith('image/') && ALT_REQUIRED.includes(platform) && !m.altText?.trim()) {
      add('alt_text', field, `${name} expects a description of every image. Write alt text for image ${i + 1}.`);
    }
  });

  if (input.account?.status === 'needs_reconnect') add('account', 'account', `${input.account.handle} on ${name} needs reconnecting: ${name} no longer accepts its sign-in. Reconnect it in Accounts.`);
  else if (input.account?.status === 'disconnected') add('account', 'account', `${input.account.handle} on ${name} was disconnected. Connect it again in Accounts.`);
  else if (!input.account && input.needAccount) add('account', 'account', `No ${name} account is connected, so there is nowhere to post it. Connect one in Accounts.`);
  return problems;
}

type MediaFacts = PreflightInput['media'][number];

/**
 * A platform's own media rules (media-limits.ts: types, sizes, shape, what goes alone, how many,
 * alt text length), as its client or the platform applies them when the post falls due. Part of
 * the pre-flight, and read by the import's preview on its rows' files, so a row is refused there
 * rather than at its commit.
 */
export function mediaRuleProblems(platform: Platform, media: readonly MediaFacts[], caps: Pick<PreflightInput, 'takesImages' | 'takesVideo' | 'maxImages'>): Omit<GateProblem, 'platform'>[] {
  const name = PLATFORM_NAMES[platform];
  const an = articleFor(name) === 'an' ? 'An' : 'A';
  const problems: Omit<GateProblem, 'platform'>[] = [];
  const add = (rule: GateRule, field: string, message: string) => problems.push({ rule, field, message });
  const rules = PLATFORM_MEDIA[platform];
  const images = media.filter((m) => m.mime.startsWith('image/'));
  const videos = media.filter((m) => m.mime.startsWith('video/')).length;
  const gifs = media.filter((m) => m.mime === 'image/gif').length;
  const kindsTaken = (images.length === 0 || caps.takesImages) && (videos === 0 || caps.takesVideo);
  if (kindsTaken && media.length > 1) {
    if (rules.videoAlone && videos > 0) add('media_count', 'media', `${an} ${name} post takes one video on its own, without photos or a second video. Keep one video, or split the post.`);
    else if (rules.gifAlone && gifs > 0) add('media_count', 'media', `${an} ${name} post takes one GIF on its own, without other photos or a second GIF. Keep one GIF, or split the post.`);
    else if (rules.maxItems !== undefined && media.length > rules.maxItems && !(caps.maxImages > 0 && images.length > caps.maxImages)) {
      const most = rules.maxItems === 1 ? 'one image or one video' : `at most ${rules.maxItems} photos and videos`;
      add('media_count', 'media', `${name} takes ${most} in one post; this post has ${media.length}. Remove some, or split the post.`);
    }
  }
  media.forEach((m, i) => {
    const field = `media.${i + 1}`;
    if (m.mime.startsWith('image/') && caps.takesImages && ACCEPTED_MEDIA.includes(m.mime) && m.bytes <= MAX_MEDIA_BYTES) {
      const limit = m.mime === 'image/gif' && rules.maxGifBytes ? rules.maxGifBytes : rules.maxImageBytes;
      const kind = m.mime.slice(6).toUpperCase();
      if (rules.imageTypes && !rules.imageTypes.includes(m.mime)) {
        add('media_type', field, `${name} takes ${rules.imageTypesWords} photos only; image ${i + 1} is ${kind}. Convert it to ${rules.imageTypesWords}, or take ${name} off this post.`);
      } else if (limit && m.bytes > limit.bytes) {
        add('media_type', field, `${name} takes ${m.mime === 'image/gif' && rules.maxGifBytes ? 'GIFs' : 'photos'} up to ${limit.words}; image ${i + 1} is ${megabytes(m.bytes)} MB. Make it smaller.`);
      } else if (rules.aspect && m.width && m.height && !withinAspect(m.width / m.height, rules.aspect)) {
        add('media_type', field, `${name} takes photos ${rules.aspect.words}; image ${i + 1} is ${m.width}×${m.height}. Crop it to fit.`);
      }
    }
    const length = rules.carouselVideoSeconds && media.length > 1 ? rules.carouselVideoSeconds : rules.videoSeconds;
    // A video whose length could not be read is not refused for it: the platform may still take it.
    if (m.mime.startsWith('video/') && caps.takesVideo && ACCEPTED_MEDIA.includes(m.mime) && length && m.durationMs != null && m.durationMs > 0) {
      const problem = videoLengthProblem(m.durationMs / 1000, length);
      if (problem) add('media_type', field, `${name} takes videos ${length.words}; video ${i + 1} is ${problem.is}. ${problem.fix}, or take ${name} off this post.`);
    }
    if (m.mime.startsWith('video/') && caps.takesVideo && ACCEPTED_MEDIA.includes(m.mime) && m.width && m.height) {
      const shape = videoShapeProblem(m.width, m.height, rules);
      if (shape) add('media_type', field, `${name} takes videos ${shape.words}; video ${i + 1} is ${m.width}×${m.height}. ${shape.fix}, or take ${name} off this post.`);
    }
    const alt = m.altText?.trim() ?? '';
    if (rules.maxAltChars !== undefined && [...alt].length > rules.maxAltChars) {
      add('alt_text', field, `${name} takes alt text up to ${rules.maxAltChars} characters; the one for media ${i + 1} has ${[...alt].length}. Shorten it.`);
    }
  });
  return problems;
}

/**
 * How a video's length misses the platform's, in words: "6 min 12 s" (rounded away from the
 * limit, so a video just over it never reads as the limit itself).
 */
function videoLengthProblem(seconds: number, limit: VideoSeconds): { is: string; fix: string } | null {
  if (seconds > limit.max) return { is: durationWords(seconds, Math.ceil), fix: 'Trim it' };
  if (limit.min !== undefined && seconds < limit.min) return { is: durationWords(seconds, Math.floor), fix: 'Use a longer one' };
  return null;
}

/** How a video's size as shown misses the platform's shape or sides, in words; null when it fits or the platform has no rule. */
function videoShapeProblem(width: number, height: number, rules: PlatformMediaRules): { words: string; fix: string } | null {
  const { videoAspect: aspect, videoSides: sides } = rules;
  if (aspect && !withinAspect(width / height, aspect)) return { words: aspect.words, fix: 'Crop it to fit' };
  if (sides?.min !== undefined && Math.min(width, height) < sides.min) return { words: sides.words, fix: 'Use a larger one' };
  if (sides?.max !== undefined && Math.max(width, height) > sides.max) return { words: sides.words, fix: 'Make it smaller' };
  return null;
}

/** "0.4 s", "45 s", "6 min 12 s", "1 h 3 min 5 s": tenths under 10 seconds, whole seconds above. */
export function durationWords(seconds: number, round: (n: number) => number = Math.round): string {
  if (seconds < 10) return `${round(seconds * 10) / 10} s`;
  const whole = round(seconds);
  const h = Math.floor(whole / 3600);
  const min = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return [h ? `${h} h` : '', min ? `${min} min` : '', s || (!h && !min) ? `${s} s` : ''].filter(Boolean).join(' ');
}

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/** Within the ratios, allowing a pixel's rounding (1080×1350 is 4:5 exactly; 1080×566 is 1.91:1 as exported). */
const withinAspect = (ratio: number, { min, max }: { min: number; max: number }) => ratio >= min - 0.005 && ratio <= max + 0.005;

/** One sentence for a list of problems: the first, and how many more. */
export function summariseProblems(problems: readonly GateProblem[]): string {
  const [first, ...rest] = problems;
  if (!first) return '';
  return rest.length === 0 ? first.message : `${first.message} (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})`;
}
