/**
 * The offline writer: turns a template into a finished post with no AI provider, from what
 * Loomcast knows (the pillar and its voice, the campaign, an idea, the platform). Every variable
 * gets a value by a rule, hooks, calls to action and hashtags vary with a seed (the slot's date,
 * the template and the pillar), and the result always passes the text gates: no brace left, and
 * within the platform's limit, shortened by dropping hashtags and the added call to action, or
 * split at line and sentence ends into a thread where the platform takes threads; never cut
 * mid-word. Plain functions, no clock, no database: the same input writes the same post.
 */
import type { Platform } from '../../../shared/domain/platforms';
import { parseTemplate, splitThread, wordsFound } from '../../../shared/domain/template-text';
import { measure } from '../../../shared/text-rules';
import { ADVICE, BEFORE_AFTER, CADENCES, COSTS, CTAS, DURATIONS, HOOKS, QUESTIONS, SACRIFICES, SPANS, TIME_AGO, registerOf, type Goal, type Register } from './phrases';
import { chooser } from './seeded';

/** Recorded with each draft, as an AI draft records its prompt version. */
export const OFFLINE_WRITER_VERSION = 'offline-1';

export interface OfflineWriterInput {
  platform: Platform;
  /** Whether the platform publishes thread parts; without, a thread's parts become one post. */
  threads: boolean;
  template: { id: string; name: string; body: string; category?: string };
  pillar: { id: string; name: string; description?: string };
  voice?: { tone: string; wordsToUse: readonly string[]; wordsToAvoid: readonly string[] } | null;
  campaign?: { name: string; theme: string | null; goal: Goal | null } | null;
  idea?: { text: string; link: string | null; tags: readonly string[] } | null;
  /** Same seed, same post: see offlineSeed. */
  seed: string;
  /** A Mastodon server's own limit, where known. */
  mastodonMaxChars?: number;
}

export interface OfflineDraft {
  /** The post and the rest of its thread, each within the platform's limit. */
  parts: string[];
  /** The value each variable got, by its label. */
  values: Record<string, string>;
  hashtags: string[];
  /** What the writer could not do (empty when the draft passes the text gates). */
  problems: string[];
}

/** The seed of a planned slot: previews and the drafts they commit read the same. */
export const offlineSeed = (date: string, templateId: string, pillarId: string) => `${date}|${templateId}|${pillarId}`;

/** How many hashtags suit each platform's culture. */
const HASHTAGS: Record<Platform, number> = { x: 2, bluesky: 2, mastodon: 3, threads: 1, linkedin: 3, facebook: 2, instagram: 5, tiktok: 4, youtube: 3, pinterest: 3 };

/** Whatever the creator typed, made safe to put in a post: no braces, no angle brackets, one line. */
const clean = (s: string | null | undefined) => (s ?? '').replace(/[{}<>]/g, '').replace(/\s+/g, ' ').trim();
const stripEnd = (s: string) => s.replace(/[.!?…:;,]+$/u, '');

