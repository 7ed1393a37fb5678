/**
 * Which of a post's numbers each platform reports at all, as the core's collectors read them
 * (electron/core/platforms/<platform>/metrics.ts and the Meta clients). A number missing from a
 * platform's list is one it never gives; a listed number that comes back null was not reported
 * that time (too early, a permission, an older server), which the UI still says out loud.
 */
import type { TargetMetricsStatusDto } from '../contract/features/metrics';
import type { Platform } from './platforms';

export type MetricKey = keyof NonNullable<TargetMetricsStatusDto['numbers']>;

/** Every number, in the order the UI lists them, with its name in words. */
export const METRIC_LABELS: readonly (readonly [MetricKey, string])[] = [
  ['views', 'Views'],
  ['impressions', 'Impressions'],
  ['likes', 'Likes'],
  ['replies', 'Replies'],
  ['reposts', 'Reposts'],
  ['quotes', 'Quotes'],
  ['shares', 'Shares'],
  ['saves', 'Saves'],
  ['bookmarks', 'Bookmarks'],
  ['clicks', 'Link clicks'],
];

export const REPORTED_METRICS: Readonly<Record<Platform, readonly MetricKey[]>> = {
  x: ['impressions', 'likes', 'replies', 'reposts', 'quotes', 'bookmarks', 'clicks'],
  bluesky: ['likes', 'replies', 'reposts', 'quotes', 'bookmarks'],
  // Quotes since Mastodon 4.5; an older server leaves them out ("not reported").
  mastodon: ['likes', 'replies', 'reposts', 'quotes'],
  // Organisation pages also give clicks; a member's posts do not.
  linkedin: ['impressions', 'likes', 'replies', 'reposts', 'clicks'],
  facebook: ['views', 'likes', 'replies', 'reposts', 'clicks'],
  instagram: ['views', 'likes', 'replies', 'shares', 'saves'],
  threads: ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares'],
  tiktok: ['views', 'likes', 'replies', 'shares'],
  youtube: ['views', 'likes', 'replies'],
  pinterest: ['impressions', 'likes', 'replies', 'saves', 'clicks'],
};

/** Loomcast follows a post's numbers this many days after it went out, then stops (the collector's last band). */
export const MEASURE_DAYS = 90;

