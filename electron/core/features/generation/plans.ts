/**
 * For each kind of job: what the model is asked (prompt and answer shape), how its answer is
 * checked against the same gates as a hand-written post, and where the drafts land. A job that
 * can't be written at all (its template, idea or post is gone; the creator edited the draft
 * meanwhile) throws JobProblem with the reason in words.
 */
import { AppError } from '../../../../shared/contract';
import type { WritingTask } from '../../../../shared/contract/features/writing';
import { PLATFORM_NAMES, articleFor, type Platform } from '../../../../shared/domain/platforms';
import { renderTemplate } from '../../../../shared/domain/template-text';
import type { StructuredSpec } from '../../ai';
import type { Briefs, VoiceUse } from './briefs';
import { JobProblem } from './briefs';
import type { Job, JobInput } from './jobs-repo';
import type { Landing } from './land';
import { ideaPrompt, PROMPT_VERSIONS, rewritePrompt, singleDraftSchema, slotPrompt, systemPrompt, type SingleDraft } from './prompts';
import { askAgain, buildPrompt, VARIANTS_PROMPT_VERSION, variantProblems, variantsSchema, type Destination, type Variant } from './variants';

const MAX_TOKENS_PER_DRAFT = 700;

export interface Failing {
  index: number;
  problems: string[];
}

export interface JobPlan {
  task: WritingTask;
  system: string;
  user: string;
  schema: StructuredSpec<unknown>;
  shape: 'variants' | 'single';
  maxTokens: number;
  /** The drafts of an answer (text and thread) and what the gates say about each. */
  drafts(answer: unknown): { text: string; thread: string[]; problems: string[] }[];
  /** The follow-up asking again once, naming what failed. */
  again(failing: Failing[]): string;
  /** Writes the drafts (inside the caller's transaction); `after` runs once committed. */
  land(answer: unknown): { postIds: string[]; after?: () => void };
}

export const excerpt = (text: string, max = 40): string => {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
};

const againSingle = (failing: Failing[]) =>
  [`The post can't be published as it is: ${failing.flatMap((f) => f.problems).join('; ')}.`, 'Write it again so that it fits, as a finished post without any curly braces. Shorten by rewording, never by cutting a word.'].join('\n');

