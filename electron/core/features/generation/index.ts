/**
 * The generation queue: persisted jobs asking the creator's model for drafts, run one at a time
 * (one provider, one request in flight), highest priority then oldest first. Tokens stream to the
 * renderer as `generation:token`; the drafts land in Review with source 'ai' and never skip it.
 * A busy model (429, 5xx, a cut connection) is asked again later, honouring its Retry-After, at
 * most three times; a cancelled job keeps nothing; a job running at shutdown runs again at start.
 * The log records sizes and timings only, never prompts or answers.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract';
import type { generationChannels } from '../../../../shared/contract/features/generation';
import type { Platform } from '../../../../shared/domain/platforms';
import { renderTemplate } from '../../../../shared/domain/template-text';
import { AiError, type ChatMessage, type TextProvider } from '../../ai';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { createJobsRepo, toDto, type Job } from './jobs-repo';
import { VariantTextStream } from './token-stream';
import { askAgain, buildPrompt, VARIANTS_PROMPT_VERSION, variantProblems, variantsSchema, type Destination, type Variant } from './variants';

export const MAX_ATTEMPTS = 3;
/** Backoff when the model gave no Retry-After: 10 s, 40 s. */
const backoffMs = (attempt: number) => 10_000 * 4 ** (attempt - 1);
const MAX_TOKENS_PER_VARIANT = 700;

const NO_MODEL = 'No model is set up to write with. Set one up in Settings → Writing (an OpenAI-compatible server such as Ollama, or Anthropic).';

