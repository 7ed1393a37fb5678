/**
 * What the model is told: the creator's voice (tone, words to use and avoid, few-shot examples)
 * and, for one draft at a time, what to write — a planned slot, an idea, or a new draft from an
 * existing post (rewritten for a platform, shortened to fit one, turned into a thread). Every
 * prompt asks for finished posts within each platform's limit; nothing is ever cut to fit.
 */
import { z } from 'zod';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import { limitsInWords } from './variants';

/** Bumped whenever a prompt's wording changes, so a draft can be traced to the prompt that wrote it. */
export const PROMPT_VERSIONS = { slot: 'slot-1', idea: 'idea-1', rewrite: 'rewrite-1', shorten: 'shorten-1', thread: 'thread-1' } as const;

export interface VoiceBrief {
  name: string;
  tone: string;
  wordsToUse: string[];
  wordsToAvoid: string[];
  examples: { text: string }[];
}

/** The voice, in the system prompt; examples are fenced so the model reads them as samples. */
export function voiceSection(voice: VoiceBrief | null): string | null {
  if (!voice) return null;
  const lines = [`Write in the creator's voice “${voice.name}”.`];
  if (voice.tone.trim()) lines.push(`Tone: ${voice.tone.trim()}`);
  if (voice.wordsToUse.length) lines.push(`Words and phrases they use: ${voice.wordsToUse.join(', ')}`);
  if (voice.wordsToAvoid.length) lines.push(`Never use: ${voice.wordsToAvoid.join(', ')}`);
  if (voice.examples.length) {
    lines.push('Posts they wrote themselves, to match how they sound (do not copy them):');
    voice.examples.forEach((e, i) => lines.push(`<example ${i + 1}>`, e.text, `</example ${i + 1}>`));
  }
  return lines.join('\n');
}

export function systemPrompt(voice: VoiceBrief | null): string {
  return ['You write social media posts for one creator, ready to publish.', 'Answer only with the JSON object asked for.', voiceSection(voice)].filter(Boolean).join('\n');
}

/** One finished draft: the post, and the later posts of a thread (empty for a single post). */
export const singleDraftSchema = (needThread: boolean) =>
  z.object({
    text: z.string().trim().min(1, 'The post is empty'),
    thread: z
      .array(z.string().trim().min(1, 'A part of the thread is empty'))
      .max(24, 'A thread has at most 25 posts')
      .refine((t) => !needThread || t.length >= 1, 'A thread needs at least two posts: put the posts after the first in "thread"'),
  });
export type SingleDraft = z.output<ReturnType<typeof singleDraftSchema>>;

const SHAPE = 'Answer with "text" (the post) and "thread" (the posts that follow it in a thread; an empty list for a single post).';
const FINISHED = 'Write a finished post: no placeholders in curly braces, no notes, nothing left to fill in.';
const fits = (platforms: readonly Platform[]) => `It must fit each platform it goes to — ${limitsInWords(platforms).join('; ')}.`;

export function slotPrompt(b: {
  pillar: { name: string; description: string } | null;
  template: { name: string; body: string } | null;
  campaign: string | null;
  draft: string;
  thread: string[];
  platforms: readonly Platform[];
}): string {
  return [
    'Write the planned post below as one finished post, better than the draft written by rules.',
    b.pillar ? `Content pillar: ${b.pillar.name}${b.pillar.description ? ` — ${b.pillar.description}` : ''}` : null,
    b.template ? `It follows the template “${b.template.name}”:\n${b.template.body}` : null,
    b.campaign ? `Campaign: ${b.campaign}` : null,
    FINISHED,
    fits(b.platforms),
    b.thread.length
      ? `It is the opening post of a thread; the posts after it stay as they are, so keep it leading into them. Give "thread" as an empty list.\nThe rest of the thread:\n${b.thread.join('\n---\n')}`
      : SHAPE,
    '',
    'The draft:',
    b.draft,
  ]
    .filter((l) => l !== null)
    .join('\n');
}

export function ideaPrompt(b: { idea: string; link: string | null; tags: string[]; platforms: readonly Platform[] }): string {
  return [
    'Write one finished post from this idea the creator noted down.',
    FINISHED,
    fits(b.platforms),
    b.link ? `Mention or use this link where it helps: ${b.link}` : null,
    b.tags.length ? `The idea's tags (use as hashtags only if they fit the platform): ${b.tags.join(', ')}` : null,
    SHAPE,
    '',
    'The idea:',
    b.idea,
  ]
    .filter((l) => l !== null)
    .join('\n');
}

export function rewritePrompt(b: { task: 'rewrite' | 'shorten' | 'thread'; platform: Platform | null; text: string; thread: string[]; platforms: readonly Platform[] }): string {
  const name = b.platform ? PLATFORM_NAMES[b.platform] : 'its platforms';
  const ask =
    b.task === 'rewrite'
      ? `Rewrite the post below for ${name}: its audience, its conventions and its length. Keep the meaning and the call to action.`
      : b.task === 'shorten'
        ? `Shorten the post below so it fits ${name}. Reword and cut whole phrases; never cut a word in half; keep the meaning and the call to action.`
        : 'Turn the post below into a thread: "text" is the opening post that makes people read on, and "thread" holds the posts that follow, in order (at least one).';
  return [
    ask,
    FINISHED,
    b.task === 'thread' ? `Each post of the thread must fit — ${limitsInWords(b.platforms).join('; ')}.` : fits(b.platforms),
    b.task === 'thread' ? null : SHAPE,
    '',
    'The post:',
    [b.text, ...b.thread].join('\n---\n'),
  ]
    .filter((l) => l !== null)
    .join('\n');
}
