import { useEffect, useState } from 'react';
import type { TargetMetricsStatusDto } from '../../../../shared/contract/features/metrics';
import { api } from '../../api/client';
import './alerts.css';

/** The numbers shown under a published copy; a null is one the platform doesn't report, never 0. */
const SHOWN = [
  ['views', 'Views'],
  ['impressions', 'Impressions'],
  ['likes', 'Likes'],
  ['replies', 'Replies'],
  ['reposts', 'Reposts'],
  ['quotes', 'Quotes'],
  ['saves', 'Saves'],
  ['clicks', 'Link clicks'],
] as const;

/**
 * A published copy's latest numbers, read from the core (never from the platform), kept current
 * by metrics:updated. "Not reported" where the platform gives no such number.
 */
export function TargetNumbers({ postId, targetId }: { postId: string; targetId: string }) {
  const [status, setStatus] = useState<TargetMetricsStatusDto | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      api.call('metrics:status', { postId }).then(
        (list) => live && setStatus(list.find((s) => s.targetId === targetId) ?? null),
        () => undefined,
      );
    void load();
    const off = api.subscribe('metrics:updated', ({ targetIds }) => {
      if (targetIds.includes(targetId)) void load();
    });
    return () => {
      live = false;
      off();
    };
  }, [postId, targetId]);

  if (!status?.numbers) return null;
  const n = status.numbers;
  return (
    <dl className="target-numbers" data-testid="target-numbers">
      {SHOWN.map(([key, label]) => (
        <div key={key} data-testid={`metric-${key}`} data-reported={n[key] === null ? 'false' : 'true'}>
          <dt>{label}</dt>
          <dd>{n[key] === null ? <span className="muted">not reported</span> : n[key].toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}
