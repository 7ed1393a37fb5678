import type { GenerationJobDto } from '../../../../shared/contract/features/generation';

const RATE_LIMITED = /rate.?limit|429|too many requests/i;

/**
 * Where a job stands, in words: "Writing…", "Waiting for the model until 14:32 (rate limited)",
 * "Done — 3 drafts in Review", "Failed: <why>", "Cancelled". `clock` turns an instant into the creator's clock time ("14:30" or "2:30 PM").
 */
export function jobStateWords(job: GenerationJobDto, nowMs: number, clock: (ms: number) => string): string {
  switch (job.state) {
    case 'running':
      return 'Writing…';
    case 'queued':
      if (job.nextAttemptAt !== null && job.nextAttemptAt > nowMs) {
        const why = job.lastError && RATE_LIMITED.test(job.lastError) ? 'rate limited' : 'the model did not answer';
        return `Waiting for the model until ${clock(job.nextAttemptAt)} (${why})`;
      }
      return 'Waiting its turn';
    case 'done': {
      const n = job.postIds.length;
      return n === 0 ? 'Done — nothing new to review' : `Done — ${n} draft${n === 1 ? '' : 's'} in Review`;
    }
    case 'failed':
      return `Failed: ${job.lastError ?? 'the model gave no usable answer'}`;
    case 'cancelled':
      return 'Cancelled';
  }
}
