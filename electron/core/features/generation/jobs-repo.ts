import type { GenerationJobDto, GenerationKindDto } from '../../../../shared/contract/features/generation';
import type { Platform } from '../../../../shared/domain/platforms';
import type { Db } from '../../store/open';

/** What each kind of job was asked to write, as persisted in generation_jobs.input. */
export type JobInput =
  | { kind: 'template_variants'; title: string; templateId: string; values: Record<string, string>; accountIds: string[]; count: number; voiceId: string | null }
  | { kind: 'idea'; title: string; ideaId: string; accountIds: string[]; voiceId: string | null }
  | { kind: 'slot'; title: string; postId: string; version: number }
  | { kind: 'rewrite' | 'shorten' | 'thread'; title: string; postId: string; platform: Platform | null; accountIds: string[] };

interface Row {
  id: string;
  kind: GenerationKindDto;
  input: string;
  priority: number;
  state: GenerationJobDto['state'];
  attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  result_post_ids: string;
  created_at: number;
  updated_at: number;
}

export interface Job extends GenerationJobDto {
  input: JobInput;
}

/** Jobs queued by schema 8 carried no title nor voice; they read as they were asked. */
function readInput(kind: GenerationKindDto, raw: string): JobInput {
  const parsed = JSON.parse(raw) as Record<string, unknown>;
  const input = { ...parsed, kind } as JobInput;
  if (input.kind === 'template_variants') {
    input.voiceId ??= null;
    input.title ??= `${input.count} variant${input.count === 1 ? '' : 's'} of a template`;
  }
  return input;
}

const toJob = (r: Row): Job => {
  const input = readInput(r.kind, r.input);
  return {
    id: r.id,
    kind: r.kind,
    title: input.title,
    state: r.state,
    priority: r.priority,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    postIds: JSON.parse(r.result_post_ids) as string[],
    templateId: input.kind === 'template_variants' ? input.templateId : null,
    sourcePostId: 'postId' in input ? input.postId : null,
    count: input.kind === 'template_variants' ? input.count : 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    input,
  };
};

/** The job as the contract shows it (without its raw input). */
export const toDto = ({ input: _input, ...dto }: Job): GenerationJobDto => dto;

/** SQL of the generation queue (generation_jobs). */
export function createJobsRepo(db: Db) {
  const s = {
    insert: db.prepare(`INSERT INTO generation_jobs (id, kind, input, priority, created_at, updated_at) VALUES (@id, @kind, @input, @priority, @now, @now)`),
    get: db.prepare('SELECT * FROM generation_jobs WHERE id = ?'),
    list: db.prepare('SELECT * FROM generation_jobs ORDER BY created_at DESC, rowid DESC LIMIT ?'),
    // Highest priority first, then the oldest, among those whose wait is over and not already running.
    next: db.prepare(`SELECT * FROM generation_jobs WHERE state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
      ORDER BY priority DESC, created_at, rowid LIMIT 1`),
    soonest: db.prepare(`SELECT min(next_attempt_at) AS at FROM generation_jobs WHERE state = 'queued'`),
    update: db.prepare(`UPDATE generation_jobs SET state = @state, priority = @priority, attempts = @attempts, next_attempt_at = @nextAttemptAt,
      last_error = @lastError, result_post_ids = @postIds, updated_at = @now WHERE id = @id`),
    requeueRunning: db.prepare(`UPDATE generation_jobs SET state = 'queued', updated_at = @now WHERE state = 'running' AND attempts < @maxAttempts`),
    failRunning: db.prepare(`UPDATE generation_jobs SET state = 'failed', next_attempt_at = NULL, last_error = 'Gave up after ' || attempts || ' tries: ' || @why, updated_at = @now
      WHERE state = 'running' AND attempts >= @maxAttempts`),
    openForPost: db.prepare(`SELECT * FROM generation_jobs WHERE kind = ? AND state IN ('queued','running') AND json_extract(input, '$.postId') = ?`),
  };
  const get = (id: string): Job | null => {
    const r = s.get.get(id) as Row | undefined;
    return r ? toJob(r) : null;
  };
  return {
    get,
    insert(job: { id: string; input: JobInput; priority: number; now: number }): Job {
      const { kind, ...rest } = job.input;
      s.insert.run({ id: job.id, kind, input: JSON.stringify(rest), priority: job.priority, now: job.now });
      return get(job.id)!;
    },
    list(limit: number): Job[] {
      return (s.list.all(limit) as Row[]).map(toJob);
    },
    next(now: number): Job | null {
      const r = s.next.get(now) as Row | undefined;
      return r ? toJob(r) : null;
    },
    soonest(): number | null {
      return (s.soonest.get() as { at: number | null }).at;
    },
    /** A queued or running job of this kind for this post, if one is waiting (so it isn't asked twice). */
    openForPost(kind: GenerationKindDto, postId: string): Job | null {
      const r = s.openForPost.get(kind, postId) as Row | undefined;
      return r ? toJob(r) : null;
    },
    update(id: string, patch: Partial<Pick<Job, 'state' | 'priority' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'postIds'>>, now: number): Job {
      const cur = get(id)!;
      const next = { ...cur, ...patch };
      s.update.run({ id, state: next.state, priority: next.priority, attempts: next.attempts, nextAttemptAt: next.nextAttemptAt, lastError: next.lastError, postIds: JSON.stringify(next.postIds), now });
      return get(id)!;
    },
    /**
     * After a restart: a job that was running when Loomcast stopped runs again while it has tries
     * left; one that has had `maxAttempts` fails with "Gave up after N tries: {why}", so a job that
     * brings Loomcast down does not run again at every start. Returns how many of each.
     */
    resumeRunning(now: number, maxAttempts: number, why: string): { requeued: number; failed: number } {
      return db.transaction(() => {
        const failed = s.failRunning.run({ now, maxAttempts, why }).changes;
        const requeued = s.requeueRunning.run({ now, maxAttempts }).changes;
        return { requeued, failed };
      })();
    },
  };
}
