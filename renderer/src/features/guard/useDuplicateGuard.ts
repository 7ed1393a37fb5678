import { useEffect, useState } from 'react';
import type { GuardCheckDto } from '../../../../shared/contract/features/guard';
import type { Platform } from '../../../../shared/domain/platforms';
import { resolveLocal } from '../../../../shared/domain/time';
import { api } from '../../api/client';

export interface GuardSubject {
  text: string;
  platforms: Platform[];
  date: string;
  time: string;
  zone: string;
  /** The post being edited, so it is not compared with itself. */
  excludePostId?: string | null;
}

const DEBOUNCE_MS = 400;

/**
 * Asks the core, a moment after typing stops, whether the same words are already going out
 * nearby (warnings) or to two accounts of one platform (blocks). The creator's "Post anyway"
 * holds only for the exact text and destinations it was given for.
 */
export function useDuplicateGuard(s: GuardSubject) {
  const [answer, setAnswer] = useState<{ query: string; result: GuardCheckDto | null } | null>(null);
  const [overriddenFor, setOverriddenFor] = useState<string | null>(null);
  const { text, date, time, zone, excludePostId } = s;
  const platforms = s.platforms.join(',');
  const empty = text.trim() === '' || platforms === '';
  const query = JSON.stringify([text, platforms, date, time, zone, excludePostId ?? null]);
  // An answer counts only for what is in the form now; an empty form has nothing to compare.
  const result = !empty && answer?.query === query ? answer.result : null;

  useEffect(() => {
    if (empty) return;
    let live = true;
    const timer = setTimeout(() => {
      const at = date && time ? resolveLocal({ date, time, zone }) : null;
      api
        .call('guard:check', {
          text,
          platforms: platforms.split(',') as Platform[],
          ...(at?.ok ? { scheduledAt: new Date(at.epochMs).toISOString() } : {}),
          ...(excludePostId ? { excludePostId } : {}),
        })
        .then((r) => live && setAnswer({ query, result: r }))
        // The guard is advice before saving; the core checks again when the post is saved.
        .catch(() => live && setAnswer({ query, result: null }));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [empty, query, text, platforms, date, time, zone, excludePostId]);

  const key = result ? `${result.fingerprint}|${result.blocks.map((b) => `${b.platform}:${b.accountIds.join('+')}`).join(',')}` : null;
  const blocked = !!result && result.blocks.length > 0;
  const overridden = blocked && overriddenFor === key;
  return { result, blocked, overridden, override: () => setOverriddenFor(key) };
}

export type DuplicateGuardState = ReturnType<typeof useDuplicateGuard>;
