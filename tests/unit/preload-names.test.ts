import { describe, expect, it } from 'vitest';
import names from '../../electron/preload/contract-names.json';
import { BRIDGE_CHANNELS, BRIDGE_EVENTS, isBridgeEvent } from '../../electron/preload/names';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/contract';

describe('the preload’s names of channels and events', () => {
  it('are the contract’s, every one in its order (npm run openapi writes them)', () => {
    expect(names).toEqual({ channels: CHANNEL_NAMES, events: EVENT_NAMES });
    expect(BRIDGE_CHANNELS).toEqual(CHANNEL_NAMES);
    expect(BRIDGE_EVENTS).toEqual(EVENT_NAMES);
  });

  it('know an event by its own name only, not by what every object has', () => {
    expect(isBridgeEvent(EVENT_NAMES[0])).toBe(true);
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', '', 42, null]) expect(isBridgeEvent(name)).toBe(false);
  });
});
