/**
 * Hashtag suggestions: the creator's own tags from their published posts (with how many posts
 * each claim rests on) beside the model's, each with its reason. The model is asked only when one
 * is set up; the log records sizes, counts and timings, never the text, the prompt or the answer.
 */
import type { hashtagsChannels } from '../../../../shared/contract/features/hashtags';
import type { Platform } from '../../../../shared/domain/platforms';
import { extractHashtags } from '../../../../shared/text-rules';
import type { TextProvider } from '../../ai';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { createHashtagHistory } from './history';
import { askModelForHashtags } from './model';

export type HashtagTask = 'drafts' | 'rewrites' | 'hashtags';

export function createHashtagsFeature(
  deps: Pick<FeatureDeps, 'db' | 'log' | 'clock'> & { provider: (task?: HashtagTask) => TextProvider | null },
): { handlers: FeatureHandlers<keyof typeof hashtagsChannels> } {
  const { db, log, clock, provider } = deps;
  const history = createHashtagHistory(db);
  const accountPlatforms = db.prepare('SELECT DISTINCT platform FROM accounts WHERE id IN (SELECT value FROM json_each(?))');

  return {
    handlers: {
      'hashtags:suggest': async ({ text, accountIds, platforms, limit }) => {
        const started = clock.now();
        const scope = accountIds ? { accountIds } : platforms ? { platforms } : {};
        const own = history.suggest(text, scope, limit, started);
        const historyMs = clock.now() - started;
        const forPlatforms: Platform[] = platforms ?? (accountIds ? (accountPlatforms.all(JSON.stringify(accountIds)) as { platform: Platform }[]).map((r) => r.platform) : []);
        const ownTags = own.history.map((h) => h.tag);
        const asked = clock.now();
        const answer = await askModelForHashtags({
          provider: provider('hashtags'),
          text,
          platforms: forPlatforms,
          taken: [...extractHashtags(text), ...ownTags],
          ownTags,
        });
        log.info('hashtags suggested', {
          chars: text.length,
          basedOn: own.basedOn,
          withNumbers: own.withNumbers,
          history: own.history.length,
          model: answer.model.length,
          outcome: answer.outcome,
          historyMs,
          modelMs: clock.now() - asked,
        });
        return { history: own.history, basedOn: own.basedOn, withNumbers: own.withNumbers, floorNote: own.floorNote, model: answer.model, modelNote: answer.modelNote, where: answer.where };
      },
    },
  };
}
