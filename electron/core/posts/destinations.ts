import { AppError } from '../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';
import type { Db } from '../store/open';

/** Where one copy goes: a connected account, or a platform whose account is not connected yet. */
export interface Destination {
  platform: Platform;
  accountId: string | null;
}
export const destKey = (d: Destination) => d.accountId ?? `platform:${d.platform}`;

/**
 * The copies a request asks for (posts:create, posts:update). Account ids are taken as they are;
 * a platform is bound to its one connected account, waits for one when none is connected, and is
 * refused when several are, naming them, so no copy ever goes to an account the creator did not
 * choose.
 */
export function createDestinationResolver(db: Db): (accounts: string[] | undefined, platforms: Platform[] | undefined) => Destination[] {
  const accountStmts = {
    byId: db.prepare('SELECT id, platform, handle FROM accounts WHERE id = ?'),
    ofPlatform: db.prepare('SELECT id, platform, handle FROM accounts WHERE platform = ? ORDER BY created_at, id'),
  };
  type AccountRow = { id: string; platform: Platform; handle: string };
  return (accounts: string[] | undefined, platforms: Platform[] | undefined): Destination[] => {
    const out: Destination[] = [];
    (accounts ?? []).forEach((id, i) => {
      const a = accountStmts.byId.get(id) as AccountRow | undefined;
      if (!a) throw new AppError('invalid_input', 'One of the chosen accounts is not connected any more. Pick the accounts again.', { issues: [{ path: ['accounts', i], message: `No connected account has the id ${id}` }] });
      out.push({ platform: a.platform, accountId: a.id });
    });
    const ambiguous: { platform: Platform; handles: string[] }[] = [];
    for (const platform of platforms ?? []) {
      if (out.some((d) => d.platform === platform)) continue;
      const connected = accountStmts.ofPlatform.all(platform) as AccountRow[];
      if (connected.length > 1) ambiguous.push({ platform, handles: connected.map((c) => c.handle) });
      else out.push({ platform, accountId: connected[0]?.id ?? null });
    }
    if (ambiguous.length > 0) {
      const say = ambiguous.map((a) => `${a.handles.length} ${PLATFORM_NAMES[a.platform]} accounts are connected (${a.handles.join(', ')})`).join('; ');
      throw new AppError('invalid_input', `${say}. Pick which account${ambiguous.length > 1 || ambiguous[0]!.handles.length > 1 ? 's get' : ' gets'} this post.`, {
        issues: ambiguous.map((a) => ({ path: ['platforms', a.platform], message: `Choose one or more of ${a.handles.join(', ')}` })),
      });
    }
    if (out.length === 0) throw new AppError('invalid_input', 'Pick at least one account to post to.', { issues: [{ path: ['accounts'], message: 'Pick at least one account' }] });
    return out;
  };
}
