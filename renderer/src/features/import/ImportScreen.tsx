import { api } from '../../api/client';
import { useSettings } from '../../data/useAppData';
import { navigate } from '../../app/router';
import { plural } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { ProblemNote } from '../../ui/ProblemNote';
import { ExportPanel } from './ExportPanel';
import { FeedPanel } from './FeedPanel';
import { CheckingProgress } from './ImportPaging';
import { ImportPicker, ImportSettingsForm } from './ImportPicker';
import { ImportPreview } from './ImportPreview';
import { useImportStore } from './import.store';
import { startOver, useImportFeed } from './useImport';
import './import.css';

function Done() {
  const result = useImportStore((s) => s.result);
  const settings = useSettings();
  if (!result) return null;
  // Imported posts wait in Review unless the creator chose otherwise in Settings.
  const reviewed = settings ? !settings.importedPostsSkipReview : true;
  return (
    <div className="io-done" data-testid="import-done" role="status">
      <Icon name="check" size={18} />
      <div>
        <p className="io-drop-title">
          Imported {plural(result.posts, 'post')} ({plural(result.targets, 'copy', 'copies')} across platforms){result.skipped ? `; ${plural(result.skipped, 'row')} skipped` : ''}.
        </p>
        <p className="io-help">{reviewed ? 'They wait in Review: approve them there, and they go out at their times.' : 'They are scheduled and in your calendar.'}</p>
      </div>
      <div className="io-done-actions">
        {reviewed ? (
          <button type="button" className="btn btn-primary" data-testid="import-open-review" onClick={() => navigate('review')}>
            Open Review
          </button>
        ) : null}
         <button type="button" className={reviewed ? 'btn' : 'btn btn-primary'} data-testid="import-open-calendar" onClick={() => navigate('calendar')}>
          Open the calendar
        </button>
        <button type="button" className="btn" onClick={startOver}>
          Import another file
        </button>
      </div>
    </div>
  );
}

/** Bulk import from CSV, export to CSV and iCal, and (in browser mode) a calendar subscription. */
export function ImportScreen() {
  useImportFeed();
  const stage = useImportStore((s) => s.stage);
  const problem = useImportStore((s) => s.problem);
  const notice = useImportStore((s) => s.notice);
  const hasRows = useImportStore((s) => s.rows.length > 0);
  const showPreview = stage === 'preview' || stage === 'importing' || (stage === 'reading' && hasRows);
  return (
    <Page title="Import & export" note="Bring a month of posts in from a spreadsheet, or take your calendar to another app." testId="import-screen">
      <div className="io-stack">
        <section className="card io-card" aria-labelledby="io-import-title" data-testid="import-panel">
          <h2 id="io-import-title" className="card-title">
            Import posts from a CSV file
          </h2>
          {stage === 'done' ? <Done /> : showPreview ? null : <ImportPicker />}
          {stage === 'reading' ? <CheckingProgress /> : null}
          {stage !== 'done' ? <ImportSettingsForm /> : null}
          {problem ? <ProblemNote problem={problem} testId="import-problem" /> : null}
          {notice ? (
            <p className="io-notice" data-testid="import-notice" role="status">
              {notice}
            </p>
          ) : null}
          {showPreview ? <ImportPreview /> : null}
        </section>
        <ExportPanel />
        {api.mode === 'browser' ? <FeedPanel /> : null}
      </div>
    </Page>
  );
}
