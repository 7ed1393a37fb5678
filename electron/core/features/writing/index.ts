import type { writingChannels, WritingProviderDto, WritingStateDto, WritingTask } from '../../../../shared/contract/features/writing';
import { aiVaultKey, createTextProvider, whereTextGoes, type ProviderConfig } from '../../ai';
import type { HttpFetch, Vault } from '../../deps';
import { createSettingsStore } from '../../settings/settings-store';
import type { FeatureDeps, FeatureHandlers } from '../types';

/** The one provider the creator configures; its key is in the vault under this id. */
export const WRITING_PROVIDER_ID = 'writing';

const OFFLINE = 'on this computer (the offline writer: Loomcast fills templates by rules; nothing is sent anywhere)';

/** The provider's settings as the AI layer reads them; a task with its own model uses it. */
export const toProviderConfig = (p: WritingProviderDto, task?: WritingTask): ProviderConfig => ({
  id: WRITING_PROVIDER_ID,
  kind: p.kind,
  model: (task && p.taskModels?.[task]) || p.model,
  ...(p.baseURL ? { baseURL: p.baseURL } : {}),
  ...(p.label ? { label: p.label } : {}),
});

/**
 * Settings → Writing: the text model, its key (in the system keychain only), where text goes,
 * and a connection test in plain words. Nothing is sent anywhere until the creator sets this up.
 */
export function createWritingFeature(
  deps: Pick<FeatureDeps, 'db' | 'audit' | 'events' | 'clock' | 'log'> & { vault: Vault; http: HttpFetch },
): {
  handlers: FeatureHandlers<keyof typeof writingChannels>;
  /** The configured model for a task (its own model, or the provider's), or null when none is set up. */
  provider: (task?: WritingTask) => ReturnType<typeof createTextProvider> | null;
  /** How many requests may go to the provider at once (1 or 2). */
  concurrency: () => number;
} {
  const { db, audit, events, clock, log, vault, http } = deps;
  const store = createSettingsStore({ db, log });

  const state = async (): Promise<WritingStateDto> => {
    const provider = store.get('writing.provider');
    const status = await vault.status();
    const keySaved = status.available ? (await vault.get(aiVaultKey(WRITING_PROVIDER_ID))) !== null : false;
    if (!provider) return { provider: null, keySaved, where: OFFLINE, local: true };
    const where = whereTextGoes(toProviderConfig(provider));
    return { provider, keySaved, where: where.words, local: where.local };
  };
  const announce = async () => {
    const s = await state();
    events.emit('writing:changed', s);
    return s;
  };
  const provider = (task?: WritingTask) => {
    const p = store.get('writing.provider');
    return p ? createTextProvider(toProviderConfig(p, task), { http, clock, vault, log }) : null;
  };

  return {
    provider,
    concurrency: () => store.get('writing.provider')?.concurrency ?? 1,
    handlers: {
      'writing:get': () => state(),
      'writing:set': async ({ provider: p }) => {
        store.set('writing.provider', p);
        audit.record({ actor: 'user', action: 'writing.set', entity: 'settings', detail: p ? { kind: p.kind, model: p.model, baseURL: p.baseURL || null } : { offline: true } });
        return announce();
      },
      'writing:setKey': async ({ key }) => {
        // The key goes to the keychain only; the audit log records that it changed, never its value.
        if (key === null) await vault.delete(aiVaultKey(WRITING_PROVIDER_ID));
        else await vault.set(aiVaultKey(WRITING_PROVIDER_ID), key);
        audit.record({ actor: 'user', action: key === null ? 'writing.forgetKey' : 'writing.saveKey', entity: 'settings' });
        return announce();
      },
      'writing:test': async () => {
        const p = provider();
        if (!p) return { ok: true, message: 'No model is set up: Loomcast writes offline, on this computer, and sends nothing anywhere.', models: [] };
        const r = await p.test();
        return r.ok ? { ok: true, message: r.message, models: r.models } : { ok: false, message: r.message, models: [] };
      },
    },
  };
}
