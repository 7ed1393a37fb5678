/**
 * When an account's sign-in stops working unless the creator reconnects, and how soon: the one
 * reading behind the "needs signing in again soon" alert and the Accounts card's words.
 */

const DAY = 86_400_000;

/** What of an account's credentials decides its sign-in's end (no secret: only times and kinds). */
export interface SignInParts {
  refreshToken?: string;
  refreshExpiresAt?: number;
  expiresAt?: number;
  appPassword?: string;
}

/**
 * Epoch ms at which the sign-in ends: the refresh token's end where there is one (an access token
 * that renews itself is no news), else the access token's own expiry; null when Loomcast renews
 * it on its own (an app password, a refresh token without an end) or it never ends.
 */
export function signInEnd(c: SignInParts | null | undefined): number | null {
  if (!c || c.appPassword) return null;
  const end = c.refreshToken ? c.refreshExpiresAt : c.expiresAt;
  return end ?? null;
}

/** Whether a sign-in ending at `end` falls within the warning window of `days` (ended ones too). */
export function signInEndsWithin(end: number | null, now: number, days: number): boolean {
  return end !== null && end <= now + days * DAY;
}

/** Whole days left, rounded up; 0 once it has ended. */
export function signInDaysLeft(end: number, now: number): number {
  return Math.max(0, Math.ceil((end - now) / DAY));
}

/**
 * The Accounts card's words for a sign-in that ends soon (`end` within the warning window), as the
 * CLI and the MCP tools say them too: "Sign-in ends in 3 days — reconnect to keep posting".
 */
export function signInEndsWords(end: number, now: number): string {
  if (end <= now) return 'Sign-in has ended — reconnect to keep posting';
  const left = signInDaysLeft(end, now);
  return `Sign-in ends in ${left} day${left === 1 ? '' : 's'} — reconnect to keep posting`;
}
