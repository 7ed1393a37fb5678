/**
 * Facebook's words for what Meta's shared mapping (../meta/outcome) decides: which sign-in
 * ended (code 190's subcodes), a duplicate post (506), a policy block (368), a missing
 * permission (10, 200–299). Throttling (4/9/17/32/613/80001/80002), server trouble (1/2, 5xx)
 * and the usage headers are Meta's, read the same for every Meta platform.
 */
import type { GraphError } from '../meta/graph-error';
import { isPermissionCode } from '../meta/graph-error';
import type { GraphPlatform } from '../meta/outcome';
import { PLATFORM_NAME, pageIdOf } from './api';

/** Code 190's subcodes, in the creator's words. */
export function tokenProblem(e: GraphError | null): string {
  switch (e?.subcode) {
    case 463:
      return 'The Facebook sign-in expired.';
    case 460:
      return 'The Facebook password was changed, which ends every app sign-in.';
    case 467:
      return 'The Facebook sign-in is no longer valid (logged out, or ended by Facebook).';
    case 458:
      return 'Loomcast was removed from the Facebook account’s apps.';
    case 459:
      return 'Facebook wants the account owner to log in at facebook.com and clear a security checkpoint.';
    case 464:
      return 'The Facebook account is unconfirmed.';
    default:
      return 'Facebook no longer accepts the saved sign-in.';
  }
}

function refusal(e: GraphError | null, words: string, doing: string): string {
  if (e?.code === 506) return 'Facebook refused the post as a duplicate of one you already published on this Page.';
  if (e?.code === 368) return `Facebook blocked the post under its Community Standards or spam rules: ${words.replace(/\.$/, '')}.`;
  if (isPermissionCode(e?.code)) return `Facebook says Loomcast may not do this on the Page (${words}). Reconnect the Page and grant the requested permissions.`;
  return `Facebook rejected the post while ${doing}: ${words.replace(/\.$/, '')}.`;
}

/** Facebook Pages have no publishing cap of their own: a throttle is only a throttle. */
export const facebookGraph: GraphPlatform = {
  name: PLATFORM_NAME,
  usageOwner: (ctx) => pageIdOf(ctx) || undefined,
  tokenWords: tokenProblem,
  refusal,
};
