import { AppError, type PostDto } from '../../../../shared/contract';
import { toLocal } from '../../../../shared/domain/time';
import type { FeatureDeps } from '../types';

const firstWords = (text: string) => text.trim().split(/\s+/).slice(0, 6).join(' ');

/** YYYY-MM-DD `days` calendar days later (or earlier): plain date arithmetic, no zone involved. */
const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

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
        // The same wall time on the new day, sent as it is: the posts service then refuses a time
        // the clocks skip and takes the first of a time that happens twice, as for any move.
        // (Luxon's plus({ days }) would quietly turn a skipped 02:30 into 03:30.)
        const from = toLocal(Date.parse(post.scheduledAt!), planned);
        try {
          return posts.update({ id, schedule: { date: addDays(from.date, days), time: from.time, zone: planned } });
        } catch (err) {
          if (err instanceof AppError) refuse(err.code, `can’t be moved: ${err.message}`);
          throw err;
        }
      }),
    );
}
