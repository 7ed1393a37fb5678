import { PLATFORM_NAMES } from '../../../shared/domain/platforms';
import type { Alerts } from '../alerts/alerts';
import type { Clock, Logger } from '../deps';
import type { MediaStore } from '../media/media-store';
import type { ClientContext, PlatformClient, PublishOutcome, PublishRequest } from '../platforms/types';
import type { Targets } from '../posts/targets';
import type { DueTarget, PublishQueue } from './publish-queue';

interface ChainDeps {
  queue: PublishQueue;
  targets: Pick<Targets, 'note'>;
  media: MediaStore;
  alerts: Alerts;
  clock: Clock;
  log: Logger;
  client: PlatformClient;
  ctx: ClientContext;
  target: DueTarget;
  rootPostId: string;
  call(client: PlatformClient, ctx: ClientContext, req: PublishRequest): Promise<PublishOutcome>;
}

/**
 * After the main post: the thread's later parts and the first comment, each replying to the one
 * before. Each part is committed `publishing` before it is sent, like a target. A part that
 * fails stops the chain and is reported; parts already out are never sent again.
 */
export async function publishChain(d: ChainDeps): Promise<void> {
  const parts = d.queue.parts(d.target.id);
  if (parts.length === 0) return;
  const platform = PLATFORM_NAMES[d.target.platform];
  let previous = d.rootPostId;
  for (const part of parts) {
    if (part.state === 'published') {
      previous = part.platform_post_id ?? previous;
      continue;
    }
    if (part.state === 'failed' || part.state === 'unconfirmed') return;
    const started = d.clock.now();
    const req: PublishRequest = {
      idempotencyKey: `${d.target.id}:${part.position}`,
      text: part.text,
      media: [],
      replyTo: { platformPostId: previous, rootPostId: d.rootPostId, kind: part.kind },
      attemptStartedAt: started,
    };
    // A part left `publishing` by a crash may already be out: look before sending.
    if (part.state === 'publishing') {
      const found = await d.client.reconcile(d.ctx, req).catch(() => ({ kind: 'cannot_tell' as const, reason: 'could not check' }));
      if (found.kind === 'found') {
        d.queue.settlePart(d.target.id, part.position, 'published', found.platformPostId, null);
        previous = found.platformPostId;
        continue;
      }
      if (found.kind === 'cannot_tell') return stop(d, part.position, parts.length, 'unconfirmed', `${platform} could not tell whether part ${part.position + 1} went out.`);
    }
    if (!d.queue.claimPart(d.target.id, part.position, started)) return;
    const outcome = await d.call(d.client, d.ctx, req);
    if (outcome.kind === 'published') {
      d.queue.settlePart(d.target.id, part.position, 'published', outcome.platformPostId, null);
      previous = outcome.platformPostId;
      continue;
    }
    const reason = 'reason' in outcome ? outcome.reason : `${platform} no longer accepts the account's sign-in.`;
    return stop(d, part.position, parts.length, outcome.kind === 'unknown' ? 'unconfirmed' : 'failed', reason);
  }
}

function stop(d: ChainDeps, position: number, total: number, state: 'failed' | 'unconfirmed', reason: string): void {
  const what = d.queue.parts(d.target.id).find((p) => p.position === position)?.kind === 'comment' ? 'The first comment' : `The thread stopped at part ${position + 1} of ${total + 1}:`;
  const message = `${what} ${reason} The parts already published stay up; Loomcast will not repeat them.`;
  d.queue.settlePart(d.target.id, position, state, null, reason);
  d.targets.note(d.target.id, message, null);
  d.log.warn('chain stopped', { targetId: d.target.id, position, state });
  d.alerts.raise({ kind: 'thread_stopped', title: `Your ${PLATFORM_NAMES[d.target.platform]} thread is incomplete`, body: message, subject: { kind: 'post', id: d.target.post_id } });
}
