import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract';
import type { Logger } from '../../electron/core/deps';
import { createDispatcher, type Handlers } from '../../electron/core/rpc/dispatcher';
import { currentRequest, isAgentRequest, outsideRequest, runInRequest, USER_REQUEST, type RequestContext } from '../../electron/core/rpc/request-context';

const log: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
const agent: RequestContext = { actor: 'agent', client: 'claude-ai', tokenId: null };
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the request context', () => {
  it('is the creator’s when no request is being answered', () => {
    expect(currentRequest()).toEqual(USER_REQUEST);
    expect(isAgentRequest()).toBe(false);
  });

  it('follows a request through awaits and stays apart from a request answered at the same time', async () => {
    const seen: string[] = [];
    const run = (ctx: RequestContext) =>
      runInRequest(ctx, async () => {
        await tick();
        seen.push(`${ctx.actor}:${currentRequest().actor}:${currentRequest().client}`);
        await tick();
        return currentRequest().tokenId;
      });
    const [a, b] = await Promise.all([run(agent), run({ actor: 'script', client: 'loomcast-cli', tokenId: 't1' })]);
    expect([a, b]).toEqual([null, 't1']);
    expect(seen.sort()).toEqual(['agent:agent:claude-ai', 'script:script:loomcast-cli']);
    expect(currentRequest().actor).toBe('user');
  });

  it('is not the request’s inside outsideRequest (background work a request wakes)', () => {
    runInRequest(agent, () => {
      expect(isAgentRequest()).toBe(true);
      outsideRequest(() => expect(currentRequest()).toEqual(USER_REQUEST));
    });
  });

  it('cannot be changed by a handler', () => {
    runInRequest(agent, () => {
      expect(() => ((currentRequest() as RequestContext).actor = 'user')).toThrow();
    });
  });

  it('is given to the handler by the dispatcher, and is the creator’s without one', async () => {
    const handlers = Object.fromEntries(CHANNEL_NAMES.map((c) => [c, () => null])) as unknown as Record<string, unknown>;
    handlers['settings:get'] = async () => {
      await tick();
      throw new Error(`${currentRequest().actor}/${currentRequest().client}`);
    };
    const dispatch = createDispatcher(handlers as unknown as Handlers, log);
    expect(await dispatch('settings:get', {}, agent)).toMatchObject({ ok: false, error: { details: 'agent/claude-ai' } });
    expect(await dispatch('settings:get', {})).toMatchObject({ ok: false, error: { details: 'user/null' } });
  });
});
