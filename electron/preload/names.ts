import type { ChannelName, EventName } from '../../shared/contract';
import names from './contract-names.json';

/*
 * The preload runs sandboxed, where `require` reaches only Electron's own modules, so whatever it
 * imports is bundled into out/preload/index.js. It needs the contract's names only: they come
 * from contract-names.json, which `npm run openapi` writes from the contract (a unit test and
 * `npm run openapi -- --check` fail when it is stale), not from the contract itself, which would
 * bring zod and every schema into each window's preload.
 */

/** Every request channel of the contract: one function each on window.api. */
export const BRIDGE_CHANNELS = names.channels as readonly ChannelName[];
/** Every push event of the contract. */
export const BRIDGE_EVENTS = names.events as readonly EventName[];

const EVENTS: ReadonlySet<string> = new Set(names.events);

export function isBridgeEvent(name: unknown): name is EventName {
  return typeof name === 'string' && EVENTS.has(name);
}

/** The IPC channel main sends a core event on; separate from the request channels. */
export function eventChannel(event: EventName): string {
  return `event:${event}`;
}
