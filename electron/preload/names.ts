import type { EventName } from '../../shared/contract';

export { CHANNEL_NAMES as BRIDGE_CHANNELS, EVENT_NAMES as BRIDGE_EVENTS, isEventName as isBridgeEvent } from '../../shared/contract';

/*
 * The preload takes its channel and event names from the contract itself. It runs sandboxed,
 * where `require` reaches only Electron's own modules, so electron.vite.config.ts bundles the
 * contract (and zod with it) into out/preload/index.js instead of leaving require() calls.
 */

/** The IPC channel main sends a core event on; separate from the request channels. */
export function eventChannel(event: EventName): string {
  return `event:${event}`;
}
