import type { z } from 'zod';
import {
  AppError,
  channels,
  isChannelName,
  type ChannelName,
  type ChannelOutput,
  type ChannelParsedInput,
  type InputIssue,
  type RpcResult,
} from '../../../shared/contract';
import type { Logger } from '../deps';

export type Handlers = {
  [C in ChannelName]: (input: ChannelParsedInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

export function toIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
}

/**
 * The single entry point for every request from a window, a browser tab or a script:
 * parse the input against the contract, run the handler, check the output, and turn every
 * failure into a typed error body. It never throws, so a bad request cannot stop the process.
 */
export function createDispatcher(handlers: Handlers, log: Logger) {
  return async function dispatch(channel: string, rawInput: unknown): Promise<RpcResult<unknown>> {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: 'not_found', message: `There is no channel named "${channel}"` } };
    }
    const def = channels[channel];
    const parsed = def.input.safeParse(rawInput);
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
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
