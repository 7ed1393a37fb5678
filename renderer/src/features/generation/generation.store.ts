import { create } from 'zustand';
import type { GenerationJobDto } from '../../../../shared/contract/features/generation';
import { api } from '../../api/client';

/**
 * The writing queue as the renderer sees it: every job the core reported (from generation:list,
 * then each 'generation:job' push) and, per job, the text streamed so far for a live preview.
 */
interface GenerationState {
  jobs: Record<string, GenerationJobDto>;
  /** Streamed text per job, one entry per variant, in arrival order. */
  texts: Record<string, string[]>;
  loaded: boolean;
  open: boolean;
}

export const useGenerationStore = create<GenerationState>(() => ({ jobs: {}, texts: {}, loaded: false, open: false }));

export const setQueueOpen = (open: boolean) => useGenerationStore.setState({ open });

/** A job the core reported, or one a channel answered with; a newer update wins. */
export function upsertJob(job: GenerationJobDto): void {
  useGenerationStore.setState((s) => {
    const known = s.jobs[job.id];
    if (known && known.updatedAt > job.updatedAt) return s;
    // Starting over (a retry, or asked again after a failed check): the text streams anew.
    const restart =
      (job.state === 'queued' && known && known.state !== 'queued') || (job.state === 'running' && job.lastError?.startsWith('Asked again') && known?.lastError !== job.lastError);
    return { jobs: { ...s.jobs, [job.id]: job }, texts: restart ? { ...s.texts, [job.id]: [] } : s.texts };
  });
}

function addToken(jobId: string, variant: number, delta: string): void {
  useGenerationStore.setState((s) => {
    const next = [...(s.texts[jobId] ?? [])];
    next[variant] = (next[variant] ?? '') + delta;
    return { texts: { ...s.texts, [jobId]: next } };
  });
}

let listening = false;

/** Subscribes once for the app's life, then reads the queue the core kept. */
export function startGenerationFeed(): void {
  if (listening) return;
  listening = true;
  // Subscribe first: a job that changes while the list loads is merged in, not lost.
  api.subscribe('generation:job', upsertJob);
  api.subscribe('generation:token', (t) => addToken(t.jobId, t.variant, t.delta));
  void api.call('generation:list', { limit: 100 }).then(
    (list) => {
      for (const job of list) upsertJob(job);
      useGenerationStore.setState({ loaded: true });
    },
    () => useGenerationStore.setState({ loaded: true }),
  );
}

/** Newest first, as the core lists them. */
export function sortedJobs(jobs: Record<string, GenerationJobDto>): GenerationJobDto[] {
  return Object.values(jobs).sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
}

export const isActive = (job: GenerationJobDto) => job.state === 'queued' || job.state === 'running';

/** Characters streamed so far for a job, across its variants. */
export const streamedChars = (texts: string[] | undefined) => (texts ?? []).reduce((n, t) => n + (t?.length ?? 0), 0);
