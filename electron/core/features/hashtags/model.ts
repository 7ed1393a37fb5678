/**
 * Hashtags the creator's model suggests for a text, each with its reason. Nothing is sent unless a
 * model is set up in Settings → Writing; a model that fails leaves a note in words, never an error
 * that would hide the creator's own tags.
 */
import { z } from 'zod';
import type { ModelHashtag } from '../../../../shared/contract/features/hashtags';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import { AiError, whereTextGoes, type TextProvider } from '../../ai';
import { tagKey } from './history';

export const MODEL_MAX_TAGS = 8;
export const NO_MODEL_NOTE = 'No model is set up in Settings → Writing; these come from your own posts only.';
export const NO_TEXT_NOTE = 'Write the post first; the model suggests hashtags for its words.';

/** What the model answers; a few extra are tolerated and cut, so a chatty model is not refused. */
export const hashtagsSchema = z.object({
  hashtags: z
    .array(
      z.object({
        tag: z.string().max(140).describe('The hashtag, without #'),
        reason: z.string().max(400).describe('Why it fits this post, in a short plain sentence'),
      }),
    )
    .max(20),
});

type Suggestion = z.output<typeof ModelHashtag>;

/** A tag as platforms take it: no '#', only letters, digits and underscores; null when nothing is left. */
export function normaliseTag(raw: string): string | null {
  const tag = raw.trim().replace(/^[#＃]+/, '').replace(/[^\p{L}\p{N}_]/gu, '');
  if (!tag || /^\p{N}+$/u.test(tag)) return null; // an all-digit tag is not a hashtag on X
  return tag.slice(0, 100);
}

/** Keeps the first of each tag, dropping those in `taken` (compared case-insensitively). */
export function cleanSuggestions(raw: readonly { tag: string; reason: string }[], taken: Iterable<string>, max = MODEL_MAX_TAGS): Suggestion[] {
  const seen = new Set([...taken].map(tagKey));
  const out: Suggestion[] = [];
  for (const s of raw) {
    const tag = normaliseTag(s.tag);
    if (!tag || seen.has(tagKey(tag))) continue;
    seen.add(tagKey(tag));
    out.push({ tag, reason: s.reason.trim().replace(/\s+/g, ' ') || 'Suggested by your model for these words' });
    if (out.length >= max) break;
  }
  return out;
}

export function buildHashtagPrompt(text: string, platforms: readonly Platform[], ownTags: readonly string[]): { system: string; user: string } {
  const system = [
    'You suggest hashtags for one social media post.',
    `Answer with up to ${MODEL_MAX_TAGS} hashtags that people interested in the post's topic follow or search, best first.`,
    'Each tag: letters, digits or underscores only, without #. Leave out tags already in the post and the creator\'s own tags listed.',
    'Give each a short reason in plain words (under 15 words): why it fits this post.',
  ].join('\n');
  const where = platforms.length ? platforms.map((p) => PLATFORM_NAMES[p]).join(', ') : 'not chosen yet';
  const user = [`Platforms: ${where}`, `The creator's own tags (already suggested): ${ownTags.length ? ownTags.join(', ') : 'none'}`, '', 'Post:', text].join('\n');
  return { system, user };
}

export interface ModelAnswer {
  model: Suggestion[];
  modelNote: string | null;
  where: string | null;
  /** For the log: what happened, never what was said. */
  outcome: string;
}

export async function askModelForHashtags(opts: {
  provider: TextProvider | null;
  text: string;
  platforms: readonly Platform[];
  /** Tags the answer must not repeat: those in the text and the creator's own shown beside it. */
  taken: readonly string[];
  ownTags: readonly string[];
}): Promise<ModelAnswer> {
  const { provider, text } = opts;
  if (!provider) return { model: [], modelNote: NO_MODEL_NOTE, where: null, outcome: 'no_model' };
  if (!text.trim()) return { model: [], modelNote: NO_TEXT_NOTE, where: null, outcome: 'no_text' };
  const where = whereTextGoes(provider.config).words;
  const prompt = buildHashtagPrompt(text, opts.platforms, opts.ownTags);
  try {
    const r = await provider.generate({
      system: prompt.system,
      messages: [{ role: 'user', content: prompt.user }],
      schema: { name: 'hashtags', description: 'Hashtags for one social media post, each with its reason', zod: hashtagsSchema },
      maxTokens: 800,
    });
    const model = cleanSuggestions(r.object?.hashtags ?? [], opts.taken);
    return { model, modelNote: model.length ? null : 'Your model suggested nothing new for these words.', where, outcome: 'ok' };
  } catch (e) {
    if (e instanceof AiError) return { model: [], modelNote: `Your model could not suggest hashtags: ${e.message}`, where, outcome: e.code };
    return { model: [], modelNote: 'Your model could not suggest hashtags: something went wrong inside Loomcast while asking it.', where, outcome: 'internal' };
  }
}
