/**
 * The weekly report as one CSV file: a section per table, one under the other, each with its own
 * header row. An empty cell is a number the platform did not report (never written as 0).
 * A time is the wall clock of the report's zone (the one its first row names) with its UTC
 * offset, ISO 8601 ("2026-12-04T22:48:46+01:00"): a spreadsheet shows the creator's time and a
 * script reads the exact instant, as the calendar export's times read in their zone.
 */
import { DateTime } from 'luxon';
import { stringify } from 'csv-stringify/sync';
import type { WeeklyReportDto } from '../../../../shared/contract/features/reports';
import { minorToDecimal, totalsByCurrency } from '../../../../shared/domain/money';
import { guardCell } from '../io/csv-guard';

/** An instant as the zone's wall clock with its offset, to the second. */
const zoned = (iso: string, zone: string): string => DateTime.fromISO(iso, { zone }).startOf('second').toISO({ suppressMilliseconds: true, includeOffset: true }) ?? iso;

const cell = (v: string | number | null): string => (v === null ? '' : typeof v === 'number' ? String(Number.isInteger(v) ? v : Number(v.toFixed(6))) : guardCell(v));

export function weeklyCsv(r: WeeklyReportDto): { content: string; count: number } {
  const rows: (string | number | null)[][] = [
    ['Weekly report', `${r.weekStart} to ${r.weekEnd}`, r.zone],
    [],
    ['figure', 'value', 'copies it rests on', 'note'],
    ['posts published', r.posts, r.copies, `${r.copies} copies; numbers collected for ${r.measured}`],
    ['reach (views or impressions)', r.reach.value, r.reach.posts, r.reachNotReported.length ? `not reported by: ${r.reachNotReported.join(' ')}` : ''],
    ['engagements', r.engagements.value, r.engagements.posts, 'likes, replies, reposts, quotes, shares, saves'],
    ['engagement rate', r.engagementRate.value, r.engagementRate.posts, 'engagements / reach, over copies with both'],
    ['link clicks', r.clicks.value, r.clicks.posts, r.clicksNotReported.length ? `not reported by: ${r.clicksNotReported.join(' ')}` : ''],
    [],
    ['platform', 'copies', 'measured', 'reach', 'reach is', 'engagements', 'engagement rate', 'link clicks'],
    ...r.platforms.map((p) => [p.platform, p.posts, p.measured, p.reach, p.reachField, p.engagements, p.rate, p.clicks]),
    [],
    ['best post', 'platform', 'engagement rate', 'engagements', 'reach', 'published at', 'link', 'best of'],
    ...(r.best ? [[r.best.text, r.best.platform, r.best.rate, r.best.engagements, r.best.reach, zoned(r.best.publishedAt, r.zone), r.best.platformUrl, r.bestFrom]] : [['none with a rate this week']]),
  ];
  if (r.experiments.length) {
    // The verdict is the experiment's over all its posts, with the posts it rests on; not the week's.
    rows.push([], ['experiment', 'state', 'verdict (over all its posts)', 'winner', 'posts compared per version', 'stopping rule', 'posts this week']);
    for (const e of r.experiments) rows.push([e.name, e.state, e.verdict, e.winnerLabel, e.versions.map((v) => `${v.label} ${v.compared}`).join('; '), e.rule, e.postsThisWeek]);
  }
  if (r.campaigns.length) {
    // Amounts as plain decimals with their currency beside them ("1250.50", "EUR"); totals per
    // currency, never one total over different currencies. They are each campaign's to date, not the week's.
    rows.push([], ['campaign', 'currency', 'cost to date', 'revenue to date', 'return to date (revenue / cost)', 'posts this week']);
    for (const c of r.campaigns) rows.push([c.name, c.currency, minorToDecimal(c.costCents, c.currency), minorToDecimal(c.revenueCents, c.currency), c.roi, c.postsThisWeek]);
    for (const t of totalsByCurrency(r.campaigns)) {
      rows.push([`total in ${t.currency} (${t.campaigns} ${t.campaigns === 1 ? 'campaign' : 'campaigns'})`, t.currency, minorToDecimal(t.costCents, t.currency), minorToDecimal(t.revenueCents, t.currency), null, null]);
    }
  }
  const content = stringify(rows.map((row) => row.map(cell)), { bom: true, record_delimiter: 'windows' });
  return { content, count: r.copies };
}
