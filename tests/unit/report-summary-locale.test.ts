import { describe, expect, it } from 'vitest';
import { summarise } from '../../electron/core/features/reports/weekly';
import { dateFormat } from '../../shared/domain/datetime-format';
import type { WeeklyReportDto } from '../../shared/contract/features/reports';

/** A week with big numbers, a rate and a campaign's return: what the summary writes in words. */
const week = {
  zone: 'Europe/Berlin',
  weekStart: '2026-11-30',
  weekEnd: '2026-12-06',
  from: '2026-11-29T23:00:00.000Z',
  to: '2026-12-06T23:00:00.000Z',
  posts: 12,
  copies: 30,
  measured: 30,
  reach: { value: 162_392, posts: 30 },
  engagements: { value: 7_632, posts: 30 },
  engagementRate: { value: 0.047, posts: 30 },
  clicks: { value: 1_250, posts: 30 },
  reachNotReported: [],
  clicksNotReported: [],
  platforms: [],
  best: null,
  bestFrom: 30,
  experiments: [],
  campaigns: [{ id: 'c1', name: 'Herbst', postsThisWeek: 3, roi: 2.5 }],
} as unknown as Omit<WeeklyReportDto, 'summary'>;

const words = (locale?: string) => summarise(week, dateFormat({ locale: 'en-GB', timeFormat: 'system' }), locale).join('\n');

describe('the weekly report’s words in the creator’s locale', () => {
  it('writes its numbers as de-DE does for a German creator', () => {
    const de = words('de-DE');
    expect(de).toContain('Reach 162.392 views or impressions');
    expect(de).toContain('7.632 engagements');
    expect(de).toContain('Engagement rate 4,7 % over 30 copies');
    expect(de).toContain('1.250 link clicks');
    expect(de).toContain('returned 2,50× its cost');
  });

  it('stays as it was in English', () => {
    const en = words();
    expect(en).toContain('Reach 162,392 views or impressions');
    expect(en).toContain('Engagement rate 4.7 % over 30 copies');
    expect(en).toContain('returned 2.50× its cost');
  });
});
