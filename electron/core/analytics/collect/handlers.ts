/**
 * The metrics channels: "refresh now" queues looks for the next sweep and answers at once (how
 * far they got: refreshStatus and the metrics:refreshProgress event; cancelRefresh stops them);
 * status reads what the checks and rollups already hold. None calls a platform.
 */
import type { TargetMetricsStatusDto } from '../../../../shared/contract/features/metrics';
import type { Platform } from '../../../../shared/domain/platforms';
import type { FeatureHandlers } from '../../features/types';
import type { Db } from '../../store/open';
import { METRIC_FIELDS, type MetricField } from '../engagement';
import type { CheckStatus } from './checks-repo';
import type { MetricsCollector } from './collector';

type Row = {
  id: string;
  platform: Platform;
  account_id: string | null;
  status: CheckStatus | null;
  status_detail: string | null;
  checked_at: number | null;
  next_check_at: number | null;
  requested_at: number | null;
  checks: number | null;
  at: number | null;
} & Record<MetricField, number | null>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function createMetricsHandlers(
  db: Db,
  collector: Pick<MetricsCollector, 'refresh' | 'refreshProgress' | 'cancelRefresh'>,
): FeatureHandlers<'metrics:refresh' | 'metrics:refreshStatus' | 'metrics:cancelRefresh' | 'metrics:status'> {
  const status = db.prepare(`SELECT t.id, t.platform, t.account_id, c.status, c.status_detail, c.checked_at, c.next_check_at, c.requested_at, c.checks,
      l.at, ${METRIC_FIELDS.map((f) => `l.${f}`).join(', ')}
    FROM targets t LEFT JOIN metric_checks c ON c.target_id = t.id LEFT JOIN metric_latest l ON l.target_id = t.id
    WHERE t.post_id = ? ORDER BY t.created_at, t.id`);
  return {
    'metrics:refresh': (input) => collector.refresh(input?.postIds),
    'metrics:refreshStatus': () => collector.refreshProgress(),
    'metrics:cancelRefresh': () => collector.cancelRefresh(),
    'metrics:status': ({ postId }) =>
      (status.all(postId) as Row[]).map(
        (r): TargetMetricsStatusDto => ({
          targetId: r.id,
          platform: r.platform,
          accountId: r.account_id,
          status: r.status,
          statusDetail: r.status_detail,
          checkedAt: iso(r.checked_at),
          nextCheckAt: iso(r.next_check_at),
          refreshRequested: r.requested_at !== null,
          checks: r.checks ?? 0,
          numbersAt: iso(r.at),
          numbers: r.at === null ? null : (Object.fromEntries(METRIC_FIELDS.map((f) => [f, r[f]])) as Record<MetricField, number | null>),
        }),
      ),
  };
}
