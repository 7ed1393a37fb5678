import { DateTime } from 'luxon';
import { AppError, type PostDto } from '../../../../shared/contract';
import type { FeatureDeps } from '../types';

const firstWords = (text: string) => text.trim().split(/\s+/).slice(0, 6).join(' ');

/**
 * Moves several posts by whole days, each keeping its wall-clock time in the zone it was planned
 * in (across a daylight-saving change too), through the posts service: the same rules as moving
 * one (nothing out or being published moves, no time that has passed or does not exist). One
 * transaction: all of them move, or, naming the post that could not, none does.
 */
export function createShift({ posts, targets, zone }: Pick<FeatureDeps, 'posts' | 'targets' | 'zone'>) {
  return (ids: readonly string[], days: number): PostDto[] =>
    targets.atomically(() =>
      [...new Set(ids)].map((id) => {
        const post = posts.get(id);
        const refuse = (code: AppError['code'], why: string): never => {
          throw new AppError(code, `“${firstWords(post.text)}” ${why} Nothing was moved.`);
        };
        if (!post.scheduledAt) refuse('invalid_input', 'has no time yet, so it can’t be moved by days. Leave it out, or give it a time first.');
        const planned = post.zone ?? zone();
        const to = DateTime.fromISO(post.scheduledAt!, { zone: planned }).plus({ days });
        try {
          return posts.update({ id, schedule: { date: to.toISODate()!, time: to.toFormat('HH:mm'), zone: planned } });
        } catch (err) {
          if (err instanceof AppError) refuse(err.code, `can’t be moved: ${err.message}`);
          throw err;
        }
      }),
    );
}
