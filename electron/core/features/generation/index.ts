/**
 * The generation queue: persisted jobs asking the creator's model for drafts — variants of a
 * template, a planned slot, a post from an idea, a rewrite, a shorter version, a thread — run one
 * or two at a time (Settings → Writing), highest priority then oldest first. Tokens stream to the
 * renderer as `generation:token`; the drafts land in Review and never skip it. A busy model (429,
 * 5xx, a cut connection) is asked again later, honouring its Retry-After, at most three times; a
 * cancelled job keeps nothing; a job running at shutdown runs again at start while it has tries
 * left (each run started counts as one), else fails in words, so a job that brings Loomcast down
 * is not run at every launch. The log records sizes and timings only, never prompts or answers.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract';
import type { generationChannels } from '../../../../shared/contract/features/generation';
import type { WritingTask } from '../../../../shared/contract/features/writing';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { AiError, type ChatMessage, type TextProvider } from '../../ai';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { createBriefs, JobProblem } from './briefs';
import { createJobsRepo, toDto, type Job, type JobInput } from './jobs-repo';
import { createLanding } from './land';
import { createPlans, excerpt, type Failing, type JobPlan } from './plans';
import { VariantTextStream } from './token-stream';

export const MAX_ATTEMPTS = 3;
/** Backoff when the model gave no Retry-After: 10 s, 40 s. */
const backoffMs = (attempt: number) => 10_000 * 4 ** (attempt - 1);

const NO_MODEL = 'No model is set up to write with. Set one up in Settings → Writing (an OpenAI-compatible server such as Ollama, or Anthropic).';
const STOPPED_EACH_TIME = 'Loomcast stopped while writing this (it was closed or crashed) and the job had no tries left, so it was not started again. Nothing was kept; try again.';
const INTERNAL = 'Something went wrong inside Loomcast while writing; nothing was kept. Try again.';

