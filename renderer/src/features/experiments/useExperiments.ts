import { useEffect } from 'react';
import { create } from 'zustand';
import type { ChannelInput } from '../../../../shared/contract';
import type { ExperimentDto, ExperimentSummaryDto } from '../../../../shared/contract/features/experiments';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { refreshPosts } from '../../data/usePosts';
import { toProblem, type Problem } from '../../lib/errors';

interface ExperimentsState {
  list: ExperimentSummaryDto[] | null;
  /** The experiment open below the list. */
  selected: string | null;
  detail: ExperimentDto | null;
  problem: Problem | null;
  /** The create form is open; with a variant set chosen from elsewhere (the Library), its id. */
  creating: { variantSetId: string | null } | null;
}

export const useExperimentsStore = create<ExperimentsState>(() => ({ list: null, selected: null, detail: null, problem: null, creating: null }));

let listening = false;
let latest = 0;

/** Reloads the list and the open experiment; stale answers are dropped. */
export async function refreshExperiments(): Promise<void> {
  const ticket = ++latest;
  try {
    const list = await api.call('experiments:list', {});
    const selected = useExperimentsStore.getState().selected;
    const detail = selected && list.some((e) => e.id === selected) ? await api.call('experiments:get', { id: selected }) : null;
    if (ticket !== latest) return;
    useExperimentsStore.setState({ list, detail, selected: detail ? selected : null, problem: null });
  } catch (err) {
    if (ticket === latest) useExperimentsStore.setState({ problem: toProblem(err) });
  }
}

function listen(): void {
  if (listening) return;
  listening = true;
  // New numbers or a post approved, published or edited change what an experiment shows.
  api.subscribe('experiments:changed', () => void refreshExperiments());
  api.subscribe('posts:changed', () => void refreshExperiments());
}

export function useExperiments() {
  const list = useExperimentsStore((s) => s.list);
  const problem = useExperimentsStore((s) => s.problem);
  useEffect(() => {
    listen();
    void refreshExperiments();
  }, []);
  return { list, problem, loading: list === null && !problem };
}

export function openExperiment(id: string | null): void {
  useExperimentsStore.setState({ selected: id, detail: null });
  void refreshExperiments();
}

export async function createExperiment(input: ChannelInput<'experiments:create'>): Promise<ExperimentDto> {
  const e = await api.call('experiments:create', input);
  useExperimentsStore.setState({ selected: e.id, detail: e, creating: null });
  void refreshExperiments();
  void refreshPosts();
  return e;
}

export async function stopExperiment(id: string, keepPosts: boolean): Promise<void> {
  const e = await api.call('experiments:stop', { id, keepPosts });
  useExperimentsStore.setState({ detail: e });
  void refreshExperiments();
  void refreshPosts();
}

/** `postIds`: the posts that got the winner's words; `unchanged`: those that already had them. */
export async function rollOut(id: string, postIds?: string[]): Promise<{ postIds: string[]; unchanged: string[] }> {
  const r = await api.call('experiments:rollout', postIds ? { id, postIds } : { id });
  void refreshExperiments();
  void refreshPosts();
  return r;
}

/** Opens the create form from elsewhere, e.g. the Library's variants panel. */
export function startExperimentFrom(variantSetId: string | null): void {
  useExperimentsStore.setState({ creating: { variantSetId } });
}

/** "Start an experiment" from the variants a generation job just wrote: opens the form on their set. */
export async function startExperimentFromJob(jobId: string): Promise<void> {
  const sets = await api.call('experiments:variantSets', {});
  startExperimentFrom(sets.find((s) => s.jobId === jobId)?.id ?? null);
  navigate('experiments');
}
