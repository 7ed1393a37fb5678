import type { WeeklyReportDto } from '../../../../shared/contract/features/reports';
import { totalsByCurrency } from '../../../../shared/domain/money';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { formatMoney as money } from '../campaigns/money';
import { num, pct } from './week-nav';
import { fixed } from '../../lib/numbers';
import { ScrollRegion } from '../../ui/ScrollRegion';

const REACH_WORD = { views: 'views', impressions: 'impressions', mixed: 'views and impressions' } as const;

/** Per platform: copies, what was measured, reach (and which kind), engagements, rate, clicks. */
export function PlatformTable({ report }: { report: WeeklyReportDto }) {
  return (
    <ScrollRegion label="Per platform">
      <table className="report-table" data-testid="report-platforms">
        <caption>By platform</caption>
        <thead>
          <tr>
            <th scope="col">Platform</th>
            <th scope="col">Copies</th>
            <th scope="col">Measured</th>
            <th scope="col">Reach</th>
            <th scope="col">Engagements</th>
            <th scope="col">Rate</th>
            <th scope="col">Link clicks</th>
          </tr>
        </thead>
        <tbody>
          {report.platforms.map((p) => (
            <tr key={p.platform} data-platform={p.platform}>
              <th scope="row">{PLATFORM_NAMES[p.platform]}</th>
              <td>{p.posts}</td>
              <td>{p.measured}</td>
              <td>{p.measured === 0 ? 'not measured yet' : p.reach === null ? 'not reported' : `${num(p.reach)} ${p.reachField ? REACH_WORD[p.reachField] : ''}`}</td>
              <td>{p.measured === 0 ? '—' : num(p.engagements)}</td>
              <td>{p.rate === null ? (p.measured && p.reach === null ? 'no rate (no views)' : '—') : pct(p.rate)}</td>
              <td>{p.measured === 0 ? '—' : num(p.clicks)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function ExperimentTable({ report }: { report: WeeklyReportDto }) {
  if (!report.experiments.length) return null;
  return (
    <ScrollRegion label="Experiments">
      <table className="report-table" data-testid="report-experiments">
        <caption>Experiments</caption>
        <thead>
          <tr>
            <th scope="col">Experiment</th>
            <th scope="col">State</th>
            <th scope="col">Winner</th>
            <th scope="col">Posts this week</th>
          </tr>
        </thead>
        <tbody>
          {report.experiments.map((e) => (
            <tr key={e.id}>
              <th scope="row">{e.name}</th>
              <td>{e.state}</td>
              <td>{e.state === 'decided' ? (e.winnerLabel ?? `Arm ${e.winnerArm ?? '?'}`) : 'not decided'}</td>
              <td>{e.postsThisWeek}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function CampaignTable({ report }: { report: WeeklyReportDto }) {
  if (!report.campaigns.length) return null;
  return (
    <ScrollRegion label="Campaigns">
      <table className="report-table" data-testid="report-campaigns">
        <caption>Campaigns (return = revenue ÷ cost; the Campaigns screen's ROI is the same figure less 1, as a percentage)</caption>
        <thead>
          <tr>
            <th scope="col">Campaign</th>
            <th scope="col">Cost</th>
            <th scope="col">Revenue</th>
            <th scope="col">Return</th>
            <th scope="col">Posts this week</th>
          </tr>
        </thead>
        <tbody>
          {report.campaigns.map((c) => (
            <tr key={c.id} data-testid="report-campaign">
              <th scope="row">{c.name}</th>
              <td>{money(c.costCents, c.currency)}</td>
              <td>{money(c.revenueCents, c.currency)}</td>
              <td data-testid="report-campaign-roi">{c.roi === null ? 'no cost recorded' : `${fixed(c.roi, 2)}×`}</td>
              <td>{c.postsThisWeek}</td>
            </tr>
          ))}
        </tbody>
        <CampaignTotalRows report={report} />
      </table>
    </ScrollRegion>
  );
}

/** A total per currency: campaigns in different currencies are never added into one number. */
function CampaignTotalRows({ report }: { report: WeeklyReportDto }) {
  const totals = totalsByCurrency(report.campaigns);
  if (report.campaigns.length < 2) return null;
  return (
    <tfoot>
      {totals.map((t) => (
        <tr key={t.currency} data-testid="report-campaign-total" data-currency={t.currency}>
          <th scope="row">Total in {t.currency}</th>
          <td>{money(t.costCents, t.currency)}</td>
          <td>{money(t.revenueCents, t.currency)}</td>
          <td colSpan={2}>{t.campaigns} {t.campaigns === 1 ? 'campaign' : 'campaigns'}</td>
        </tr>
      ))}
      {totals.length > 1 ? (
        <tr>
          <td colSpan={5} className="muted">
            Amounts in different currencies are not added together.
          </td>
        </tr>
      ) : null}
    </tfoot>
  );
}