export function createGenerationFeature(
  deps: Pick<FeatureDeps, 'db' | 'events' | 'clock' | 'log' | 'posts' | 'targets' | 'audit' | 'capabilities' | 'background'> & {
    provider: (task?: WritingTask) => TextProvider | null;
    /** How many jobs may run at once (1 or 2); read before each pick. */
    concurrency?: () => number;
  },
): { handlers: FeatureHandlers<keyof typeof generationChannels>; close(): Promise<void> } {
  const { db, events, clock, log, posts, targets, audit, provider } = deps;
  const concurrency = () => Math.max(1, Math.min(2, deps.concurrency?.() ?? 1));
  const jobs = createJobsRepo(db);
  const briefs = createBriefs(deps);
  const landing = createLanding(deps);
  const plans = createPlans({ briefs, landing, takesThreads: (p) => deps.capabilities(p)?.threads ?? false });

  let closed = false;
  /** Paused (the data folder's move): nothing starts; the jobs that ran were put back in the queue. */
  let paused = false;
  const running = new Map<string, { controller: AbortController; done: Promise<void>; putBack: boolean }>();
  let cancelWake: () => void = () => {};

  const announce = (job: Job): Job => {
    events.emit('generation:job', toDto(job));
    return job;
  };
  const update = (id: string, patch: Parameters<typeof jobs.update>[1]) => announce(jobs.update(id, patch, clock.now()));

  /** Looks at the queue: starts what may run, or sleeps until the soonest waiting job may. */
  const kick = (): void => {
    if (closed || paused) return;
    cancelWake();
    cancelWake = () => {};
    while (running.size < concurrency()) {
      const job = jobs.next(clock.now());
      // Retried right after a cancel, its aborted run may still be winding down: starting it
      // again now would make two runs share one entry (the new one then unstoppable); that
      // run's end kicks the queue again.
      if (!job || running.has(job.id)) break;
      start(job);
    }
    if (running.size < concurrency()) {
      const at = jobs.soonest();
      if (at !== null) cancelWake = clock.setTimer(Math.max(0, at - clock.now()), kick);
    }
  };

  function start(job: Job): void {
    const controller = new AbortController();
    // Marked running before anything is awaited, so the next pick can't take it again.
    const begun = update(job.id, { state: 'running', attempts: job.attempts + 1, nextAttemptAt: null });
    const entry = { controller, done: Promise.resolve(), putBack: false };
    running.set(job.id, entry);
    entry.done = run(begun, controller.signal)
      .catch((err: unknown) => {
        if (closed || entry.putBack) return;
        log.error('a generation job failed unexpectedly', { jobId: job.id, error: err as Error });
        if (jobs.get(job.id)?.state === 'running') update(job.id, { state: 'failed', lastError: INTERNAL });
      })
      .finally(() => {
        running.delete(job.id);
        // Stopped by a pause: queued again as it was, that run not counted as a try.
        if (entry.putBack && !closed && jobs.get(job.id)?.state === 'running') update(job.id, { state: 'queued', attempts: job.attempts });
        kick();
      });
  }

  async function run(job: Job, signal: AbortSignal): Promise<void> {
    let plan: JobPlan;
    try {
      plan = plans.plan(job);
    } catch (e) {
      if (!(e instanceof JobProblem)) throw e;
      update(job.id, { state: 'failed', lastError: e.message });
      return;
    }
    const p = provider(plan.task);
    if (!p) {
      update(job.id, { state: 'failed', lastError: NO_MODEL });
      return;
    }
    const started = clock.now();
    const ask = async (messages: ChatMessage[]) => {
      const stream = new VariantTextStream((variant, delta) => events.emit('generation:token', { jobId: job.id, variant, delta }), plan.shape);
      const r = await p.generate({ system: plan.system, messages, schema: plan.schema, maxTokens: plan.maxTokens, signal, onToken: (d) => stream.push(d) });
      return { text: r.text, object: r.object };
    };

    const first: ChatMessage[] = [{ role: 'user', content: plan.user }];
    let answer: { text: string; object: unknown };
    let asks = 1;
    try {
      try {
        answer = await ask(first);
      } catch (e) {
        // An answer that couldn't be read or had the wrong shape is asked for again once, with why.
        if (!(e instanceof AiError) || (e.code !== 'invalid_answer' && e.code !== 'malformed_answer')) throw e;
        asks++;
        const why = e.details.issues?.length ? e.details.issues.join('; ') : e.message;
        update(job.id, { lastError: `Asked again: the first answer could not be used (${why}).` });
        answer = await ask([...first, { role: 'user', content: `Your answer could not be used: ${why}. Answer again in the JSON shape asked for.` }]);
      }
      const failing: Failing[] = plan
        .drafts(answer.object)
        .map((d, index) => ({ index, problems: d.problems }))
        .filter((f) => f.problems.length > 0);
      if (failing.length > 0 && asks === 1) {
        asks++;
        update(job.id, { lastError: `Asked again: ${failing.length === 1 && plan.shape === 'single' ? 'the draft' : `${failing.length} draft${failing.length === 1 ? '' : 's'}`} did not pass the checks.` });
        answer = await ask([...first, { role: 'assistant', content: answer.text }, { role: 'user', content: plan.again(failing) }]);
      }
    } catch (e) {
      if (closed) return; // shutting down: the job stays 'running' and is queued again at the next start, tries permitting
      const err = e instanceof AiError ? e : null;
      if (err?.code === 'cancelled' || signal.aborted) return; // cancel() already recorded it; nothing kept
      if (!err) throw e;
      const attempts = job.attempts;
      log.warn('generation attempt failed', { jobId: job.id, kind: job.kind, code: err.code, attempts, ms: clock.now() - started });
      if (err.transient && attempts < MAX_ATTEMPTS) {
        update(job.id, { state: 'queued', nextAttemptAt: clock.now() + (err.retryAfterMs ?? backoffMs(attempts)), lastError: err.message });
        return;
      }
      update(job.id, { state: 'failed', lastError: attempts >= MAX_ATTEMPTS && err.transient ? `Gave up after ${attempts} tries: ${err.message}` : err.message });
      return;
    }
    if (closed || signal.aborted) return;

    // Every draft lands in Review together with its provenance, or none does.
    let landed: { postIds: string[]; after?: () => void };
    try {
      landed = targets.atomically(() => {
        const r = plan.land(answer.object);
        audit.record({ actor: 'system', action: `generation.${job.kind}`, entity: 'post', entityId: r.postIds[0] ?? '', detail: { jobId: job.id, count: r.postIds.length } });
        return r;
      });
    } catch (e) {
      if (e instanceof JobProblem || e instanceof AppError) {
        update(job.id, { state: 'failed', lastError: e.message });
        return;
      }
      throw e;
    }
    landed.after?.();
    const drafts = plan.drafts(answer.object);
    log.info('generation job done', { jobId: job.id, kind: job.kind, drafts: drafts.length, chars: drafts.reduce((n, d) => n + d.text.length + d.thread.join('').length, 0), asks, ms: clock.now() - started });
    update(job.id, { state: 'done', postIds: landed.postIds, lastError: null });
  }

  const queue = (input: JobInput, priority: number): Job => {
    const job = announce(jobs.insert({ id: randomUUID(), input, priority, now: clock.now() }));
    kick();
    return jobs.get(job.id)!;
  };
  const needModel = (task: WritingTask) => {
    if (!provider(task)) throw new AppError('invalid_input', NO_MODEL);
  };
  const mustJob = (id: string): Job => {
    const job = jobs.get(id);
    if (!job) throw new AppError('not_found', 'That generation job does not exist.');
    return job;
  };

  // A job running when Loomcast stopped runs again now, unless it has had all its tries.
  const resumed = jobs.resumeRunning(clock.now(), MAX_ATTEMPTS, STOPPED_EACH_TIME);
  if (resumed.requeued > 0) log.info('generation jobs resumed after a restart', { count: resumed.requeued });
  if (resumed.failed > 0) log.warn('generation jobs given up after a restart: out of tries', { count: resumed.failed });
  kick();

  deps.background.register('generation jobs', {
    async pause() {
      paused = true;
      cancelWake();
      const all = [...running.values()];
      for (const r of all) {
        r.putBack = true;
        r.controller.abort();
      }
      await Promise.all(all.map((r) => r.done));
    },
    resume() {
      paused = false;
      kick();
    },
  });

  return {
    handlers: {
      'generation:variants': (input) => {
        needModel('drafts');
        const template = briefs.template(input.templateId);
        if (!template) throw new AppError('invalid_input', 'That template does not exist (any more); pick another one.');
        briefs.destinations(input.accountIds);
        if (input.voiceId && !briefs.voice(input.voiceId)) throw new AppError('invalid_input', 'That voice no longer exists; pick another one.');
        const title = `${input.count} variant${input.count === 1 ? '' : 's'} of “${template.name}”`;
        return toDto(queue({ kind: 'template_variants', title, templateId: input.templateId, values: input.values, accountIds: input.accountIds, count: input.count, voiceId: input.voiceId }, input.priority));
      },
      'generation:fromIdea': (input) => {
        needModel('drafts');
        const idea = briefs.idea(input.ideaId);
        if (!idea) throw new AppError('not_found', 'That idea no longer exists. It may have been deleted in another window.');
        briefs.destinations(input.accountIds);
        if (input.voiceId && !briefs.voice(input.voiceId)) throw new AppError('invalid_input', 'That voice no longer exists; pick another one.');
        return toDto(queue({ kind: 'idea', title: `A post from the idea “${excerpt(idea.text)}”`, ideaId: idea.id, accountIds: input.accountIds, voiceId: input.voiceId }, input.priority));
      },
      'generation:slots': (input) => {
        needModel('drafts');
        const ids = [...new Set(input.postIds)];
        const found = ids.map((id) => ({ id, b: briefs.post(id) }));
        const missing = found.find((f) => !f.b);
        if (missing) throw new AppError('not_found', 'One of those drafts no longer exists; plan the month again or pick the drafts again.');
        return found.map(({ id, b }) => {
          const open = jobs.openForPost('slot', id);
          if (open) return toDto(open); // already asked: not written twice
          const title = `Planned post: “${excerpt(b!.post.text)}”`;
          return toDto(queue({ kind: 'slot', title, postId: id, version: b!.post.version }, input.priority));
        });
      },
      'generation:rewrite': (input) => {
        needModel('rewrites');
        const accountIds = plans.rewriteAccounts(input.postId, input.task, input.platform);
        const text = excerpt(posts.get(input.postId).text);
        const name = input.platform ? PLATFORM_NAMES[input.platform] : null;
        const title = input.task === 'rewrite' ? `Rewrite for ${name}: “${text}”` : input.task === 'shorten' ? `Shorten to fit ${name}: “${text}”` : `Thread from “${text}”`;
        return toDto(queue({ kind: input.task, title, postId: input.postId, platform: input.platform ?? null, accountIds }, input.priority));
      },
      'generation:list': (input) => jobs.list(input?.limit ?? 100).map(toDto),
      'generation:cancel': ({ id }) => {
        const job = mustJob(id);
        if (job.state !== 'queued' && job.state !== 'running') return toDto(job);
        const cancelled = update(id, { state: 'cancelled', nextAttemptAt: null, lastError: 'Cancelled; nothing was kept.' });
        const r = running.get(id);
        if (r) r.controller.abort();
        else kick();
        return toDto(cancelled);
      },
      'generation:retry': ({ id }) => {
        const job = mustJob(id);
        if (job.state !== 'failed' && job.state !== 'cancelled') throw new AppError('conflict', job.state === 'done' ? 'That job is done; its drafts are in Review.' : 'That job is still in the queue.');
        needModel(job.kind === 'template_variants' || job.kind === 'slot' || job.kind === 'idea' ? 'drafts' : 'rewrites');
        update(id, { state: 'queued', attempts: 0, nextAttemptAt: null, lastError: null });
        kick();
        return toDto(jobs.get(id)!);
      },
      'generation:prioritize': ({ id, priority }) => {
        const job = mustJob(id);
        if (job.state !== 'queued') throw new AppError('conflict', 'Only a job waiting in the queue can move up or down.');
        const moved = toDto(update(id, { priority }));
        kick();
        return moved;
      },
    },
    async close() {
      closed = true;
      cancelWake();
      const all = [...running.values()];
      for (const r of all) r.controller.abort();
      await Promise.all(all.map((r) => r.done));
    },
  };
}
