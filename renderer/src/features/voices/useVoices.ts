import { useCallback, useEffect, useState } from 'react';
import { create } from 'zustand';
import type { ChannelInput } from '../../../../shared/contract';
import type { PillarDto, VoiceDto, VoiceExamplesDto } from '../../../../shared/contract/features/library';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';

/** Cached voices and pillars, shared by their tabs and by "Use template"; pushes refetch them. */
interface VoicesState {
  voices: VoiceDto[] | null;
  pillars: PillarDto[] | null;
  problem: Problem | null;
}

export const useVoicesStore = create<VoicesState>(() => ({ voices: null, pillars: null, problem: null }));

export async function refreshVoices(): Promise<void> {
  try {
    useVoicesStore.setState({ voices: await api.call('voices:list', {}), problem: null });
  } catch (err) {
    useVoicesStore.setState({ problem: toProblem(err) });
  }
}

export async function refreshPillars(): Promise<void> {
  try {
    useVoicesStore.setState({ pillars: await api.call('pillars:list', {}), problem: null });
  } catch (err) {
    useVoicesStore.setState({ problem: toProblem(err) });
  }
}

let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  api.subscribe('library:changed', ({ kind }) => {
    if (kind === 'voice') void refreshVoices();
    // A deleted voice leaves pillars without one, so pillars follow voices too.
    if (kind === 'pillar' || kind === 'voice') void refreshPillars();
  });
  // Deleted accounts drop out of pillars, and posts joining or leaving change their counts.
  api.subscribe('accounts:changed', () => void refreshPillars());
  api.subscribe('posts:changed', () => void refreshPillars());
  void refreshVoices();
  void refreshPillars();
}

export function useVoices() {
  const voices = useVoicesStore((s) => s.voices);
  const problem = useVoicesStore((s) => s.problem);
  useEffect(listen, []);
  return { voices, problem };
}

export function usePillars() {
  const pillars = useVoicesStore((s) => s.pillars);
  const problem = useVoicesStore((s) => s.problem);
  useEffect(listen, []);
  return { pillars, problem };
}

export async function saveVoice(input: ChannelInput<'voices:save'>): Promise<VoiceDto> {
  const voice = await api.call('voices:save', input);
  await refreshVoices();
  return voice;
}

export async function deleteVoice(id: string): Promise<void> {
  await api.call('voices:delete', { id });
  await Promise.all([refreshVoices(), refreshPillars()]);
}

export async function savePillar(input: ChannelInput<'pillars:save'>): Promise<PillarDto> {
  const pillar = await api.call('pillars:save', input);
  await refreshPillars();
  return pillar;
}

export async function deletePillar(id: string): Promise<void> {
  await api.call('pillars:delete', { id });
  await refreshPillars();
}

/**
 * What a model is shown for a saved voice now. Refetched when the voice changes (a pin, a drop)
 * and when posts change (one approved or published is something new to learn from).
 */
export function useVoiceExamples(voiceId: string, learning: boolean) {
  const [answer, setAnswer] = useState<VoiceExamplesDto | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const reload = useCallback(async () => {
    try {
      setAnswer(await api.call('voices:examples', { voiceId }));
      setProblem(null);
    } catch (err) {
      setProblem(toProblem(err));
    }
  }, [voiceId]);
  useEffect(() => {
    if (!learning) return undefined;
    let live = true;
    const load = () =>
      api.call('voices:examples', { voiceId }).then(
        (a) => {
          if (!live) return;
          setAnswer(a);
          setProblem(null);
        },
        (err: unknown) => {
          if (live) setProblem(toProblem(err));
        },
      );
    void load();
    const offVoice = api.subscribe('library:changed', ({ kind, ids }) => {
      if (kind === 'voice' && ids.includes(voiceId)) void load();
    });
    const offPosts = api.subscribe('posts:changed', () => void load());
    return () => {
      live = false;
      offVoice();
      offPosts();
    };
  }, [learning, voiceId]);
  return { answer, problem, setAnswer, setProblem, reload };
}

export async function pinVoiceExample(voiceId: string, postId: string): Promise<VoiceDto> {
  const voice = await api.call('voices:pinExample', { voiceId, postId });
  await refreshVoices();
  return voice;
}

export async function unpinVoiceExample(voiceId: string, index: number): Promise<VoiceDto> {
  const voice = await api.call('voices:unpinExample', { voiceId, index });
  await refreshVoices();
  return voice;
}

export const dropVoiceExample = (voiceId: string, postId: string): Promise<VoiceExamplesDto> => api.call('voices:dropExample', { voiceId, postId });

/** "cheap, synergy\ngame-changer" → ['cheap', 'synergy', 'game-changer']. */
export function splitWords(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((w) => w.trim())
    .filter((w) => w.length > 0);
}
