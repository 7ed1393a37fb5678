import { AppError, type ChannelOutput, type ChannelParsedInput } from '../../../../shared/contract';
import { PLATFORM_NAMES, articleFor, type Platform } from '../../../../shared/domain/platforms';
import type { TargetState } from '../../../../shared/domain/states';
import { createAgentReview } from '../../posts/agent-review';
import { assertNotDuplicate } from '../../posts/duplicate-check';
import type { FeatureDeps } from '../types';
import { scheduleCopyNow } from './copy-now';
import { isPublishingPaused } from './paused';

/** Copies that stopped without going out: sending one again cannot make a second post. */
const STOPPED: readonly TargetState[] = ['failed', 'missed'];

const silent = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

interface CopyRow {
  post_id: string;
  platform: Platform;
  state: TargetState;
  account_id: string | null;
  handle: string | null;
  status: string | null;
}

/**
 * "Try again now" for one copy that failed or was missed: it moves to `scheduled` for this
 * instant (the gates run in that move and the scheduler is woken), with a fresh set of attempts,
 * its old error cleared. Only that copy: the post's other copies keep their times. An unconfirmed
 * copy is refused: it may be up already, and the creator settles it (publishing:settleUnconfirmed).
 */
export function createTryAgain({ db, clock, audit, posts, targets, settings, zone }: Pick<FeatureDeps, 'db' | 'clock' | 'audit' | 'posts' | 'targets' | 'settings' | 'zone'>) {
  const agentReview = createAgentReview(db);
  const read = db.prepare(`SELECT t.post_id, t.platform, t.state, t.account_id, a.handle, a.status
    FROM targets t LEFT JOIN accounts a ON a.id = t.account_id WHERE t.id = ?`);

  return function tryAgain({ targetId, override }: ChannelParsedInput<'publishing:tryAgain'>): ChannelOutput<'publishing:tryAgain'> {
    const row = read.get(targetId) as CopyRow | undefined;
    if (!row) throw new AppError('not_found', 'That copy no longer exists.');
    const name = PLATFORM_NAMES[row.platform];
    if (row.state === 'unconfirmed') {
      throw new AppError('conflict', `Loomcast can't tell whether this ${name} copy went out. Look for it on ${name}, then mark it published or send it again.`);
    }
    if (!STOPPED.includes(row.state)) {
      throw new AppError('conflict', `This ${name} copy is ${row.state === 'published' ? 'already published' : `not failed or missed (it is ${row.state})`}, so there is nothing to try again.`);
    }
    agentReview.refuse('send a post again');
    if (isPublishingPaused(settings.store)) throw new AppError('conflict', 'Publishing is paused, so nothing goes out now. Resume publishing, then try again.');
    if (row.account_id === null || row.handle === null) {
      throw new AppError('invalid_input', `No ${name} account is connected, so this copy can't go out. Connect ${articleFor(name)} ${name} account in Accounts, then try again.`);
    }
    if (row.status === 'needs_reconnect' || row.status === 'disconnected') {
      throw new AppError('conflict', `${name} no longer accepts ${row.handle}'s sign-in. Reconnect ${row.handle} in Accounts, then try again.`);
    }
    const post = posts.get(row.post_id);
    const now = clock.now();
    assertNotDuplicate({ db, clock, log: silent }, { text: post.text, accountIds: [row.account_id], scheduledAt: now, excludePostId: row.post_id, override });
    targets.atomically(() => {
      if (!scheduleCopyNow({ targets, clock, zone }, targetId, STOPPED, 'publish.tryAgainByCreator')) throw new AppError('conflict', `This ${name} copy changed meanwhile. Look at it again.`);
      audit.record({ actor: 'user', action: 'post.tryAgain', entity: 'post', entityId: row.post_id, detail: { targetId, platform: row.platform, was: row.state } });
    });
    return posts.get(row.post_id);
  };
}
