/**
 * Where each browser sign-in (accounts:connect's `authorize` step) stands, for a client that polls
 * (`accounts:connectStatus`) instead of listening for `accounts:connectFinished`. Fed by the same
 * code that emits the event, so both always agree. A finished flow stays readable for KEEP_MS of
 * the core's clock, then is forgotten.
 */
import { AppError, type AccountDto, type ChannelOutput, type ErrorCode } from '../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';
import type { Clock } from '../deps';

export type ConnectStatusDto = ChannelOutput<'accounts:connectStatus'>;
type State = ConnectStatusDto['state'];

/** How long a finished flow's outcome can still be read. */
export const KEEP_FINISHED_MS = 10 * 60_000;

interface Flow {
  flowId: string;
  platform: Platform;
  state: State;
  startedAt: number;
  /** When nobody signing in ends the flow (its time-out). */
  expiresAt: number;
  finishedAt: number | null;
  account: AccountDto | null;
  error: { code: ErrorCode; message: string } | null;
}

/** The end state a failure's code stands for. */
function stateOf(code: ErrorCode): State {
  if (code === 'cancelled') return 'cancelled';
  if (code === 'timed_out') return 'expired';
  return 'failed';
}

const iso = (ms: number) => new Date(ms).toISOString();

export function createConnectStatus(clock: Clock, keepMs = KEEP_FINISHED_MS) {
  const flows = new Map<string, Flow>();

  /** Forgets finished flows older than keepMs (so the map cannot grow without end). */
  const prune = () => {
    const now = clock.now();
    for (const [id, f] of flows) if (f.finishedAt !== null && now - f.finishedAt >= keepMs) flows.delete(id);
  };

  /** The first ending wins, except that an account really saved is reported even after a late cancel. */
  const finish = (flowId: string, patch: Pick<Flow, 'state' | 'account' | 'error'>) => {
    const f = flows.get(flowId);
    if (!f || (f.finishedAt !== null && patch.state !== 'connected')) return;
    Object.assign(f, patch, { finishedAt: clock.now() });
  };

  return {
    started(flowId: string, platform: Platform, timeoutMs: number): void {
      prune();
      const now = clock.now();
      flows.set(flowId, { flowId, platform, state: 'waiting', startedAt: now, expiresAt: now + timeoutMs, finishedAt: null, account: null, error: null });
    },
    connected(flowId: string, account: AccountDto): void {
      finish(flowId, { state: 'connected', account, error: null });
    },
    failed(flowId: string, error: { code: ErrorCode; message: string }): void {
      finish(flowId, { state: stateOf(error.code), account: null, error: { code: error.code, message: error.message } });
    },
    /** The creator cancelled in Loomcast: final at once, before the sign-in's listener has closed. */
    cancelled(flowId: string): void {
      const f = flows.get(flowId);
      if (f) finish(flowId, { state: 'cancelled', account: null, error: { code: 'cancelled', message: `Signing in to ${PLATFORM_NAMES[f.platform]} was cancelled, so nothing was connected.` } });
    },
    get(flowId: string): ConnectStatusDto {
      prune();
      const f = flows.get(flowId);
      if (!f) {
        throw new AppError(
          'not_found',
          `There is no sign-in with the id ${flowId}: it was never started by this Loomcast, or it ended more than ${Math.round(keepMs / 60_000)} minutes ago (or before a restart). Start connecting again with accounts:connect.`,
        );
      }
      return {
        flowId: f.flowId,
        platform: f.platform,
        state: f.state,
        startedAt: iso(f.startedAt),
        expiresAt: iso(f.expiresAt),
        finishedAt: f.finishedAt === null ? null : iso(f.finishedAt),
        account: f.account,
        error: f.error,
      };
    },
  };
}

export type ConnectStatus = ReturnType<typeof createConnectStatus>;
