import { AppError, type ChannelOutput, type ChannelParsedInput } from '../../../../shared/contract';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { createAgentReview } from '../../posts/agent-review';
import { createPublishQueue } from '../../publishing/publish-queue';
import type { FeatureDeps } from '../types';
import { createCopyReader } from './id-from-link';
import { isPublishingPaused } from './paused';

/**
 * A thread that stopped, gone on with from the post panel. The parts' state is the publishing
 * queue's to write; this asks it, then wakes the scheduler, which sends the part (and the rest)
 * like any part whose retry fell due. The copy's "thread stopped" note goes, and its alert
 * resolves on the next look.
 */
export function createThreads(d: Pick<FeatureDeps, 'db' | 'clock' | 'audit' | 'targets' | 'settings'> & { wake(): void }) {
  const queue = createPublishQueue(d.db);
  const copies = createCopyReader(d.db);
  const agentReview = createAgentReview(d.db);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

  function parts(postId: string): ChannelOutput<'publishing:threadParts'> {
    const out = new Map<string, ChannelOutput<'publishing:threadParts'>[number]>();
    for (const p of queue.partsOfPost(postId)) {
      let entry = out.get(p.target_id);
      if (!entry) {
        const row = copies.get(p.target_id)!;
        entry = { targetId: p.target_id, platform: row.platform, parts: [] };
        out.set(p.target_id, entry);
      }
      entry.parts.push({ position: p.position, kind: p.kind, state: p.state, lastError: p.last_error, nextAttemptAt: iso(p.next_attempt_at), url: p.platform_url });
    }
    return [...out.values()];
  }

  function continueThread(input: ChannelParsedInput<'publishing:continueThread'>): ChannelOutput<'publishing:continueThread'> {
    const row = copies.get(input.targetId);
    if (!row) throw new AppError('not_found', 'That copy no longer exists.');
    const platform = PLATFORM_NAMES[row.platform];
    const stopped = queue.parts(input.targetId).find((p) => p.state === 'failed' || p.state === 'unconfirmed');
    if (row.state !== 'published' || !stopped) throw new AppError('conflict', `Nothing in this ${platform} thread has stopped, so there is nothing to go on with.`);
    const name = stopped.kind === 'comment' ? 'the first comment' : `part ${stopped.position + 1}`;
    const now = d.clock.now();
    if (input.outcome === 'published') {
      if (stopped.state !== 'unconfirmed') throw new AppError('conflict', `${name[0]!.toUpperCase()}${name.slice(1)} did not go out; send it again instead.`);
      const id = copies.idFrom(input.url, row);
      if (!id) {
        throw new AppError('invalid_input', `Paste the link to ${name} on ${platform}, as this account's post: the rest of the thread replies to it.`, {
          issues: [{ path: ['url'], message: `Paste the link to ${name} on ${platform}` }],
        });
      }
      d.targets.atomically(() => {
        if (!queue.confirmPart(input.targetId, stopped.position, id, input.url, now)) throw new AppError('conflict', `This ${platform} thread changed meanwhile. Look at it again.`);
        d.targets.note(input.targetId, null, null);
        d.audit.record({ actor: 'user', action: 'thread.confirmPart', entity: 'post', entityId: row.post_id, detail: { targetId: input.targetId, position: stopped.position, url: input.url } });
      });
    } else {
      agentReview.refuse('send a post again');
      if (isPublishingPaused(d.settings.store)) throw new AppError('conflict', 'Publishing is paused, so nothing goes out now. Resume publishing, then go on with the thread.');
      d.targets.atomically(() => {
        if (!queue.restartPart(input.targetId, stopped.position, now)) throw new AppError('conflict', `This ${platform} thread changed meanwhile. Look at it again.`);
        d.targets.note(input.targetId, null, null);
        d.audit.record({ actor: 'user', action: 'thread.sendAgain', entity: 'post', entityId: row.post_id, detail: { targetId: input.targetId, position: stopped.position } });
      });
    }
    d.wake();
    return parts(row.post_id);
  }

  return { parts, continueThread };
}
