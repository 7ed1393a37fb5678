/**
 * An empty body is `{}` for every channel whose input has only optional or defaulted fields:
 * `POST /rpc/posts:list` with no body lists upcoming posts instead of answering 400.
 */
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels } from '../../shared/contract';
import type { Logger } from '../../electron/core/deps';
import { createDispatcher, parseInput, type Handlers } from '../../electron/core/rpc/dispatcher';

const log: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

const acceptsEmpty = CHANNEL_NAMES.filter((c) => channels[c].input.safeParse({}).success);
const needsFields = CHANNEL_NAMES.filter((c) => !acceptsEmpty.includes(c));

/** Every handler records the input the dispatcher handed it. */
function recordingDispatch() {
  const got = new Map<string, unknown>();
  const handlers = Object.fromEntries(CHANNEL_NAMES.map((c) => [c, (input: unknown) => (got.set(c, input), null)]));
  return { dispatch: createDispatcher(handlers as unknown as Handlers, log), got };
}

describe('an empty body', () => {
  it('covers a real share of the contract (the table below is not empty by accident)', () => {
    expect(acceptsEmpty).toContain('posts:list');
    expect(acceptsEmpty).toContain('app:info');
    expect(needsFields).toContain('posts:get');
  });

  it.each(acceptsEmpty)('reaches the %s handler as {} parsed with its defaults', async (channel) => {
    const { dispatch, got } = recordingDispatch();
    const result = await dispatch(channel, undefined);
    expect(result.ok || result.error.code !== 'invalid_input').toBe(true);
    expect(got.has(channel)).toBe(true);
    // Channels without input (NoInput, optional) may see undefined itself; the rest get {} with defaults.
    const expected = channels[channel].input.safeParse(undefined).success ? channels[channel].input.parse(undefined) : channels[channel].input.parse({});
    expect(got.get(channel)).toEqual(expected);
  });

  it('lists upcoming posts for posts:list with no body', () => {
    const parsed = parseInput(channels['posts:list'].input, undefined);
    expect(parsed).toMatchObject({ success: true, data: { scope: 'upcoming' } });
  });

  it.each(needsFields)('still refuses %s without its required fields, naming them', async (channel) => {
    const { dispatch, got } = recordingDispatch();
    const result = await dispatch(channel, undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(got.has(channel)).toBe(false);
  });

  it('does not turn an explicit null or a wrong value into {}', async () => {
    const { dispatch } = recordingDispatch();
    await expect(dispatch('posts:list', null)).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await expect(dispatch('posts:list', { scope: 'nope' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
