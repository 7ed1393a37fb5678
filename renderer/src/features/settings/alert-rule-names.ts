import type { AlertRule } from '../../../../shared/contract/features/alerts';

/**
 * Each alert rule in the creator's words: the one name Notifications, Alerts and Webhooks all use,
 * so a rule switched on in one section is recognisably the same rule in the others.
 */
export const ALERT_RULE_NAMES: Record<AlertRule, string> = {
  post_failed: 'A post failed',
  post_unconfirmed: 'Loomcast couldn’t confirm a post went out',
  post_missed: 'A post was missed',
  thread_stopped: 'A thread stopped part-way',
  post_removed: 'A platform took a post down after it went out',
  account_needs_reconnect: 'An account needs reconnecting',
  token_expiring: 'A sign-in ends soon',
  zero_views: 'A post has no views',
  // A campaign's pause is raised under this rule too, and switched with it.
  low_engagement: 'Engagement is below target (or a campaign paused)',
  failure_rate: 'Many posts failing',
  backlog: 'The queue or Review is backed up',
  metrics_failing: 'Numbers aren’t coming in',
};
