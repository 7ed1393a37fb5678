import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract';
import type { Logger } from '../../electron/core/deps';
import { composeHandlers, createDispatcher, type Handlers } from '../../electron/core/rpc/dispatcher';

const log: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

/** A handler for every channel of the contract; none of them is called here. */
function allHandlers(): Record<string, () => never> {
  const fail = (): never => {
    throw new Error('not called in this test');
  };
  return Object.fromEntries(CHANNEL_NAMES.map((c) => [c, fail]));
}

describe('registering the core’s handlers', () => {
  it('refuses to start when a contract channel has no handler, naming it', () => {
    const { 'settings:get': _gone, ...rest } = allHandlers();
    expect(() => createDispatcher(rest as unknown as Handlers, log)).toThrow(/no handler for "settings:get"/);
  });

  it('refuses a handler for a channel the contract does not declare', () => {
    const handlers = { ...allHandlers(), 'posts:frobnicate': () => null };
    expect(() => createDispatcher(handlers as unknown as Handlers, log)).toThrow(/contract does not declare: "posts:frobnicate"/);
  });

  it('refuses a channel answered by two features, naming both', () => {
    const all = allHandlers();
    const { 'posts:list': list, ...rest } = all;
    expect(() => composeHandlers({ core: rest, calendar: { 'posts:list': list, 'settings:get': all['settings:get'] } } as unknown as Record<string, Partial<Handlers>>)).toThrow(
      'A handler for "settings:get" is registered twice, by "core" and by "calendar".',
    );
  });

  it('composes features that split the contract between them into a working dispatcher', async () => {
    const all = allHandlers();
    const { 'alerts:markRead': _markRead, ...rest } = all;
    const handlers = composeHandlers({ rest, alerts: { 'alerts:markRead': () => ({ count: 3 }) } } as unknown as Record<string, Partial<Handlers>>);
    const dispatch = createDispatcher(handlers, log);
    await expect(dispatch('alerts:markRead', {})).resolves.toEqual({ ok: true, value: { count: 3 } });
    await expect(dispatch('nope:nope', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
