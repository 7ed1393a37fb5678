/**
 * What the model is asked for when it writes variants of a template, and how its answer is
 * checked: the same pre-flight gates a hand-written post passes (within each platform's limit,
 * no `{blank}` left). Nothing here is ever cut to fit: a draft that is too long is asked for
 * again once with the reason, then lands in Review flagged.
 */
import { z } from 'zod';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import { preflight } from '../../../../shared/domain/preflight';
import { measure } from '../../../../shared/text-rules';
import { systemPrompt, type VoiceBrief } from './prompts';

/** Bumped whenever the prompt's wording changes, so a draft can be traced to the prompt that wrote it. */
export const VARIANTS_PROMPT_VERSION = 'variants-2';

export const Variant = z.object({
  text: z.string().min(1),
  hook: z.string().optional(),
  cta: z.string().optional(),
});
export type Variant = z.output<typeof Variant>;

export const variantsSchema = (count: number) =>
  z.object({
    variants: z.array(Variant).length(count, `Write exactly ${count} variant${count === 1 ? '' : 's'}`),
  });

export interface Destination {
  accountId: string;
  platform: Platform;
  handle: string;
  status: string;
}

const UNIT: Record<string, string> = { weighted: 'weighted characters (a link counts as 23)', graphemes: 'characters', characters: 'characters', bytes: 'bytes (UTF-8)' };

/** Each platform's limit in words, from the same rules the composer's counters use. */
export function limitsInWords(platforms: readonly Platform[]): string[] {
  return [...new Set(platforms)].map((p) => {
    const m = measure(p, '');
    return `${PLATFORM_NAMES[p]}: at most ${m.limit} ${UNIT[m.unit] ?? m.unit}`;
  });
}

export function buildPrompt(input: { templateName: string; rendered: string; count: number; platforms: readonly Platform[]; voice?: VoiceBrief | null }): { system: string; user: string } {
  const system = systemPrompt(input.voice ?? null);
  const user = [
    `Write ${input.count} variant${input.count === 1 ? '' : 's'} of the post below, from the template “${input.templateName}”.`,
    'The variants must differ from each other in their opening hook, their call to action or their hashtags; keep the meaning.',
    'Each variant is one finished post: no placeholders in curly braces, no notes, nothing to fill in.',
    `Every variant must fit each platform it goes to — ${limitsInWords(input.platforms).join('; ')}.`,
    'Put the whole post in "text"; also give its "hook" (first line) and "cta" (call to action) when it has one.',
    '',
    'The post:',
    input.rendered,
  ].join('\n');
  return { system, user };
}

/** Why a draft (and its thread) would be refused, per platform; an empty list means it passes the gates. */
export function variantProblems(text: string, destinations: readonly Destination[], thread: readonly string[] = []): string[] {
  const problems: string[] = [];
  for (const d of destinations) {
    for (const p of preflight({
      platform: d.platform,
      text,
      thread: [...thread],
      firstComment: null,
      media: [],
      requiresMedia: false,
      maxImages: 0,
      takesImages: true,
      takesVideo: true,
      account: { handle: d.handle, status: d.status },
      needAccount: false,
    })) {
      if ((p.rule === 'text_limit' || p.rule === 'unfilled_blank') && !problems.includes(p.message)) problems.push(p.message);
    }
  }
  return problems;
}

/** The follow-up asking again once, naming the failing variants and why. */
export function askAgain(count: number, failing: { index: number; problems: string[] }[]): string {
  const lines = failing.map((f) => `- Variant ${f.index + 1}: ${f.problems.join('; ')}`);
  return [`Some variants can't be published as they are:`, ...lines, `Write all ${count} variants again so that each one fits, as finished posts without any curly braces. Shorten by rewording, never by cutting a word.`].join('\n');
}
