import type { GenerationJobDto } from '../../../../shared/contract/features/generation';
import type { Db } from '../../store/open';

export interface VariantsInput {
  templateId: string;
  values: Record<string, string>;
  accountIds: string[];
  count: number;
}

interface Row {
  id: string;
  kind: 'template_variants';
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
  input: VariantsInput;
}

const toJob = (r: Row): Job => {
  const input = JSON.parse(r.input) as VariantsInput;
  return {
    id: r.id,
    kind: r.kind,
    state: r.state,
    priority: r.priority,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    postIds: JSON.parse(r.result_post_ids) as string[],
    templateId: input.templateId ?? null,
    count: input.count,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    input,
  };
};

/** The job as the contract shows it (without its raw input). */
export const toDto = ({ input: _input, ...dto }: Job): GenerationJobDto => dto;

/** SQL of the generation queue (0008_generation_jobs). */
export function createJobsRepo(db: Db) {
  const s = {
    insert: db.prepare(`INSERT INTO generation_jobs (id, kind, input, priority, created_at, updated_at) VALUES (@id, @kind, @input, @priority, @now, @now)`),
    get: db.prepare('SELECT * FROM generation_jobs WHERE id = ?'),
    list: db.prepare('SELECT * FROM generation_jobs ORDER BY created_at DESC, rowid DESC LIMIT ?'),
    // Highest priority first, then the oldest, among those whose wait is over.
    next: db.prepare(`SELECT * FROM generation_jobs WHERE state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
      ORDER BY priority DESC, created_at, rowid LIMIT 1`),
    soonest: db.prepare(`SELECT min(next_attempt_at) AS at FROM generation_jobs WHERE state = 'queued'`),
    update: db.prepare(`UPDATE generation_jobs SET state = @state, attempts = @attempts, next_attempt_at = @nextAttemptAt, last_error = @lastError,
      result_post_ids = @postIds, updated_at = @now WHERE id = @id`),
    requeueRunning: db.prepare(`UPDATE generation_jobs SET state = 'queued', updated_at = ? WHERE state = 'running'`),
  };
  const get = (id: string): Job | null => {
    const r = s.get.get(id) as Row | undefined;
    return r ? toJob(r) : null;
  };
  return {
    get,
    insert(job: { id: string; input: VariantsInput; priority: number; now: number }): Job {
      s.insert.run({ id: job.id, kind: 'template_variants', input: JSON.stringify(job.input), priority: job.priority, now: job.now });
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
    update(id: string, patch: Partial<Pick<Job, 'state' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'postIds'>>, now: number): Job {
      const cur = get(id)!;
      const next = { ...cur, ...patch };
      s.update.run({ id, state: next.state, attempts: next.attempts, nextAttemptAt: next.nextAttemptAt, lastError: next.lastError, postIds: JSON.stringify(next.postIds), now });
      return get(id)!;
    },
    /** After a restart: a job that was running when Loomcast stopped runs again. */
    requeueRunning(now: number): number {
      return s.requeueRunning.run(now).changes;
    },
  };
}
