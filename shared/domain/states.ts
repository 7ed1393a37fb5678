/**
 * Where one post stands on one account. The scheduler moves a target to `publishing` in a
 * committed transaction before any network call, so a crash can never hide an attempt.
 */
export const TARGET_STATES = [
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'unconfirmed',
  'missed',
  'cancelled',
] as const;

export type TargetState = (typeof TARGET_STATES)[number];

/** States whose text and time may still change: nothing has been sent yet. */
export const EDITABLE_STATES: readonly TargetState[] = ['draft', 'in_review', 'approved', 'scheduled', 'missed', 'failed', 'cancelled'];

export const STATE_LABELS: Record<TargetState, string> = {
  draft: 'Draft',
  in_review: 'In review',
  approved: 'Approved',
  scheduled: 'Scheduled',
  publishing: 'Publishing',
  published: 'Published',
  failed: 'Failed',
  unconfirmed: 'Unconfirmed',
  missed: 'Missed',
  cancelled: 'Cancelled',
};

export const ACCOUNT_STATUSES = ['connected', 'needs_reconnect', 'rate_limited', 'disconnected'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
