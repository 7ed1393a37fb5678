import { useEffect } from 'react';
import { create } from 'zustand';
import type { BucketSettingsDto, ChannelInput } from '../../../../shared/contract';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';

/** The cached bucket:get answer: where media goes, and whether its secret key is in the keychain. */
interface BucketState {
  bucket: BucketSettingsDto | null;
  problem: Problem | null;
}

export const useBucketStore = create<BucketState>(() => ({ bucket: null, problem: null }));

export async function refreshBucket(): Promise<void> {
  try {
    const bucket = await api.call('bucket:get', {});
    useBucketStore.setState({ bucket, problem: null });
  } catch (err) {
    useBucketStore.setState({ problem: toProblem(err) });
  }
}

/** Loads bucket:get when Settings opens; there is no push for it, so each mount asks again. */
export function useBucket() {
  const bucket = useBucketStore((s) => s.bucket);
  const problem = useBucketStore((s) => s.problem);
  useEffect(() => {
    void refreshBucket();
  }, []);
  return { bucket, problem };
}

/** Saves the address and key id; a secret, when given, goes to the keychain (empty keeps the stored one). */
export async function saveBucket(input: ChannelInput<'bucket:set'>): Promise<BucketSettingsDto> {
  const bucket = await api.call('bucket:set', input);
  useBucketStore.setState({ bucket, problem: null });
  return bucket;
}

export function testBucket(): Promise<{ ok: true; warnings: string[] }> {
  return api.call('bucket:test', {});
}

export async function clearBucket(): Promise<BucketSettingsDto> {
  const bucket = await api.call('bucket:clear', {});
  useBucketStore.setState({ bucket, problem: null });
  return bucket;
}
