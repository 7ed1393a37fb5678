/** How fresh the numbers are, in words, with the lags the platforms are known for (analytics.md). */
import type { Platform } from '../../../shared/domain/platforms';

const LAGS: Partial<Record<Platform, string>> = {
  tiktok: 'TikTok numbers can lag up to 48 h',
  youtube: 'YouTube numbers can lag 24–72 h',
  x: 'X gives private numbers only for your own posts under 30 days old',
  pinterest: 'Pinterest gives numbers for the last 90 days only',
};

export function ago(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

export function freshness(checkedAt: number | null, now: number, platforms: Iterable<Platform>): { checkedAt: string | null; words: string; lags: string[] } {
  const lags = [...new Set(platforms)].sort().flatMap((p) => (LAGS[p] ? [LAGS[p]] : []));
  const first = checkedAt === null ? 'No numbers collected for these posts yet' : `Updated ${ago(now - checkedAt)}`;
  return { checkedAt: checkedAt === null ? null : new Date(checkedAt).toISOString(), words: [first, ...lags].join('; '), lags };
}
