import type { z } from 'zod';
import {
  AppError,
  CHANNEL_NAMES,
  channels,
  isChannelName,
  type ChannelName,
  type ChannelOutput,
  type ChannelParsedInput,
  type InputIssue,
  type RpcResult,
} from '../../../shared/contract';
import type { Logger } from '../deps';
import { runInRequest, type RequestContext } from './request-context';

export type Handlers = {
  [C in ChannelName]: (input: ChannelParsedInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

export function toIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
}

/**
 * Merges the handlers of each feature (feature name → its handlers), refusing a channel that two
 * features both answer (with object spreads the later one would silently win) and a contract
 * channel that none answers.
 */
export function composeHandlers(groups: Record<string, Partial<Handlers>>): Handlers {
  const out: Record<string, unknown> = {};
  const owner = new Map<string, string>();
  for (const [feature, handlers] of Object.entries(groups)) {
    for (const [channel, handler] of Object.entries(handlers)) {
      const first = owner.get(channel);
      if (first !== undefined) throw new Error(`A handler for "${channel}" is registered twice, by "${first}" and by "${feature}". Each channel has one handler.`);
      owner.set(channel, feature);
      out[channel] = handler;
    }
  }
  checkHandlers(out);
  return out;
}

/** Every channel of the contract has exactly one handler, and no handler answers a channel the contract lacks. */
function checkHandlers(handlers: Partial<Record<string, unknown>>): asserts handlers is Handlers {
  const missing = CHANNEL_NAMES.filter((c) => typeof handlers[c] !== 'function');
  const unknown = Object.keys(handlers).filter((k) => !isChannelName(k));
  const problems = [
    ...(missing.length ? [`no handler for ${missing.map((c) => `"${c}"`).join(', ')}`] : []),
    ...(unknown.length ? [`handlers for channels the contract does not declare: ${unknown.map((c) => `"${c}"`).join(', ')}`] : []),
  ];
  if (problems.length) throw new Error(`The core's handlers do not match the contract: ${problems.join('; ')}.`);
}

/**
 * The input, parsed. An empty body (undefined) counts as `{}` when `{}` is valid, so a channel
 * whose fields all have defaults (posts:list, alerts:list…) can be called with no body at all.
 */
export function parseInput(schema: z.ZodType, rawInput: unknown): ReturnType<z.ZodType['safeParse']> {
  const parsed = schema.safeParse(rawInput);
  if (parsed.success || rawInput !== undefined) return parsed;
  const empty = schema.safeParse({});
  return empty.success ? empty : parsed;
}

/**
 * The single entry point for every request from a window, a browser tab or a script:
 * parse the input against the contract, run the handler, check the output, and turn every
 * failure into a typed error body. Once made, it never throws, so a bad request cannot stop the
 * process; making it throws if the handlers do not cover the contract exactly. `refusal` may
 * turn a channel away before its input is read (the workspace held still: write-hold.ts).
 */
export function createDispatcher(handlers: Handlers, log: Logger, refusal: (channel: ChannelName) => AppError | null = () => null) {
  // Refuse at start-up rather than answer "internal" the first time someone uses the channel.
  checkHandlers(handlers);
  // `ctx`: who asks (request-context.ts); none is the creator's own window.
  return function dispatch(channel: string, rawInput: unknown, ctx?: RequestContext): Promise<RpcResult<unknown>> {
    return ctx ? runInRequest(ctx, () => answer(channel, rawInput)) : answer(channel, rawInput);
  };
  async function answer(channel: string, rawInput: unknown): Promise<RpcResult<unknown>> {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: 'not_found', message: `There is no channel named "${channel}"` } };
    }
    const refused = refusal(channel);
    if (refused) return { ok: false, error: refused.toBody() };
    const def = channels[channel];
    const parsed = parseInput(def.input, rawInput);
    if (!parsed.success) {
      const issues = toIssues(parsed.error);
      const where = issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
      return { ok: false, error: { code: 'invalid_input', message: `Invalid input for ${channel}: ${where}`, issues } };
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      const out = def.output.safeParse(value);
      if (!out.success) {
        log.error('handler returned a value that breaks the contract', { channel, issues: toIssues(out.error) });
        return { ok: false, error: { code: 'internal', message: `Loomcast produced an unexpected answer for ${channel}; this is a bug.` } };
      }
      return { ok: true, value: out.data };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toBody() };
      log.error('handler failed', { channel, error: err as Error });
      return {
        ok: false,
        error: { code: 'internal', message: `Loomcast could not complete ${channel}.`, details: (err as Error)?.message ?? String(err) },
      };
    }
  }
}

export type Dispatch = ReturnType<typeof createDispatcher>;
