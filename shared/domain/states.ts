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

/**
 * Every legal move of a target. A state may "move" to itself where its time or account may
 * change without a new state (a scheduled post moved to another day, a reconcile re-checked
 * later). Published is final: a post that went out cannot be taken back by Loomcast.
 */
export const TRANSITIONS: Readonly<Record<TargetState, readonly TargetState[]>> = {
  draft: ['draft', 'in_review', 'approved', 'scheduled', 'cancelled'],
  in_review: ['in_review', 'draft', 'approved', 'scheduled', 'cancelled'],
  approved: ['approved', 'draft', 'in_review', 'scheduled', 'cancelled'],
  scheduled: ['scheduled', 'draft', 'in_review', 'approved', 'publishing', 'missed', 'failed', 'cancelled'],
  publishing: ['publishing', 'published', 'failed', 'unconfirmed', 'scheduled'],
  published: [],
  failed: ['failed', 'draft', 'in_review', 'approved', 'scheduled', 'cancelled'],
  unconfirmed: ['unconfirmed', 'published', 'scheduled', 'failed', 'cancelled'],
  missed: ['missed', 'draft', 'in_review', 'approved', 'scheduled', 'cancelled'],
  cancelled: ['cancelled', 'draft', 'in_review', 'approved', 'scheduled'],
};

export const canTransition = (from: TargetState, to: TargetState): boolean => TRANSITIONS[from].includes(to);

/** Moves into these states pass the pre-flight gates first: the post is now meant to go out as it is. */
export const GATED_STATES: readonly TargetState[] = ['approved', 'scheduled'];

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
