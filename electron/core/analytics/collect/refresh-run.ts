/**
 * How far "look at every post's numbers again now" got, and stopping it. The checks asked for are
 * marked in metric_checks (requested_at, through ./checks-repo.ts); this keeps the run they belong
 * to: the copies asked for since it began (a refresh asked for meanwhile adds to it), those looked
 * at since and those still waiting. Every look ends in the collector's settle, which reports here:
 * a look that failed or that a platform refused (a rate limit, a missing permission, a deleted
 * post) is done with a problem, never left waiting. A copy deleted or unpublished meanwhile is
 * never looked at; it counts as done, "not measured". After a restart the checks still marked are
 * the run, from then on.
 */
import type { RefreshProblem, RefreshProgressDto } from '../../../../shared/contract/features/metrics';
import type { Platform } from '../../../../shared/domain/platforms';
import type { ChecksRepo, CheckStatus } from './checks-repo';

interface Run {
  state: 'running' | 'done' | 'stopped';
  startedAt: number;
  endedAt: number | null;
  asked: number;
  looked: number;
  stopped: number;
  /** Asked for and not looked at yet. */
  waiting: Set<string>;
  /** By why and on which platform (`status platform`): each platform's rate limit in its own words. */
  problems: Map<string, { status: RefreshProblem; platform: Platform | null; copies: number; detail: string | null }>;
}

const NOT_MEASURED = 'Deleted, or no longer published from Loomcast, before its look (or its account was removed).';

export interface RefreshRunDeps {
  repo: Pick<ChecksRepo, 'requested'>;
  now: () => number;
  /** Tells the windows; called at most once per turn of the event loop. */
  emit: (progress: RefreshProgressDto) => void;
}

export function createRefreshRun(d: RefreshRunDeps) {
  let run: Run | null = null;
  let adopted = false;
  /** Bumped by each stop, so a sweep under way knows to drop what was asked before it. */
  let stops = 0;
  let emitQueued = false;

  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const fresh = (now: number): Run => ({ state: 'running', startedAt: now, endedAt: null, asked: 0, looked: 0, stopped: 0, waiting: new Set(), problems: new Map() });

  function progress(): RefreshProgressDto {
    if (!run) return { state: 'idle', startedAt: null, endedAt: null, asked: 0, looked: 0, waiting: 0, stopped: 0, problems: [] };
    return {
      state: run.state,
      startedAt: iso(run.startedAt),
      endedAt: iso(run.endedAt),
      asked: run.asked,
      looked: run.looked,
      waiting: run.waiting.size,
      stopped: run.stopped,
      problems: [...run.problems.values()].map((p) => ({ status: p.status, platform: p.platform, copies: p.copies, detail: p.detail })),
    };
  }

  /** One report per turn: a batch of 100 copies settled together is one event. */
  function changed(): void {
    if (emitQueued) return;
    emitQueued = true;
    queueMicrotask(() => {
      emitQueued = false;
      d.emit(progress());
    });
  }

  /** The checks marked before this start (a restart mid-run) are the run, from now on. */
  function adopt(): void {
    if (adopted) return;
    adopted = true;
    const rows = d.repo.requested();
    if (rows.length === 0 || run) return;
    run = fresh(rows.reduce((min, r) => Math.min(min, r.requested_at), Infinity));
    for (const r of rows) run.waiting.add(r.target_id);
    run.asked = rows.length;
  }

  function finishIfDone(r: Run): void {
    if (r.state === 'running' && r.waiting.size === 0) {
      r.state = 'done';
      r.endedAt = d.now();
    }
  }

  function addProblem(r: Run, status: RefreshProblem, platform: Platform | null, detail: string | null, copies = 1): void {
    const key = `${status} ${platform ?? ''}`;
    const p = r.problems.get(key) ?? { status, platform, copies: 0, detail: null };
    r.problems.set(key, { ...p, copies: p.copies + copies, detail: detail ?? p.detail });
  }

  /**
   * Copies the run waits for that no sweep will look at: deleted, or no longer published (or
   * their account removed). Done, as "not measured".
   */
  function reconcile(): void {
    if (!run || run.state !== 'running') return;
    const measurable = new Set(d.repo.requested().filter((r) => r.measurable).map((r) => r.target_id));
    let gone = 0;
    for (const id of run.waiting) {
      if (measurable.has(id)) continue;
      run.waiting.delete(id);
      gone++;
    }
    if (gone === 0) return;
    run.looked += gone;
    addProblem(run, 'not_measured', null, NOT_MEASURED, gone);
    finishIfDone(run);
    changed();
  }

  return {
    adopt,
    reconcile,
    progress(): RefreshProgressDto {
      adopt();
      reconcile();
      return progress();
    },
    /** Checks newly marked by a refresh: a run starts, or the one under way grows. */
    asked(targetIds: string[]): void {
      adopt();
      if (targetIds.length === 0) return;
      if (!run || run.state !== 'running') run = fresh(d.now());
      for (const id of targetIds) {
        if (run.waiting.has(id)) continue;
        run.waiting.add(id);
        run.asked++;
      }
      changed();
    },
    /** Whether a look at this check is still wanted by the run (asked for and not stopped since). */
    isWaiting: (targetId: string) => run?.state === 'running' && run.waiting.has(targetId),
    /** Stops seen so far: a sweep that saw fewer prunes what it was given. */
    stops: () => stops,
    /** A look at a copy on `platform` ended, whatever it found. */
    settled(targetId: string, status: CheckStatus, detail: string | null, platform: Platform): void {
      if (!run || run.state !== 'running' || !run.waiting.delete(targetId)) return;
      run.looked++;
      if (status !== 'ok') addProblem(run, status, platform, detail);
      finishIfDone(run);
      changed();
    },
    /** The creator stopped it (the marks were cleared by the caller): what waited is stopped. */
    stop(): RefreshProgressDto {
      adopt();
      stops++;
      if (run?.state === 'running') {
        run.stopped += run.waiting.size;
        run.waiting.clear();
        run.state = 'stopped';
        run.endedAt = d.now();
        changed();
      }
      return progress();
    },
  };
}

export type RefreshRun = ReturnType<typeof createRefreshRun>;
