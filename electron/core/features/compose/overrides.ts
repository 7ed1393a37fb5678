import { AppError, type ChannelOutput, type ChannelParsedInput } from '../../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import { EDITABLE_STATES, type TargetState } from '../../../../shared/domain/states';
import type { FeatureDeps } from '../types';

interface TargetRow {
  id: string;
  platform: Platform;
  state: TargetState;
}

/**
 * Per-platform text: the words one platform gets instead of the post's text. Only copies that
 * can still change take it; a copy being published or already out is refused, and then nothing
 * is written.
 */
export function createOverrides({ db, audit, posts, targets: owner }: Pick<FeatureDeps, 'db' | 'audit' | 'posts' | 'targets'>) {
  const s = {
    targets: db.prepare(`SELECT id, platform, state FROM targets WHERE post_id = ? AND state <> 'cancelled' ORDER BY rowid`),
  };

  return {
    setOverrides({ postId, overrides }: ChannelParsedInput<'compose:setOverrides'>): ChannelOutput<'compose:setOverrides'> {
      posts.get(postId); // not_found when it is gone
      const seen = new Set<Platform>();
      for (const o of overrides) {
        if (seen.has(o.platform)) throw new AppError('invalid_input', `${PLATFORM_NAMES[o.platform]} is listed twice; give each platform one text.`);
        seen.add(o.platform);
      }
      const apply = () => {
        const targets = s.targets.all(postId) as TargetRow[];
        for (const o of overrides) {
          const mine = targets.filter((t) => t.platform === o.platform);
          if (mine.length === 0) {
            throw new AppError('invalid_input', `This post doesn't go to ${PLATFORM_NAMES[o.platform]}; add that platform first.`, {
              issues: [{ path: ['overrides'], message: `Not going to ${PLATFORM_NAMES[o.platform]}` }],
            });
          }
          const locked = mine.find((t) => !EDITABLE_STATES.includes(t.state));
          if (locked) {
            throw new AppError(
              'conflict',
              `The ${PLATFORM_NAMES[o.platform]} copy is ${locked.state === 'publishing' ? 'being published right now' : `already ${locked.state}`}, so its text can't change. Duplicate the post to reuse it.`,
            );
          }
          // The copy keeps its state; one on its way out passes the gates again with its new words.
          owner.transition(mine.map((t) => t.id), EDITABLE_STATES, (t) => t.state, 'compose.setOverrides', { textOverride: o.text });
        }
        // An agent's words for a platform wait for the creator's approval like its other edits.
        owner.reviewAgain(postId, 'compose.agentOverrides');
        owner.touched(postId);
        audit.record({
          actor: 'user',
          action: 'compose.setOverrides',
          entity: 'post',
          entityId: postId,
          detail: { platforms: overrides.map((o) => ({ platform: o.platform, cleared: o.text === null })) },
        });
      };
      owner.atomically(apply, 'immediate');
      return posts.get(postId);
    },
  };
}