export function createPlans(deps: { briefs: Briefs; landing: Landing; takesThreads: (p: Platform) => boolean }) {
  const { briefs, landing, takesThreads } = deps;

  const mustDestinations = (ids: readonly string[]): Destination[] => {
    try {
      return briefs.destinations(ids);
    } catch (e) {
      throw new JobProblem((e as Error).message);
    }
  };

  /** Gate problems of one draft; a thread where a platform takes none is refused too (its parts would be dropped). */
  const problemsOf = (text: string, thread: string[], dests: Destination[]): string[] => {
    const problems = variantProblems(text, dests, thread);
    if (thread.length > 0) {
      for (const p of new Set(dests.map((d) => d.platform))) if (!takesThreads(p)) problems.push(`${PLATFORM_NAMES[p]} takes no threads: write one post`);
    }
    return problems;
  };

  const written = (job: Job, voice: VoiceUse | null, task: 'variants' | 'slot' | 'idea' | 'rewrite' | 'shorten' | 'thread', writerVersion: string, i = 0) => ({
    task,
    writerVersion,
    voiceId: voice?.id ?? null,
    examples: voice?.examples ?? [],
    seed: task === 'variants' ? `${job.id}:${i}` : job.id,
  });

  function variants(job: Job, input: Extract<JobInput, { kind: 'template_variants' }>): JobPlan {
    const template = briefs.template(input.templateId);
    if (!template) throw new JobProblem('The template was deleted before its variants were written.');
    const dests = mustDestinations(input.accountIds);
    const voice = briefs.voice(input.voiceId);
    const prompt = buildPrompt({ templateName: template.name, rendered: renderTemplate(template.body, input.values).text, count: input.count, platforms: dests.map((d) => d.platform), voice: voice?.brief ?? null });
    return {
      task: 'drafts',
      ...prompt,
      schema: { name: 'variants', description: 'Variants of one social media post', zod: variantsSchema(input.count) } as StructuredSpec<unknown>,
      shape: 'variants',
      maxTokens: MAX_TOKENS_PER_DRAFT * input.count + 200,
      drafts: (a) => (a as { variants: Variant[] }).variants.map((v) => ({ text: v.text, thread: [], problems: problemsOf(v.text, [], dests) })),
      again: (failing) => askAgain(input.count, failing),
      land(a) {
        const vs = (a as { variants: Variant[] }).variants;
        const postIds = vs.map((v, i) =>
          landing.newDraft({
            text: v.text,
            thread: [],
            accountIds: input.accountIds,
            links: { templateId: template.id, pillarId: null, voiceId: voice?.id ?? null, campaignId: null },
            written: { ...written(job, voice, 'variants', VARIANTS_PROMPT_VERSION, i), templateId: template.id, templateName: template.name },
            problems: problemsOf(v.text, [], dests),
          }),
        );
        if (postIds.length >= 2) landing.variantSet(job.id, template, vs.map((v, i) => ({ postId: postIds[i]!, hook: v.hook, cta: v.cta })));
        return { postIds };
      },
    };
  }

  /** The shared shape of one-draft jobs. */
  function single(o: { task: WritingTask; user: string; voice: VoiceUse | null; dests: Destination[]; needThread: boolean; land: (d: SingleDraft, problems: string[]) => { postIds: string[]; after?: () => void } }): JobPlan {
    const check = (d: SingleDraft) => problemsOf(d.text, d.thread, o.dests);
    return {
      task: o.task,
      system: systemPrompt(o.voice?.brief ?? null),
      user: o.user,
      schema: { name: 'draft', description: 'One social media post, and the posts following it in a thread', zod: singleDraftSchema(o.needThread) } as StructuredSpec<unknown>,
      shape: 'single',
      maxTokens: MAX_TOKENS_PER_DRAFT * (o.needThread ? 6 : 1) + 200,
      drafts: (a) => [{ ...(a as SingleDraft), problems: check(a as SingleDraft) }],
      again: againSingle,
      land: (a) => o.land(a as SingleDraft, check(a as SingleDraft)),
    };
  }

  function idea(job: Job, input: Extract<JobInput, { kind: 'idea' }>): JobPlan {
    const found = briefs.idea(input.ideaId);
    if (!found) throw new JobProblem('The idea was deleted before its post was written.');
    const dests = mustDestinations(input.accountIds);
    const voice = briefs.voice(input.voiceId);
    return single({
      task: 'drafts',
      user: ideaPrompt({ idea: found.text, link: found.link, tags: found.tags, platforms: dests.map((d) => d.platform) }),
      voice,
      dests,
      needThread: false,
      land(d, problems) {
        const postId = landing.newDraft({
          text: d.text,
          thread: d.thread,
          accountIds: input.accountIds,
          links: { templateId: null, pillarId: null, voiceId: voice?.id ?? null, campaignId: null },
          written: { ...written(job, voice, 'idea', PROMPT_VERSIONS.idea), ideaId: found.id },
          problems,
        });
        const marked = landing.ideaUsed(found.id, postId);
        return { postIds: [postId], ...(marked ? { after: () => landing.announceIdea(found.id) } : {}) };
      },
    });
  }

  /** A draft the creator hasn't touched and that still waits in Review; otherwise it is left alone. */
  const untouched = (input: Extract<JobInput, { kind: 'slot' }>) => {
    const b = briefs.post(input.postId);
    if (!b) throw new JobProblem('The draft was deleted before the model wrote it.');
    if (b.post.version !== input.version) throw new JobProblem('You edited this draft after asking, so your words were kept.');
    if (b.post.targets.some((t) => t.state !== 'draft' && t.state !== 'in_review')) throw new JobProblem('This draft left Review before the model wrote it, so it was kept as it was.');
    return b;
  };

  function slot(job: Job, input: Extract<JobInput, { kind: 'slot' }>): JobPlan {
    const b = untouched(input);
    const dests: Destination[] = b.post.targets.map((t) => ({ accountId: t.accountId ?? '', platform: t.platform, handle: '', status: 'connected' }));
    const template = b.templateId ? briefs.template(b.templateId) : null;
    const voice = briefs.voice(b.voiceId);
    return single({
      task: 'drafts',
      user: slotPrompt({ pillar: b.pillar, template, campaign: b.campaign, draft: b.post.text, thread: b.post.thread, platforms: dests.map((d) => d.platform) }),
      voice,
      dests,
      needThread: false,
      land(d, problems) {
        untouched(input); // the creator may have edited or approved it while the model wrote
        // A thread draft keeps its later posts: only its opening is written again.
        landing.newVersion({
          postId: input.postId,
          text: d.text,
          written: { ...written(job, voice, 'slot', PROMPT_VERSIONS.slot), templateId: template?.id ?? null, templateName: template?.name ?? null, pillarId: b.pillar?.id ?? null, pillarName: b.pillar?.name ?? null, campaignId: b.campaignId },
          problems,
        });
        return { postIds: [input.postId] };
      },
    });
  }

  function rewrite(job: Job, input: Extract<JobInput, { kind: 'rewrite' | 'shorten' | 'thread' }>): JobPlan {
    const b = briefs.post(input.postId);
    if (!b) throw new JobProblem('The post was deleted before the model wrote from it.');
    const dests = mustDestinations(input.accountIds);
    const voice = briefs.voice(b.voiceId);
    const template = b.templateId ? briefs.template(b.templateId) : null;
    return single({
      task: 'rewrites',
      user: rewritePrompt({ task: input.kind, platform: input.platform, text: b.post.text, thread: b.post.thread, platforms: dests.map((d) => d.platform) }),
      voice,
      dests,
      needThread: input.kind === 'thread',
      land(d, problems) {
        const postId = landing.newDraft({
          text: d.text,
          thread: d.thread,
          accountIds: input.accountIds,
          links: { templateId: b.templateId, pillarId: b.pillar?.id ?? null, voiceId: voice?.id ?? null, campaignId: b.campaignId },
          written: { ...written(job, voice, input.kind, PROMPT_VERSIONS[input.kind]), templateId: template?.id ?? null, templateName: template?.name ?? null, pillarId: b.pillar?.id ?? null, pillarName: b.pillar?.name ?? null, campaignId: b.campaignId },
          problems,
        });
        return { postIds: [postId] };
      },
    });
  }

  return {
    /** The plan for a job, read fresh when it runs (its template, post or voice may have changed). */
    plan(job: Job): JobPlan {
      const input = job.input;
      switch (input.kind) {
        case 'template_variants':
          return variants(job, input);
        case 'idea':
          return idea(job, input);
        case 'slot':
          return slot(job, input);
        default:
          return rewrite(job, input);
      }
    },

    /** Who a rewrite, a shorter version or a thread goes to, decided when it is asked for. */
    rewriteAccounts(postId: string, task: 'rewrite' | 'shorten' | 'thread', platform: Platform | undefined): string[] {
      const b = briefs.post(postId);
      if (!b) throw new AppError('not_found', 'That post no longer exists. It may have been deleted in another window.');
      const bound = b.post.targets.filter((t) => t.accountId !== null);
      if (task === 'thread') {
        const ids = bound.filter((t) => takesThreads(t.platform) && (!platform || t.platform === platform)).map((t) => t.accountId!);
        if (ids.length === 0) throw new AppError('invalid_input', 'None of the accounts this post goes to can publish a thread. Add Bluesky, Mastodon, Threads or X to it first.');
        return [...new Set(ids)];
      }
      if (!platform) throw new AppError('invalid_input', `Pick the platform to ${task === 'rewrite' ? 'rewrite' : 'shorten'} it for.`, { issues: [{ path: ['platform'], message: 'Pick a platform' }] });
      const own = bound.filter((t) => t.platform === platform).map((t) => t.accountId!);
      if (own.length) return [...new Set(own)];
      const accounts = briefs.accountsOn(platform);
      if (accounts.length === 1) return [accounts[0]!.id];
      if (accounts.length === 0) throw new AppError('invalid_input', `Connect ${articleFor(PLATFORM_NAMES[platform])} ${PLATFORM_NAMES[platform]} account first.`);
      throw new AppError('invalid_input', `You have ${accounts.length} ${PLATFORM_NAMES[platform]} accounts (${accounts.map((a) => a.handle).join(', ')}); add the one you want to the post first.`);
    },

    excerpt,
  };
}

export type Plans = ReturnType<typeof createPlans>;
