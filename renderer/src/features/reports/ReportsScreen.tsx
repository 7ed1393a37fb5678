import { useState } from 'react';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { showToast } from '../../app/ui.store';
import { toProblem, type Problem } from '../../lib/errors';
import { dateRange, firstWords } from '../../lib/format';
import { Page } from '../../ui/Page';
import { ProblemNote } from '../../ui/ProblemNote';
import { saveFile } from '../import/download';
import { CampaignTable, ExperimentTable, PlatformTable } from './ReportTables';
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
      <button type="button" className="btn" data-testid="report-next" onClick={() => navigate('reports', shiftDay(report.weekStart, 7))}>
        Week after →
      </button>
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
                <Figure label="Posts published" value={String(report.posts)} n={`${report.copies} copies`} testId="report-posts" />
                <Figure label="Reach" value={num(report.reach.value)} n={`from ${report.reach.posts}`} testId="report-reach" />
                <Figure label="Engagements" value={num(report.engagements.value)} n={`from ${report.engagements.posts}`} testId="report-engagements" />
                <Figure label="Engagement rate" value={pct(report.engagementRate.value)} n={`from ${report.engagementRate.posts}`} testId="report-rate" />
                <Figure label="Link clicks" value={num(report.clicks.value)} n={`from ${report.clicks.posts}`} testId="report-clicks" />
              </dl>
              {report.reachNotReported.length ? (
                <p className="muted" data-testid="report-not-reported">
                  No views or impressions from {report.reachNotReported.map((p) => PLATFORM_NAMES[p]).join(', ')}: their posts count in engagements, not in reach or rate.
                </p>
              ) : null}
              <PlatformTable report={report} />
              {report.best ? (
                <section className="report-best" data-testid="report-best" aria-label="Best post">
                  <h2>Best post</h2>
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
                </section>
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

function Figure({ label, value, n, testId }: { label: string; value: string; n: string; testId: string }) {
  return (
    <div className="report-figure">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
      <dd className="report-n">{n}</dd>
    </div>
  );
}
