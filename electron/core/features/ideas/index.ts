import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract';
import type { ideasChannels } from '../../../../shared/contract/features/ideas';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { createIdeasRepo, toIdea, type IdeaRow } from './ideas-repo';
import { matchesAll, queryTerms } from './search';
import { turnIntoPost } from './to-post';

/**
 * The idea bank: capture a line (and a link) in a keystroke, find it again, turn it into a post.
 * Every change is one statement or one transaction, audited and announced with ideas:changed.
 */
export function createIdeasFeature(deps: Pick<FeatureDeps, 'audit' | 'clock' | 'db' | 'events' | 'posts' | 'targets' | 'zone' | 'dateFormat'>): { handlers: FeatureHandlers<keyof typeof ideasChannels> } {
  const { db, audit, events, clock } = deps;
  const repo = createIdeasRepo(db);

  const mustGet = (id: string): IdeaRow => {
    const row = repo.get(id);
    if (!row) throw new AppError('not_found', 'That idea no longer exists. It may have been deleted in another window.');
    return row;
  };

  /** Runs a change and its audit entry together, then tells every window. */
  const change = (id: string, reason: 'captured' | 'updated' | 'archived' | 'unarchived', action: string, write: (now: number) => void) => {
    db.transaction(() => {
      write(clock.now());
      audit.record({ actor: 'user', action, entity: 'idea', entityId: id });
    })();
    events.emit('ideas:changed', { ids: [id], reason });
    return toIdea(mustGet(id));
  };

  return {
    handlers: {
      'ideas:list': (input) => {
        const terms = queryTerms(input?.query);
        return repo
          .list(input?.includeArchived ?? false)
          .map(toIdea)
          .filter((idea) => matchesAll(terms, idea));
      },

      'ideas:capture': ({ text, link, tags }) => {
        const id = randomUUID();
        return change(id, 'captured', 'idea.capture', (now) => repo.insert({ id, text, link: link ?? null, tags: tags ?? [] }, now));
      },

      'ideas:update': ({ id, text, link, tags }) => {
        const current = toIdea(mustGet(id));
        const next = { text: text ?? current.text, link: link === undefined ? current.link : link, tags: tags ?? current.tags };
        const same = next.text === current.text && next.link === current.link && next.tags.join('\n') === current.tags.join('\n');
        if (same) return current;
        return change(id, 'updated', 'idea.update', (now) => repo.update(id, next, now));
      },

      'ideas:archive': ({ id }) => {
        const current = mustGet(id);
        if (current.archived_at !== null) return toIdea(current);
        return change(id, 'archived', 'idea.archive', (now) => repo.setArchived(id, now, now));
      },

      'ideas:unarchive': ({ id }) => {
        const current = mustGet(id);
        if (current.archived_at === null) return toIdea(current);
        return change(id, 'unarchived', 'idea.unarchive', (now) => repo.setArchived(id, null, now));
      },

      'ideas:delete': ({ id }) => {
        mustGet(id);
        // The post an idea became stays: it has a life of its own now.
        db.transaction(() => {
          repo.delete(id);
          audit.record({ actor: 'user', action: 'idea.delete', entity: 'idea', entityId: id });
        })();
        events.emit('ideas:changed', { ids: [id], reason: 'deleted' });
        return { id };
      },

      'ideas:toPost': (input) => {
        const post = turnIntoPost(deps, repo, mustGet, input);
        events.emit('ideas:changed', { ids: [input.id], reason: 'used' });
        return post;
      },
    },
  };
}
