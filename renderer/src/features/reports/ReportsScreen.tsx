import { useState } from 'react';
import type { WeeklyReportDto } from '../../../../shared/contract/features/reports';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { dayKey } from '../../../../shared/domain/time';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { showToast } from '../../app/ui.store';
import { toProblem, type Problem } from '../../lib/errors';
import { useNow } from '../../data/useNow';
import { dateRange, firstWords } from '../../lib/format';
import { Page } from '../../ui/Page';
import { ProblemNote } from '../../ui/ProblemNote';
import { saveFile } from '../import/download';
import { CampaignTable, ExperimentTable, PlatformTable, ReportSection } from './ReportTables';
import { useWeeklyReport } from './useWeeklyReport';
import { num, pct, shiftDay } from './week-nav';
import './reports.css';

/** The weekly report: the week's posts and numbers in words and tables, as CSV, and as PDF. */
export function ReportsScreen({ param }: { param: string | null }) {
  // A new week starts from a blank page rather than showing the last one's figures under its name.
  return <WeeklyReport key={param ?? 'last'} param={param} />;
}

function WeeklyReport({ param }: { param: string | null }) {
  const weekOf = param && /^\d{4}-\d{2}-\d{2}$/.test(param) ? param : null;
  const { report, problem } = useWeeklyReport(weekOf);
  const [busy, setBusy] = useState(false);
  const [actionProblem, setActionProblem] = useState<Problem | null>(null);
  const now = useNow(60_000);
  // Weeks to come have no report yet: "Week after" stops at the week under way.
  const lastWeek = report ? Date.parse(report.to) > now : false;
  const ahead = report ? Date.parse(report.from) > now : false;

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setActionProblem(null);
    try {
      await work();
    } catch (err) {
      setActionProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };
  const csv = () =>
    act(async () => {
      const file = await api.call('reports:weeklyCsv', weekOf ? { weekOf } : {});
      saveFile(file);
      showToast(`Saved ${file.filename}`);
    });
  const pdf = (weekStart: string) =>
    act(async () => {
      const r = await api.call('reports:savePdf', { weekStart });
      if (r.saved) showToast('PDF saved', { detail: r.path ?? undefined });
    });

  const actions = report ? (
    <div className="report-actions no-print">
      <button type="button" className="btn" data-testid="report-prev" onClick={() => navigate('reports', shiftDay(report.weekStart, -7))}>
        ← Week before
      </button>
      {ahead ? (
        <button type="button" className="btn" data-testid="report-this-week" onClick={() => navigate('reports', dayKey(now, report.zone))}>
          This week
        </button>
      ) : (
        <button
          type="button"
          className="btn"
          data-testid="report-next"
          disabled={lastWeek}
          title={lastWeek ? 'This week is not over yet; the weeks after it have not happened.' : undefined}
          onClick={() => navigate('reports', shiftDay(report.weekStart, 7))}
        >
          Week after →
        </button>
      )}
      <button type="button" className="btn" data-testid="report-csv" disabled={busy} onClick={() => void csv()}>
        Download CSV
      </button>
      {api.mode === 'desktop' ? (
        <button type="button" className="btn" data-testid="report-pdf" disabled={busy} onClick={() => void pdf(report.weekStart)}>
          Save as PDF
        </button>
      ) : null}
      <button type="button" className="btn btn-primary" data-testid="report-print" onClick={() => window.print()}>
        Print / Save as PDF
      </button>
    </div>
  ) : null;

  return (
    <Page
      title={report ? `Weekly report: ${dateRange(report.weekStart, report.weekEnd)}` : 'Weekly report'}
      testId="reports-screen"
      note={report ? `Monday to Sunday in ${report.zone}. Figures are each post’s latest numbers; what a platform doesn’t report is left out, never counted as 0.` : undefined}
      actions={actions}
    >
      {problem ? <ProblemNote problem={problem} testId="report-problem" /> : null}
      {actionProblem ? <ProblemNote problem={actionProblem} testId="report-action-problem" /> : null}
      {!report && !problem ? <p className="muted">Adding up the week…</p> : null}
      {report ? (
        <article className="report" data-testid="report">
          <section className="report-summary" data-testid="report-summary" aria-label="Summary">
            {report.summary.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </section>
          {report.copies > 0 ? (
            <>
              <dl className="report-figures">
                <Figure label="Posts published" value={String(report.posts)} n={copies(report.copies)} testId="report-posts" />
                <Figure label="Reach" value={orDash(report.reach.value)} n={fromCopies(report, report.reach, 'No platform reported views or impressions this week')} testId="report-reach" />
                <Figure label="Engagements" value={orDash(report.engagements.value)} n={fromCopies(report, report.engagements, 'No platform reported engagements this week')} testId="report-engagements" />
                <Figure label="Engagement rate" value={pct(report.engagementRate.value)} n={fromCopies(report, report.engagementRate, 'No copy reported both engagements and views this week')} testId="report-rate" />
                <Figure label="Link clicks" value={orDash(report.clicks.value)} n={fromCopies(report, report.clicks, 'No platform reported link clicks this week')} testId="report-clicks" />
              </dl>
              {report.reachNotReported.length ? (
                <p className="muted" data-testid="report-not-reported">
                  No views or impressions from {report.reachNotReported.map((p) => PLATFORM_NAMES[p]).join(', ')}: their posts count in engagements, not in reach or rate.
                </p>
              ) : null}
              <PlatformTable report={report} />
              {report.best ? (
                <ReportSection title="Best post" id="report-best-title" testId="report-best" className="report-best">
                  <blockquote>{firstWords(report.best.text, 200)}</blockquote>
                  <p>
                    {pct(report.best.rate)} on {PLATFORM_NAMES[report.best.platform]} ({num(report.best.engagements)} engagements over {num(report.best.reach)}), best of {report.bestFrom} with a rate.
                    {report.best.platformUrl ? (
                      <>
                        {' '}
                        <a href={report.best.platformUrl} target="_blank" rel="noreferrer">
                          Open it
                        </a>
                      </>
                    ) : null}
                  </p>
                </ReportSection>
              ) : null}
            </>
          ) : null}
          <ExperimentTable report={report} />
          <CampaignTable report={report} />
        </article>
      ) : null}
    </Page>
  );
}

/** No number where none was reported; the line under it says why. */
const orDash = (x: number | null) => (x === null ? '—' : num(x));
const copies = (k: number) => `${num(k)} ${k === 1 ? 'copy' : 'copies'}`;

/**
 * What a figure rests on: "from 26 copies"; when none reported it, why there is no number, in the
 * same words as the summary ("No platform reported link clicks this week"), never "from 0".
 */
function fromCopies(report: WeeklyReportDto, figure: { value: number | null; posts: number }, none: string): string {
  if (figure.value !== null) return `from ${copies(figure.posts)}`;
  return report.measured === 0 ? 'No numbers collected yet this week' : none;
}

function Figure({ label, value, n, testId }: { label: string; value: string; n: string; testId: string }) {
  return (
    <div className="report-figure">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
      <dd className="report-n" data-testid={`${testId}-n`}>
        {n}
      </dd>
    </div>
  );
}