export function createGenerationFeature(
  deps: Pick<FeatureDeps, 'db' | 'events' | 'clock' | 'log' | 'posts' | 'targets' | 'audit'> & { provider: () => TextProvider | null },
): { handlers: FeatureHandlers<keyof typeof generationChannels>; close(): Promise<void> } {
  const { db, events, clock, log, posts, targets, audit, provider } = deps;
  const jobs = createJobsRepo(db);
  const s = {
    template: db.prepare('SELECT id, name, body FROM templates WHERE id = ? AND deleted_at IS NULL'),
    account: db.prepare('SELECT id, platform, handle, status FROM accounts WHERE id = ?'),
    source: db.prepare("UPDATE post_versions SET source = 'ai' WHERE post_id = ? AND number = 1"),
    link: db.prepare('UPDATE posts SET template_id = ?, updated_at = ? WHERE id = ?'),
    provenance: db.prepare(`INSERT INTO version_provenance (post_id, number, writer, writer_version, template_id, template_name, seed, created_at)
      VALUES (?, 1, 'ai', ?, ?, ?, ?, ?)`),
  };

  let closed = false;
  let current: { id: string; controller: AbortController; done: Promise<void> } | null = null;
  let cancelWake: () => void = () => {};

  const announce = (job: Job): Job => {
    events.emit('generation:job', toDto(job));
    return job;
  };
  const update = (id: string, patch: Parameters<typeof jobs.update>[1]) => announce(jobs.update(id, patch, clock.now()));

  const destinationsOf = (accountIds: readonly string[]): Destination[] =>
    accountIds.map((id) => {
      const a = s.account.get(id) as { id: string; platform: Platform; handle: string; status: string } | undefined;
      if (!a) throw new AppError('invalid_input', 'One of the chosen accounts no longer exists; pick the accounts again.');
      return { accountId: a.id, platform: a.platform, handle: a.handle, status: a.status };
    });

  /** Looks at the queue: runs the next job that may run, or sleeps until the soonest one may. */
  const kick = (): void => {
    if (closed || current) return;
    cancelWake();
    cancelWake = () => {};
    const now = clock.now();
    const job = jobs.next(now);
    if (!job) {
      const at = jobs.soonest();
      if (at !== null) cancelWake = clock.setTimer(Math.max(0, at - now), kick);
      return;
    }
    const controller = new AbortController();
    const entry = { id: job.id, controller, done: Promise.resolve() };
    current = entry;
    entry.done = run(job, controller.signal)
      .catch((err: unknown) => {
        if (!closed) log.error('a generation job failed unexpectedly', { jobId: job.id, error: err as Error });
        if (!closed && jobs.get(job.id)?.state === 'running') update(job.id, { state: 'failed', lastError: 'Something went wrong inside Loomcast while writing; nothing was kept. Try again.' });
      })
      .finally(() => {
        if (current === entry) current = null;
        kick();
      });
  };

  async function run(queued: Job, signal: AbortSignal): Promise<void> {
    const job = update(queued.id, { state: 'running', attempts: queued.attempts + 1, nextAttemptAt: null });
    const p = provider();
    if (!p) {
      update(job.id, { state: 'failed', lastError: NO_MODEL });
      return;
    }
    const { templateId, values, accountIds, count } = job.input;
    const template = s.template.get(templateId) as { id: string; name: string; body: string } | undefined;
    if (!template) {
      update(job.id, { state: 'failed', lastError: 'The template was deleted before its variants were written.' });
      return;
    }
    let destinations: Destination[];
    try {
      destinations = destinationsOf(accountIds);
    } catch (e) {
      update(job.id, { state: 'failed', lastError: (e as Error).message });
      return;
    }
    const rendered = renderTemplate(template.body, values).text;
    const prompt = buildPrompt({ templateName: template.name, rendered, count, platforms: destinations.map((d) => d.platform) });
    const schema = { name: 'variants', description: 'Variants of one social media post', zod: variantsSchema(count) };
    const started = clock.now();

    const ask = async (messages: ChatMessage[]) => {
      const stream = new VariantTextStream((variant, delta) => events.emit('generation:token', { jobId: job.id, variant, delta }));
      const r = await p.generate({ system: prompt.system, messages, schema, maxTokens: MAX_TOKENS_PER_VARIANT * count + 200, signal, onToken: (d) => stream.push(d) });
      return { text: r.text, variants: r.object!.variants };
    };

    const first: ChatMessage[] = [{ role: 'user', content: prompt.user }];
    let variants: Variant[];
    let asks = 1;
    try {
      let answer: { text: string; variants: Variant[] };
      try {
        answer = await ask(first);
      } catch (e) {
        // An answer that couldn't be read or had the wrong shape is asked for again once, with why.
        if (!(e instanceof AiError) || (e.code !== 'invalid_answer' && e.code !== 'malformed_answer')) throw e;
        asks++;
        const why = e.details.issues?.length ? e.details.issues.join('; ') : e.message;
        update(job.id, { lastError: `Asked again: the first answer could not be used (${why}).` });
        answer = await ask([...first, { role: 'user', content: `Your answer could not be used: ${why}. Answer again with exactly ${count} variants in the JSON shape asked for.` }]);
      }
      variants = answer.variants;
      const failing = variants.map((v, index) => ({ index, problems: variantProblems(v.text, destinations) })).filter((f) => f.problems.length > 0);
      if (failing.length > 0 && asks === 1) {
        asks++;
        update(job.id, { lastError: `Asked again: ${failing.length} variant${failing.length === 1 ? '' : 's'} did not pass the checks.` });
        variants = (await ask([...first, { role: 'assistant', content: answer.text }, { role: 'user', content: askAgain(count, failing) }])).variants;
      }
    } catch (e) {
      if (closed) return; // shutting down: the job stays 'running' and is queued again at the next start
      const err = e instanceof AiError ? e : null;
      if (err?.code === 'cancelled' || signal.aborted) return; // cancel() already recorded it; nothing kept
      const attempts = job.attempts;
      log.warn('generation attempt failed', { jobId: job.id, code: err?.code ?? 'internal', attempts, ms: clock.now() - started });
      if (err?.transient && attempts < MAX_ATTEMPTS) {
        const wait = err.retryAfterMs ?? backoffMs(attempts);
        update(job.id, { state: 'queued', nextAttemptAt: clock.now() + wait, lastError: err.message });
        return;
      }
      const reason = err ? err.message : 'Something went wrong inside Loomcast while writing; nothing was kept.';
      update(job.id, { state: 'failed', lastError: attempts >= MAX_ATTEMPTS && err?.transient ? `Gave up after ${attempts} tries: ${reason}` : reason });
      return;
    }
    if (closed || signal.aborted) return;

    // Every variant becomes a draft for the chosen accounts, in Review; one that still fails the
    // gates lands there flagged with the reason, never cut to fit.
    const now = clock.now();
    const postIds = targets.atomically(() => {
      const ids: string[] = [];
      variants.forEach((v, i) => {
        const post = posts.create({ text: v.text, accounts: accountIds, schedule: null, thread: [], firstComment: null, override: true });
        s.source.run(post.id);
        s.link.run(template.id, now, post.id);
        s.provenance.run(post.id, VARIANTS_PROMPT_VERSION, template.id, template.name, `${job.id}:${i}`, now);
        const problems = variantProblems(v.text, destinations);
        targets.transition(post.targets.map((t) => t.id), 'draft', 'in_review', 'generation', problems.length ? { lastError: `Written by AI and still not fit to publish: ${problems.join('; ')}` } : {});
        ids.push(post.id);
      });
      audit.record({ actor: 'system', action: 'generation.variants', entity: 'post', entityId: ids[0] ?? '', detail: { jobId: job.id, count: ids.length } });
      return ids;
    });
    log.info('generation job done', { jobId: job.id, variants: variants.length, chars: variants.reduce((n, v) => n + v.text.length, 0), asks, ms: clock.now() - started });
    update(job.id, { state: 'done', postIds, lastError: null });
  }

  // A job running when Loomcast stopped runs again now.
  const requeued = jobs.requeueRunning(clock.now());
  if (requeued > 0) log.info('generation jobs resumed after a restart', { count: requeued });
  kick();

  return {
    handlers: {
      'generation:variants': (input) => {
        if (!provider()) throw new AppError('invalid_input', NO_MODEL);
        if (!s.template.get(input.templateId)) throw new AppError('invalid_input', 'That template does not exist (any more); pick another one.');
        destinationsOf(input.accountIds);
        const job = jobs.insert({ id: randomUUID(), input: { templateId: input.templateId, values: input.values, accountIds: input.accountIds, count: input.count }, priority: input.priority, now: clock.now() });
        announce(job);
        kick();
        return toDto(jobs.get(job.id)!);
      },
      'generation:list': (input) => jobs.list(input?.limit ?? 100).map(toDto),
      'generation:cancel': ({ id }) => {
        const job = jobs.get(id);
        if (!job) throw new AppError('not_found', 'That generation job does not exist.');
        if (job.state !== 'queued' && job.state !== 'running') return toDto(job);
        const cancelled = update(id, { state: 'cancelled', nextAttemptAt: null, lastError: 'Cancelled; nothing was kept.' });
        if (current?.id === id) current.controller.abort();
        else kick();
        return toDto(cancelled);
      },
    },
    async close() {
      closed = true;
      cancelWake();
      const running = current;
      running?.controller.abort();
      await running?.done;
    },
  };
}
