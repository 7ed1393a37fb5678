import { AppError, type SettingsDto } from '../../../shared/contract';
import { isAgentRequest } from '../rpc/request-context';
import type { Audit } from '../audit';
import type { Logger } from '../deps';
import type { EventBus } from '../events';
import type { Db } from '../store/open';
import { createSettingsStore, GENERAL_SETTING_KEYS, type SettingsStore } from './settings-store';

/**
 * The general settings (settings:get / settings:update), kept in the typed settings store: an
 * unknown or broken row falls back to its default, loudly (the store logs it).
 */
export function createSettingsService({ db, audit, events, log, defaults }: { db: Db; audit: Audit; events: EventBus; log: Logger; defaults: SettingsDto }) {
  const store: SettingsStore = createSettingsStore({ db, log, defaults });

  const get = (): SettingsDto => store.getMany(GENERAL_SETTING_KEYS);

  return {
    get,
    update(patch: Partial<SettingsDto>): SettingsDto {
      // The rule that holds agents' posts in Review is the creator's to lift, not an agent's.
      if (patch.agentPostsWaitInReview !== undefined && isAgentRequest()) {
        throw new AppError('forbidden', 'An agent can\'t change "Posts made by agents wait in Review": only you can, in Settings → Agents and scripts.');
      }
      db.transaction(() => {
        store.setMany(patch);
        audit.record({ actor: 'user', action: 'settings.update', entity: 'settings', detail: patch });
      })();
      const next = get();
      events.emit('settings:changed', next);
      return next;
    },
    /** The same store, with this core's defaults, for services that read one setting. */
    store,
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
