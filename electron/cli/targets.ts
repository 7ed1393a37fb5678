/**
 * `--to bluesky:@me` (or an account id, or a bare platform) resolved to what posts:create takes,
 * against accounts:list: the CLI and the MCP tools name accounts the way a creator does.
 */
import type { AccountDto } from '../../shared/contract';
import { isPlatform, type Platform } from '../../shared/domain/platforms';
import { ApiError, EXIT } from './client';
import { accountLabel } from './describe';

const norm = (handle: string) => handle.trim().replace(/^@/, '').toLowerCase();

export type Destinations = { accounts: string[] } | { platforms: Platform[] };

export function resolveDestinations(wanted: readonly string[], accounts: readonly AccountDto[]): Destinations {
  if (wanted.length === 0) throw new ApiError(EXIT.usage, 'Say where the post goes: --to platform:@handle (e.g. --to bluesky:@me.bsky.social), repeatable.');
  const bare = wanted.filter((w) => isPlatform(w.trim())) as Platform[];
  // Only platforms named: the core picks each one's account (or keeps the platform for a draft).
  if (bare.length === wanted.length) return { platforms: bare };
  const ids: string[] = [];
  for (const raw of wanted) {
    const w = raw.trim();
    const byId = accounts.find((a) => a.id === w);
    if (byId) {
      ids.push(byId.id);
      continue;
    }
    const colon = w.indexOf(':');
    const platform = colon > 0 ? w.slice(0, colon) : w;
    if (!isPlatform(platform)) throw new ApiError(EXIT.usage, `"${w}" names no platform: write platform:@handle, e.g. bluesky:@me.bsky.social.`);
    const onPlatform = accounts.filter((a) => a.platform === platform);
    const handle = colon > 0 ? norm(w.slice(colon + 1)) : null;
    const found = handle === null ? (onPlatform.length === 1 ? onPlatform : []) : onPlatform.filter((a) => norm(a.handle) === handle);
    if (found.length !== 1) {
      const known = onPlatform.map(accountLabel).join(', ');
      const what = handle === null ? `${platform} has ${onPlatform.length === 0 ? 'no connected account' : `several accounts (${known}): name one as ${platform}:@handle`}` : `no ${platform} account is @${handle}${known ? ` (connected: ${known})` : ' (none is connected)'}`;
      throw new ApiError(EXIT.refused, `Cannot send to "${w}": ${what}.`);
    }
    ids.push(found[0]!.id);
  }
  return { accounts: [...new Set(ids)] };
}
