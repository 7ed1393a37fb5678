import type { MetricKey } from '../../../shared/domain/platform-metrics';
import type { ClientContext } from '../../../electron/core/platforms/types';

/** A platform's fake, started, with one published post whose numbers it reports in full. */
export interface MetricsRig {
  ctx: ClientContext;
  postId: string;
  stop(): Promise<void>;
}

/**
 * One kind of account or server. The first case of a platform is the fullest one (it must give
 * every number REPORTED_METRICS lists); a later one names the listed numbers that kind never
 * gives (`absent`), which the panel shows as "not reported" rather than "doesn't report".
 */
export interface RigCase {
  name: string;
  absent?: MetricKey[];
  start(): Promise<MetricsRig>;
}

export const quietLog = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
export const REDIRECT = 'http://127.0.0.1:53682/callback';

export function idOf(out: { kind: string; platformPostId?: string }): string {
  if (out.kind !== 'published' || !out.platformPostId) throw new Error(`expected published, got ${JSON.stringify(out)}`);
  return out.platformPostId;
}
