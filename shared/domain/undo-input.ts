import type { PostUndoDto } from '../contract/features/undo';
import type { TargetState } from './states';

type Copy = { id: string; state: string; scheduledAt: string | null; zone: string | null; lastError: string | null };

/**
 * What posts:undo needs to take a post from `after` back to `before` (both as the core sent
 * them), or null when a copy was not in a waiting state before (a move is undone by moving back).
 */
export function undoInputFor(before: { id: string; targets: Copy[] }, after: { targets: Copy[] }): PostUndoDto | null {
  const out: PostUndoDto['targets'] = [];
  for (const a of after.targets) {
    const b = before.targets.find((t) => t.id === a.id);
    if (!b || (b.state !== 'draft' && b.state !== 'in_review')) return null;
    out.push({
      id: a.id,
      now: { state: a.state as TargetState, scheduledAt: a.scheduledAt },
      before: { state: b.state, scheduledAt: b.scheduledAt, zone: b.zone, lastError: b.lastError },
    });
  }
  return out.length === before.targets.length ? { id: before.id, targets: out } : null;
}
