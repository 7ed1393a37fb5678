import type { EventPayload, RpcResult } from '../../shared/contract';
import type { RequestContext } from './rpc/request-context';
import type { Core } from './index';
import type { Logger } from './deps';
import type { EventListener } from './events';
import { checkExternalUrl } from './security';

export interface RestartableCore extends Core {
  /** Closes the running core and opens a new one from the factory; requests wait meanwhile. */
  restart(): Promise<void>;
}

/**
 * A core that can be closed and reopened under the shells without them noticing: a restore
 * from Settings swaps the database file, which only a fresh core may open. The shells hold this
 * one object; requests made while it reopens wait for the new core, and listeners stay subscribed
 * across restarts. `make` gets the function a core calls to ask for its own restart.
 */
export async function createRestartableCore(make: (requestRestart: () => void) => Promise<Core>, log: Logger): Promise<RestartableCore> {
  const listeners = new Set<EventListener>();
  const forward: EventListener = (event, payload) => {
    for (const l of listeners) l(event, payload);
  };
  let current: Core | null = null;
  let unsubscribe: () => void = () => {};
  let failure: Error | null = null;
  let ready: Promise<void> = Promise.resolve();
  let restarting: Promise<void> | null = null;
  let closed = false;

  const open = async () => {
    current = await make(requestRestart);
    unsubscribe = current.subscribe(forward);
    failure = null;
  };

  function restart(): Promise<void> {
    if (closed) return Promise.reject(new Error('Loomcast is shutting down.'));
    if (restarting) return restarting;
    restarting = ready = (async () => {
      // Let the request that asked for this answer first: it runs on the core being closed.
      await Promise.resolve();
      const old = current;
      current = null;
      unsubscribe();
      try {
        // A close that fails (a post in flight erred) must not keep the data from reopening.
        if (old) await old.close().catch((err: unknown) => log.error('the core did not close cleanly before reopening', { error: err as Error }));
        await open();
        await announce();
        log.info('core reopened');
      } catch (err) {
        failure = err as Error;
        log.error('the core could not be reopened', { error: err as Error });
      } finally {
        restarting = null;
      }
    })();
    return restarting;
  }
  /** Listeners (the tray, every window) hear the reopened core's state: what they show came from the file it replaced. */
  async function announce(): Promise<void> {
    if (!current) return;
    const [settings, publishing, accounts] = await Promise.all([current.dispatch('settings:get', {}), current.dispatch('publishing:status', {}), current.dispatch('accounts:list', {})]);
    if (settings.ok) forward('settings:changed', settings.value as EventPayload<'settings:changed'>);
    if (publishing.ok) forward('publishing:changed', publishing.value as EventPayload<'publishing:changed'>);
    // The accounts of the file it replaced are gone or changed: whoever lists them reads them again.
    if (accounts.ok) forward('accounts:changed', { ids: (accounts.value as { id: string }[]).map((a) => a.id) });
  }
  function requestRestart(): void {
    void restart();
  }

  const running = async (): Promise<Core> => {
    await ready;
    if (!current) throw failure ?? new Error('Loomcast is shutting down.');
    return current;
  };

  await open();

  return {
    async dispatch(channel: string, input: unknown, ctx?: RequestContext): Promise<RpcResult<unknown>> {
      let core: Core;
      try {
        core = await running();
      } catch (err) {
        return { ok: false, error: { code: 'internal', message: 'Loomcast could not reopen its data. Quit and start it again; the log says why.', details: (err as Error).message } };
      }
      return core.dispatch(channel, input, ctx);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async info() {
      return (await running()).info();
    },
    // While the core reopens, only the fixed rule applies (platform hosts): nothing looser than the core's.
    checkExternalLink: (url) => (current ? current.checkExternalLink(url) : checkExternalUrl(url)),
    resume() {
      current?.resume();
    },
    async close() {
      await ready;
      closed = true;
      unsubscribe();
      const last = current;
      current = null;
      await last?.close();
    },
    get services() {
      if (!current) throw failure ?? new Error('The core is reopening; try again in a moment.');
      return current.services;
    },
    restart,
  };
}
