import type { Notification } from '../core/deps';

/**
 * Where a click on a notification takes the creator (a hash route of renderer/src/app/router.ts),
 * or null to just bring the window back. Pure, so every kind the core notifies is tested.
 */
export function notificationRoute(n: Pick<Notification, 'kind' | 'subject'>): string | null {
  if (n.subject?.kind === 'post') return `/compose/${encodeURIComponent(n.subject.id)}`;
  if (n.subject?.kind === 'account') return '/accounts';
  switch (n.kind) {
    // Posts waiting: in Review, where they are approved.
    case 'backlog':
      return '/review';
    // Without a post, low engagement is a campaign the guard paused.
    case 'low_engagement':
      return '/campaigns';
    // Many failures: the calendar shows each failed post.
    case 'failure_rate':
      return '/calendar';
    case 'token_expiring':
    case 'metrics_failing':
    case 'account_needs_reconnect':
      return '/accounts';
    default:
      return null;
  }
}