/** A pillar's name as it reads mid-sentence: "Sourdough Baking" → "sourdough baking", "AI Tools" keeps "AI". */
export function topicOf(name: string): string {
  return clean(name)
    .split(' ')
    .map((w) => (/^\p{Lu}[\p{Ll}’'-]*$/u.test(w) ? w.toLowerCase() : w))
    .join(' ');
}

/** A hashtag from words: "sourdough baking" → #SourdoughBaking; null when nothing usable is left. */
export function hashtagOf(words: string): string | null {
  const body = clean(words)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return body.length >= 2 && body.length <= 30 && /^\p{L}/u.test(body) ? `#${body}` : null;
}

interface Facts {
  topic: string;
  /** The idea's line, when one is linked: the point the post makes. */
  point: string | null;
  link: string | null;
  campaign: string | null;
  goal: Goal;
  register: Register;
}

/** Where a variable sits: the text before it on its line, and what follows it. */
interface Spot {
  key: string;
  before: string;
  after: string;
}

type Rule = (f: Facts, at: Spot) => string[];

const ends = (re: RegExp) => (at: Spot) => re.test(at.before);
const singular = ends(/\b(a|an|another|one)\s+$/i);
const afterArticle = ends(/\b(the|a|an|my|your|full|this)\s+$/i);

const SHOTS: Record<string, string[]> = {
  'problem shot': ['the messy first attempt', 'the usual mistake, in slow motion'],
  'result shot': ['the finished result, up close', 'the side-by-side of before and after'],
  'before shot': ['the first attempt, unedited', 'the old setup, as it was'],
  'after shot': ['the finished result, in good light', 'the result today, up close'],
  'process shots': ['three quick steps, hands only', 'the routine, from start to finish'],
  'demo steps': ['open it, pick one option, done', 'the three clicks it takes'],
  proof: ['a side-by-side of week one and week ten', 'my notes from the last month'],
};

/**
 * The rules, by variable name (matched on the whole name). Each returns candidates; the seed
 * picks one by the variable's name, so a variable used twice reads the same both times.
 */
const RULES: [RegExp, Rule][] = [
  [/^(topic|subject|theme|niche|pillar|category)$/, (f, at) => [ends(/\b(I|we|you)\s+$/)(at) ? `approach ${f.topic}` : f.topic]],
  [/^(audience|target audience|reader|readers|followers|community)$/, (f, at) => (singular(at) ? ['beginner', 'newcomer', `newcomer to ${f.topic}`] : ['beginners', 'people just starting out', `people new to ${f.topic}`])],
  [/^(product|brand|offer|service|name|project|campaign)$/, (f) => [f.campaign ?? `this ${f.topic} routine`]],
  [/^(hook|headline|opening|opener)$/, (f) => HOOKS[f.register].map((h) => h(f.topic))],
  [/^(call to action|cta|ask)$/, (f) => CTAS[f.goal][f.register].map((c) => c(f.topic))],
  [/^(question|prompt)$/, (f) => QUESTIONS.map((q) => q(f.topic))],
  [/^time ago$/, () => TIME_AGO],
  [/^(time frame|timeframe|period)$/, () => SPANS],
  [/^(duration|how long)$/, () => DURATIONS],
  [/^time it took$/, () => ['two years', 'far too long', 'a few months']],
  [/^(cadence|frequency)$/, () => CADENCES],
  [/^time unit$/, () => ['week', 'day']],
  [/^how fast$/, () => ['minutes', 'a few clicks']],
  [/^bad habit$/, (f) => [`winging ${f.topic}`, `chasing every new ${f.topic} trend`, 'waiting for the perfect moment']],
  [/^(what it costs|cost)$/, () => COSTS],
  [/^(usual sacrifice|usual pain|sacrifice|pain)$/, () => SACRIFICES],
  [/^(things|items|ideas)$/, (f) => [`${f.topic} habits`, 'small changes', 'simple routines']],
  [/^(result|results)$/, (f, at) => (ends(/\bfrom\b.*\bto\s+$/)(at) ? [`a steady ${f.topic} routine`, `real progress in ${f.topic}`] : [`get better at ${f.topic}`, `enjoy ${f.topic} again`, `stay consistent with ${f.topic}`])],
  [/^common belief$/, (f) => [`posting about ${f.topic} every day`, 'perfect gear', 'chasing trends']],
  [/^(your view|view|opinion|point)$/, (f) => (f.point ? [f.point] : ['showing up every week', 'doing the basics well', 'being honest about what didn’t work'])],
  [/^(desired outcome|goal|outcome wanted)$/, (f) => [`getting better at ${f.topic}`, `steady progress in ${f.topic}`]],
  [/^experiment$/, (f) => [`a new ${f.topic} routine`, `one ${f.topic} task every morning`]],
  [/^problem$/, (f, at) => (ends(/\b(with|about|of|for|on|in)\s+$/)(at) ? [`staying consistent with ${f.topic}`, `finding time for ${f.topic}`] : [`give up on ${f.topic} too early`, 'try to do everything at once'])],
  [/^myth$/, (f) => [`you need talent to be good at ${f.topic}`, `${f.topic} takes hours every day`, `you need expensive gear for ${f.topic}`]],
  [/^why people believe it$/, () => ['it sounds true, and nobody checks', 'everyone repeats it']],
  [/^(fact|truth)$/, (f) => (f.point ? [f.point] : [`steady beats intense in ${f.topic}`, `small, regular steps win in ${f.topic}`])],
  [/^benefit$/, (f) => (f.point ? [f.point] : [`it makes ${f.topic} simpler`, 'it saves me time every week'])],
  [/^situation$/, (f, at) => (ends(/\byou\s+$/)(at) ? [`get stuck on ${f.topic}`, `start something new in ${f.topic}`] : [`plenty of effort on ${f.topic}, not much to show for it`, `${f.topic} squeezed into spare minutes`])],
  [/^(caption|summary)$/, (f) => [`${f.topic}, one small step at a time`, `small steps in ${f.topic} add up`]],
  [/^(sound|sound or track|track|music)$/, () => ['a calm instrumental track', 'trending audio that fits the mood']],
  [/^moment$/, () => ['a single comment', 'one bad week', 'a quiet Sunday']],
  [/^setup$/, (f) => [`doing ${f.topic} without a plan`, `trying every ${f.topic} tip at once`]],
  [/^conflict$/, () => ['nothing I tried stuck', 'I was busy but not getting anywhere']],
  [/^realisation$|^realization$/, () => ['I was copying others instead of doing what works for me', 'I had been skipping the basics']],
  [/^annoying task$/, (f) => [`planning your ${f.topic}`, `keeping track of your ${f.topic}`]],
  [/^painful way$/, () => ['one step at a time, all by hand', 'copying, pasting and checking twice']],
  [/^keyword$/, (f) => [keywordOf(f.topic)]],
  [/^(resource|guide|freebie|download)$/, (f, at) => (afterArticle(at) ? [`${f.topic} checklist`, `${f.topic} guide`] : [`my ${f.topic} checklist`, `my ${f.topic} guide`])],
  [/ shots?$|^demo steps$|^proof$/, (f, at) => SHOTS[at.key] ?? [`the ${at.key} for ${f.topic}`]],
  [/^doing what$/, (f) => [`working on ${f.topic}`, `taking ${f.topic} seriously`]],
  [/^outcome$/, (f) => [`get started with ${f.topic}`, `get better at ${f.topic}`]],
  [/^who$/, () => ['one of my readers', 'a friend of mine', 'I']],
  [/^starting point$/, () => ['no routine at all', 'a blank page', 'pure guesswork']],
  [/^numbers$/, () => ['no magic numbers, just steady progress week after week', 'slow at first, then steady week after week']],
  [/^why it matters$/, () => ['small steps add up faster than you think', 'it saves you from starting over every week']],
  [/^(announcement|news)$/, (f) => (f.point ? [f.point] : f.campaign ? [`${f.campaign} starts now`] : [`something new is coming for ${f.topic}`])],
  [/^(link|url)$/, (f) => [f.link ?? 'More details soon']],
  [/^(number|count|how many)$/, () => ['3', '5', '7']],
];

/** Variables that are one piece of advice each: no two in a draft say the same thing. */
const ADVICE_KEYS = /^(tip|step|lesson|takeaway|resolution|what changed|change|solution|what to do|fix|advice)( (one|two|three|four|five|\d))?$/;
const BEFORE_AFTER_KEYS = /^(before|after)$/;
const HASHTAG_KEYS = /^(hashtag|hashtags|tags)$/;

function keywordOf(topic: string): string {
  const word = topic.split(/[^\p{L}]+/u).find((w) => w.length >= 3);
  return word ? word.toUpperCase() : 'YES';
}

/** The variable's own label with the topic: for names no rule knows, never a brace. */
function neutral(label: string, f: Facts, at: Spot): string {
  const bare = clean(label).replace(/^(my|your|the|a|an)\s+/i, '').toLowerCase();
  return afterArticle(at) ? `${bare} for ${f.topic}` : `my ${bare} for ${f.topic}`;
}

/** At the start of a line or sentence (after a colon only where the value is a sentence of its own). */
const startsSentence = (before: string) => /(^|[.!?:\]\n])["“'‘(\s]*$/u.test(before);
/** A short label before a colon, like "SOLVE:" or "Caption:": what follows starts a sentence. */
const LABEL = /(^|[.!?:\]\n])\s*[\p{L}]+(\s[\p{L}]+)?:\s*$/u;
const capitalise = (s: string) => (/^https?:\/\//.test(s) ? s : s.replace(/^(\p{Ll})/u, (c) => c.toUpperCase()));
const terminal = (s: string) => (/[.!?…]$/u.test(s) || /^https?:\/\//.test(s) ? s : `${s}.`);

export function writeOffline(input: OfflineWriterInput): OfflineDraft {
  const seeded = chooser(input.seed);
  const avoid = (input.voice?.wordsToAvoid ?? []).map(clean).filter(Boolean);
  const speaks = (s: string) => wordsFound(s, avoid).length === 0;
  /** One of the candidates, avoiding the voice's words to avoid where any candidate can. */
  const pick = (slot: string, options: readonly string[]) => {
    const allowed = options.filter(speaks);
    return seeded.pick(slot, allowed.length > 0 ? allowed : options);
  };

  const idea = input.idea ? { text: clean(input.idea.text), link: input.idea.link && /^https?:\/\/\S+$/.test(input.idea.link) ? input.idea.link : null } : null;
  // A campaign's theme takes turns with the pillar as the topic, when it is a name rather than a paragraph.
  const theme = clean(input.campaign?.theme);
  const short = theme.length > 0 && theme.length <= 40 && theme.split(' ').length <= 5 && !/[.!?]/.test(theme);
  const topic = topicOf(short ? pick('theme', [input.pillar.name, theme]) : input.pillar.name) || 'this';
  const facts: Facts = {
    topic,
    point: idea?.text ? stripEnd(idea.text) : null,
    link: idea?.link ?? null,
    campaign: clean(input.campaign?.name) || null,
    goal: input.campaign?.goal ?? 'engagement',
    register: registerOf(input.voice?.tone ?? ''),
  };

  // Hashtags: the pillar's first, then the campaign's, the idea's and the voice's words in a seeded order.
  const seen = new Set<string>();
  const tags = [input.pillar.name, ...seeded.shuffle('hashtags', [input.campaign?.name ?? '', ...(input.idea?.tags ?? []), ...(input.voice?.wordsToUse ?? [])])]
    .filter((w) => w && speaks(w))
    .map(hashtagOf)
    .filter((t): t is string => t !== null && !seen.has(t.toLowerCase()) && Boolean(seen.add(t.toLowerCase())))
    .slice(0, HASHTAGS[input.platform]);

  const parsed = parseTemplate(input.template.body);
  const advice = seeded.shuffle('advice', ADVICE).map((a) => a(topic)).filter(speaks);
  const adviceOf = new Map<string, string>();
  const pair = seeded.pick('before-after', BEFORE_AFTER);
  const ordinals = parsed.variables.filter((v) => /^(step|tip|lesson) (one|two|three|four|five)$/.test(v.key)).length;

  const values: Record<string, string> = {};
  const valueOf = (key: string, label: string, at: Spot): { text: string; sentence: boolean } => {
    let text: string;
    if (ADVICE_KEYS.test(key)) {
      if (!adviceOf.has(key)) adviceOf.set(key, facts.point && /^(takeaway|lesson)$/.test(key) ? facts.point : (advice[adviceOf.size % Math.max(1, advice.length)] ?? neutral(label, facts, at)));
      text = adviceOf.get(key)!;
    } else if (BEFORE_AFTER_KEYS.test(key)) {
      text = (key === 'before' ? pair[0] : pair[1])(topic);
    } else if (HASHTAG_KEYS.test(key)) {
      text = tags.join(' ') || (hashtagOf(topic) ?? '');
    } else if (/^(number|count|how many)$/.test(key) && ordinals > 0) {
      text = String(ordinals);
    } else {
      const rule = RULES.find(([re]) => re.test(key));
      text = rule ? pick(key, rule[1](facts, at).map(clean).filter(Boolean)) : neutral(label, facts, at);
    }
    text = clean(text) || neutral(label, facts, at);
    // A variable alone at the end of its line is a sentence; before punctuation, a phrase.
    const sentence = /^\s*(\n|$)/.test(at.after) && !HASHTAG_KEYS.test(key);
    if (/^[.,;:!?)”’]/u.test(at.after)) text = stripEnd(text);
    if (startsSentence(at.before) && (sentence || !/:\s*$/.test(at.before) || LABEL.test(at.before))) text = capitalise(text);
    return { text: sentence ? terminal(text) : text, sentence };
  };

  // Render token by token, so each value sees where it sits.
  let out = '';
  parsed.tokens.forEach((token, i) => {
    if (token.kind === 'text') {
      // A literal brace ({{ in the template) would read as a blank to the gates: make it a parenthesis.
      out += token.text.replace(/\{/g, '(').replace(/\}/g, ')');
      return;
    }
    const label = parsed.variables.find((v) => v.key === token.key)?.label ?? token.key;
    const line = out.slice(out.lastIndexOf('\n') + 1);
    const next = parsed.tokens[i + 1];
    // Another variable right after (or only spaces before one): this one is mid-sentence.
    const following = parsed.tokens[i + 2];
    const after = next?.kind === 'text' ? next.text + (next.text.trim() === '' && following ? '…' : '') : next ? '…' : '';
    let { text } = valueOf(token.key, label, { key: token.key, before: line, after });
    // "a" or "an" as the value begins.
    const article = /\b(a|an|A|An)\s+$/.exec(out);
    if (article) {
      const vowel = /^[aeiou]/i.test(text) && !/^(one|uni|use|eu)/i.test(text);
      const fixed = vowel ? (article[1]![0] === 'A' ? 'An' : 'an') : article[1]![0] === 'A' ? 'A' : 'a';
      out = out.slice(0, out.length - article[0].length) + fixed + article[0].slice(article[1]!.length);
    }
    if (values[label] === undefined) values[label] = text;
    text = text.replace(/[{}]/g, '');
    out += text;
  });

  let base = splitThread(out);
  if (base.length === 0) return { parts: [], values, hashtags: [], problems: [`“${input.template.name}” is empty: there is nothing to post`] };
  if (!input.threads && base.length > 1) base = [base.join('\n\n')];

  // A post that ends on a colon promises something: the writer delivers it.
  const last = base.length - 1;
  if (/:\s*$/.test(base[last]!)) base[last] = `${base[last]}\n\n${terminal(capitalise(advice[advice.length - 1] ?? `Start small with ${topic}`))}`;

  const hasCta = input.template.category === 'cta' || input.template.category === 'thread' || parsed.variables.some((v) => /^(call to action|cta|question|ask)$/.test(v.key));
  const cta = hasCta ? null : terminal(capitalise(pick('cta', CTAS[facts.goal][facts.register].map((c) => c(topic)))));
  const usesTags = parsed.variables.some((v) => HASHTAG_KEYS.test(v.key));

  const opts = input.mastodonMaxChars ? { mastodonMaxChars: input.mastodonMaxChars } : {};
  const fits = (text: string) => measure(input.platform, text, opts).problems.length === 0;
  const assemble = (withTags: number, withCta: boolean) => {
    const parts = [...base];
    const extras = [withCta && cta ? cta : null, withTags > 0 && !usesTags ? tags.slice(0, withTags).join(' ') : null].filter((e): e is string => e !== null);
    if (extras.length > 0) parts[last] = `${parts[last]}\n\n${extras.join('\n\n')}`;
    return parts;
  };

  // Shorten step by step: hashtags one at a time, then the added call to action.
  const attempts: [number, boolean][] = [];
  for (let n = tags.length; n >= 0; n--) attempts.push([n, true]);
  attempts.push([0, false]);
  for (const [n, withCta] of attempts) {
    const parts = assemble(n, withCta);
    if (parts.every(fits)) return { parts, values, hashtags: usesTags ? tags : tags.slice(0, n), problems: [] };
  }

  // Still too long: a thread takes the rest in further parts, split at line and sentence ends.
  const parts = input.threads ? base.flatMap((p) => pack(p, fits)) : base;
  const over = parts.filter((p) => !fits(p));
  const problems = over.length > 0 ? [`Too long for ${input.platform} even without hashtags: shorten it in Review`] : [];
  return { parts, values, hashtags: usesTags ? tags : [], problems };
}

const SPLITS: { re: RegExp; join: string }[] = [
  { re: /\n+/, join: '\n' },
  { re: /(?<=[.!?:…])\s+/u, join: ' ' },
  { re: /\s+/, join: ' ' },
];

/** Whole lines, then whole sentences, then whole words, as many as fit in each part. */
export function pack(text: string, fits: (t: string) => boolean, level = 0): string[] {
  if (fits(text) || level >= SPLITS.length) return [text.trim()];
  const { re, join } = SPLITS[level]!;
  const units = text
    .split(re)
    .map((u) => u.trim())
    .filter(Boolean);
  if (units.length <= 1) return pack(text, fits, level + 1);
  const out: string[] = [];
  let current = '';
  for (const unit of units) {
    const joined = current ? `${current}${join}${unit}` : unit;
    if (fits(joined)) {
      current = joined;
      continue;
    }
    if (current) out.push(current);
    if (fits(unit)) current = unit;
    else {
      out.push(...pack(unit, fits, level + 1));
      current = '';
    }
  }
  if (current) out.push(current);
  return out;
}
