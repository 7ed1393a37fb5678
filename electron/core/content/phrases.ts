/**
 * The offline writer's phrase banks: hooks, calls to action, advice lines and the contrasting
 * before/after pairs. Every entry is built from what Loomcast knows (the topic, the campaign, an
 * idea), never from invented figures, and none contains a brace.
 */

export type Register = 'casual' | 'plain' | 'formal';
export type Goal = 'awareness' | 'engagement' | 'conversion';

/** A voice's tone, read as the register the writer uses for hooks and calls to action. */
export function registerOf(tone: string): Register {
  if (/\b(casual|friendly|playful|fun|warm|relaxed|upbeat|cheeky|chatty|informal)\b/i.test(tone)) return 'casual';
  if (/\b(formal|professional|expert|authoritative|serious|corporate|academic)\b/i.test(tone)) return 'formal';
  return 'plain';
}

/** Opening lines for a {hook}: each names the topic. */
export const HOOKS: Record<Register, ((t: string) => string)[]> = {
  casual: [
    (t) => `Okay, real talk about ${t}`,
    (t) => `This one ${t} habit changed everything for me`,
    (t) => `You’re making ${t} harder than it needs to be`,
    (t) => `The ${t} advice I wish I’d had on day one`,
  ],
  plain: [
    (t) => `The ${t} advice I wish I’d had on day one`,
    (t) => `Most people overcomplicate ${t}`,
    (t) => `One small change that made ${t} easier for me`,
    (t) => `Here’s what actually works for ${t}`,
  ],
  formal: [
    (t) => `A practical note on ${t}`,
    (t) => `What consistently works in ${t}`,
    (t) => `Three observations on ${t}`,
    (t) => `The part of ${t} most people overlook`,
  ],
};

/** Calls to action by the campaign's goal (engagement when there is none) and register. */
export const CTAS: Record<Goal, Record<Register, ((t: string) => string)[]>> = {
  awareness: {
    casual: [(t) => `Follow along for more ${t}`, (t) => `Stick around for more ${t} every week`, () => `Share this with a friend who’d like it`],
    plain: [(t) => `Follow for more on ${t}`, () => `Share this with someone who needs it`, (t) => `More on ${t} every week: follow along`],
    formal: [(t) => `Follow for further notes on ${t}`, () => `Share this with a colleague who may find it useful`],
  },
  engagement: {
    casual: [(t) => `What’s your take on ${t}? Tell me below`, () => `Would you try this? Tell me below`, () => `Agree or disagree? I read every reply`],
    plain: [(t) => `What’s your experience with ${t}? Tell me in the replies`, () => `Would you try this? Tell me in the replies`, () => `What would you add? I read every reply`],
    formal: [(t) => `How do you approach ${t}? I welcome your view`, () => `What would you add to this?`],
  },
  conversion: {
    casual: [() => `Want the details? Send me a message`, () => `The link is in my profile if you want in`],
    plain: [() => `Send me a message if you want the details`, () => `The details are on my profile`],
    formal: [() => `Details are available on request: send me a message`, () => `Further details are on my profile`],
  },
};

/** Questions for a {question}: open and easy to answer. */
export const QUESTIONS: ((t: string) => string)[] = [
  (t) => `What’s the one thing about ${t} you wish you’d learned sooner?`,
  (t) => `How do you keep going with ${t} on busy weeks?`,
  (t) => `What’s your take on ${t}?`,
];

/** Advice lines, used once each per draft for tips, steps, lessons and payoffs. */
export const ADVICE: ((t: string) => string)[] = [
  (t) => `start smaller than feels useful with ${t}`,
  () => `write down what worked before you forget it`,
  () => `pick one thing to improve each week`,
  () => `ask one person for honest feedback`,
  (t) => `block the time for ${t} in your calendar`,
  () => `repeat what works before trying something new`,
  () => `keep a list of the questions people ask you`,
  (t) => `make ${t} part of your week, not a special event`,
  () => `finish before you polish`,
];

/** Contrasting pairs for {before} and {after}, built around the topic. */
export const BEFORE_AFTER: [(t: string) => string, (t: string) => string][] = [
  [(t) => `did ${t} whenever I remembered`, (t) => `have a simple weekly routine for ${t}`],
  [(t) => `guessed my way through ${t}`, (t) => `know what works for ${t} and why`],
  [(t) => `treated ${t} as an afterthought`, (t) => `plan ${t} a month ahead`],
  [(t) => `felt stuck with ${t}`, (t) => `enjoy ${t} and it shows`],
];

export const TIME_AGO = ['a year ago', 'two years ago', 'six months ago', 'not long ago'];
export const SPANS = ['six months', 'a year', 'ninety days', 'two years'];
export const DURATIONS = ['30 days', 'two weeks', 'a month', 'a whole season'];
export const CADENCES = ['week', 'Monday', 'weekday'];
export const COSTS = ['time and momentum', 'your best ideas', 'hours you could spend elsewhere'];
export const SACRIFICES = ['hours every day', 'expensive tools', 'giving up your weekends'];
