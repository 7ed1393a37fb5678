import { measure } from '../text-rules';
import { parseTemplate } from './template-text';
import { PLATFORM_NAMES, type Platform } from './platforms';

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
  media: { mime: string; bytes: number; altText: string | null }[];
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
  input.media.forEach((m, i) => {
    if (!ACCEPTED_MEDIA.includes(m.mime)) add('media_type', `media.${i + 1}`, `Media ${i + 1} is ${m.mime}, which ${name} does not take. Use JPEG, PNG, GIF, WebP, MP4 or MOV.`);
    else if (m.bytes > MAX_MEDIA_BYTES) add('media_type', `media.${i + 1}`, `Media ${i + 1} is larger than 512 MB, more than Loomcast sends to ${name}.`);
    if (m.mime.startsWith('image/') && ALT_REQUIRED.includes(platform) && !m.altText?.trim()) {
      add('alt_text', `media.${i + 1}`, `${name} expects a description of every image. Write alt text for image ${i + 1}.`);
    }
  });

  if (input.account?.status === 'needs_reconnect') add('account', 'account', `${input.account.handle} on ${name} needs reconnecting: ${name} no longer accepts its sign-in. Reconnect it in Accounts.`);
  else if (input.account?.status === 'disconnected') add('account', 'account', `${input.account.handle} on ${name} was disconnected. Connect it again in Accounts.`);
  else if (!input.account && input.needAccount) add('account', 'account', `No ${name} account is connected, so there is nowhere to post it. Connect one in Accounts.`);
  return problems;
}

/** One sentence for a list of problems: the first, and how many more. */
export function summariseProblems(problems: readonly GateProblem[]): string {
  const [first, ...rest] = problems;
  if (!first) return '';
  return rest.length === 0 ? first.message : `${first.message} (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})`;
}
