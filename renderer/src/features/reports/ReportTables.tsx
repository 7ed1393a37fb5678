import type { ReactNode } from 'react';
import type { WeeklyReportDto } from '../../../../shared/contract/features/reports';
import { totalsByCurrency } from '../../../../shared/domain/money';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { formatMoney as money } from '../campaigns/money';
import { num, pct } from './week-nav';
import { fixed } from '../../lib/numbers';
import { ScrollRegion } from '../../ui/ScrollRegion';

const REACH_WORD = { views: 'views', impressions: 'impressions', mixed: 'views and impressions' } as const;

/**
 * One part of the report under its own level-2 heading, every part alike (By platform, Best post,
 * Experiments, Campaigns), so the outline is flat and each title has one size on screen and on
 * paper. A table inside is named by the heading (aria-labelledby) rather than a caption.
 */
export function ReportSection({ title, id, testId, className, note, children }: { title: string; id: string; testId?: string; className?: string; note?: string; children: ReactNode }) {
  return (
    <section className={className ? `report-section ${className}` : 'report-section'} aria-labelledby={id} data-testid={testId}>
      <h2 id={id} className="report-h2">
        {title}
      </h2>
      {note ? <p className="muted report-section-note">{note}</p> : null}
      {children}
    </section>
  );
}

/** Per platform: copies, what was measured, reach (and which kind), engagements, rate, clicks. */
export function PlatformTable({ report }: { report: WeeklyReportDto }) {
  return (
    <ReportSection title="By platform" id="report-platforms-title">
      <ScrollRegion label="By platform">
        <table className="report-table" data-testid="report-platforms" aria-labelledby="report-platforms-title">
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
    </ReportSection>
  );
}

const VERDICT_WORD = { collecting: 'no verdict yet', no_difference: 'no clear difference', equivalent: 'versions did equally well' } as const;

/**
 * Each verdict is the experiment's own, over all its posts, not this week's: beside it, the posts
 * it rests on per version and the rule that decides, then how many of its posts went out this week.
 */
export function ExperimentTable({ report }: { report: WeeklyReportDto }) {
  if (!report.experiments.length) return null;
  return (
    <ReportSection title="Experiments" id="report-experiments-title" note="Each verdict is the experiment’s, over all its posts, not this week’s; it rests on the posts compared per version.">
      <ScrollRegion label="Experiments">
        <table className="report-table" data-testid="report-experiments" aria-labelledby="report-experiments-title">
          <thead>
            <tr>
              <th scope="col">Experiment</th>
              <th scope="col">State</th>
              <th scope="col">Verdict (all its posts)</th>
              <th scope="col">Posts compared, per version</th>
              <th scope="col">Stopping rule</th>
              <th scope="col">Posts this week</th>
            </tr>
          </thead>
          <tbody>
            {report.experiments.map((e) => (
              <tr key={e.id} data-testid="report-experiment">
                <th scope="row">{e.name}</th>
                <td>{e.state}</td>
                <td>{e.verdict === 'winner' ? `${e.winnerLabel ?? 'One version'} won` : VERDICT_WORD[e.verdict]}</td>
                <td>
                  {e.versions.map((v) => `${v.label} ${num(v.compared)}`).join(', ')} ({num(e.compared)} {e.compared === 1 ? 'post' : 'posts'})
                </td>
                <td>{e.rule}</td>
                <td>{e.postsThisWeek}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </ReportSection>
  );
}

export function CampaignTable({ report }: { report: WeeklyReportDto }) {
  if (!report.campaigns.length) return null;
  return (
    <ReportSection
      title="Campaigns"
      id="report-campaigns-title"
      note="Cost, revenue and return are each campaign’s to date, not this week’s (return = revenue ÷ cost; the Campaigns screen’s ROI is the same figure less 1, as a percentage)."
    >
      <ScrollRegion label="Campaigns">
        <table className="report-table" data-testid="report-campaigns" aria-labelledby="report-campaigns-title">
          <thead>
            <tr>
              <th scope="col">Campaign</th>
              <th scope="col">Cost to date</th>
              <th scope="col">Revenue to date</th>
              <th scope="col">Return to date</th>
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
    </ReportSection>
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
