/** Engagement-rate target bands: the defaults of engagement.ts, or the creator's own from Settings. */
import { PLATFORMS, type Platform } from '../../../shared/domain/platforms';
import { DEFAULT_TARGET_BANDS } from './engagement';

export type CustomBands = Partial<Record<Platform, { low: number; high: number }>>;

export interface Band {
  platform: Platform;
  low: number;
  high: number;
  source: string;
  custom: boolean;
}

export function resolveBands(custom: CustomBands): Band[] {
  return PLATFORMS.map((platform) => {
    const own = custom[platform];
    if (own) return { platform, low: own.low, high: own.high, source: 'Set by you under Analytics → Target rates', custom: true };
    const d = DEFAULT_TARGET_BANDS[platform];
    return { platform, low: d.low, high: d.high, source: `Default, from ${d.source}`, custom: false };
  });
}

/** Where a rate falls against a band; null without a rate or where the band is empty (no rate there). */
export function positionIn(rate: number | null, band: { low: number; high: number }): 'below' | 'within' | 'above' | null {
  if (rate === null || (band.low === 0 && band.high === 0)) return null;
  if (rate < band.low) return 'below';
  if (rate > band.high) return 'above';
  return 'within';
}
