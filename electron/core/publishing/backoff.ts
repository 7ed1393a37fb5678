/** Retry policy for definite non-delivery: exponential, with full jitter, capped. */
export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseMs: 30_000, capMs: 30 * 60_000 };

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1). Half the step is fixed and half is
 * random, so retries spread out without ever coming back sooner than half the backoff.
 */
export function backoffMs(attempt: number, policy: RetryPolicy = DEFAULT_RETRY, random: () => number = Math.random): number {
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** How long an unknown outcome (a copy's or a thread part's) may stay unchecked before the creator is asked. */
export const CHECK_GIVE_UP_MS = 6 * 3_600_000;

/** How long work waits for an account that cannot be used now (needs reconnecting) before it is looked at again. */
export const ACCOUNT_WAIT_MS = 15 * 60_000;
