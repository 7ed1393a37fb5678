import type { SettingsDto } from '../../../../shared/contract';
import { useRoute } from '../../app/router';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { ProblemNote } from '../../ui/ProblemNote';
import { AgentsSettings } from './AgentsSettings';
import { AlertsSettings } from './AlertsSettings';
import { DataFolder } from './DataFolder';
import { MediaUsage } from './MediaUsage';
import { DuplicateGuardSettings } from './DuplicateGuardSettings';
import { StartAndNotifications } from './StartAndNotifications';
import { BackupsSettings } from './BackupsSettings';
import { appsFocus, DeveloperApps } from './DeveloperApps';
import { MediaBucket } from './MediaBucket';
import { MissedPostsSettings } from './MissedPostsSettings';
import { PublishingSettings } from '../publishing/PublishingSettings';
import { MoveWorkspace } from './MoveWorkspace';
import { TimeFormatSetting } from './TimeFormatSetting';
import { TimeZonePicker } from './TimeZonePicker';
import { WritingSettings } from './WritingSettings';
import { useSettingsForm } from './useSettingsForm';
import './settings.css';

const THEMES: { value: SettingsDto['theme']; label: string }[] = [
  { value: 'system', label: 'Match the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** One on/off setting that saves as it changes. */
function SettingCheck({ testId, label, checked, onChange }: { testId: string; label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="setting setting-check">
      <input type="checkbox" data-testid={testId} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

export function SettingsScreen() {
  const { settings, info, zones, saved, problemIn, save } = useSettingsForm();
  const timeProblem = problemIn('time');
  const reviewProblem = problemIn('review');
  const focus = appsFocus(useRoute().param);
  if (!settings) return null;
  const systemZone = info?.systemTimeZone;

  return (
    <Page title="Settings" testId="settings-screen">
      <div className="settings">
        <section className="card" aria-labelledby="settings-time">
          <div className="card-title-row">
            <h2 id="settings-time" className="card-title">
              Time and appearance
            </h2>
            <p className="setting-saved" role="status" data-testid="settings-saved">
              {saved ? (
                <>
                  <Icon name="check" size={14} /> {saved}. Saved.
                </>
              ) : null}
            </p>
          </div>
          <div className="setting">
            <label htmlFor="settings-timezone" className="field-label">
              Your time zone
            </label>
            <p className="setting-help">Every time in Loomcast is shown and typed in this zone.</p>
            <TimeZonePicker id="settings-timezone" zones={zones} value={settings.timeZone} onPick={(z) => void save({ timeZone: z }, `Time zone set to ${z}`)} />
            {systemZone && systemZone !== settings.timeZone ? (
              <p className="setting-help">
                This computer is set to {systemZone}.{' '}
                <button type="button" className="btn-link" data-testid="settings-use-system-zone" onClick={() => void save({ timeZone: systemZone }, `Time zone set to ${systemZone}`)}>
                  Use {systemZone}
                </button>
              </p>
            ) : null}
          </div>

          <TimeFormatSetting value={settings.timeFormat} save={save} />

          <fieldset className="setting">
            <legend className="field-label">Theme</legend>
            <div className="segmented">
              {THEMES.map((t) => (
                <label key={t.value} className="segment" data-testid={`settings-theme-${t.value}`}>
                  <input type="radio" name="theme" value={t.value} checked={settings.theme === t.value} onChange={() => void save({ theme: t.value }, `Theme set to ${t.label.toLowerCase()}`)} />
                  <span>{t.label}</span>
                </label>
              ))}
            </div>
          </fieldset>
          {timeProblem ? <ProblemNote problem={timeProblem} /> : null}
        </section>

        <section className="card" aria-labelledby="settings-review">
          <h2 id="settings-review" className="card-title">
            Review
          </h2>
          <p className="setting-help">Posts that wait in Review go out only once you approve them. Generated and planned drafts always wait there.</p>
          <SettingCheck
            testId="settings-own-skip-review"
            label="Posts I write in the composer skip review"
            checked={settings.autoApproveOwnPosts}
            onChange={(on) => void save({ autoApproveOwnPosts: on }, on ? 'Posts you write are scheduled directly' : 'Posts you write wait in Review', 'review')}
          />
          <SettingCheck
            testId="settings-imported-skip-review"
            label="Imported posts skip review"
            checked={settings.importedPostsSkipReview}
            onChange={(on) => void save({ importedPostsSkipReview: on }, on ? 'Imported posts are scheduled directly' : 'Imported posts wait in Review', 'review')}
          />
          {reviewProblem ? <ProblemNote problem={reviewProblem} /> : null}
        </section>

        <PublishingSettings />
        <MissedPostsSettings settings={settings} save={save} problem={problemIn('missed')} />
        <DuplicateGuardSettings />

        {info ? (
          <section className="card" aria-labelledby="settings-data">
            <h2 id="settings-data" className="card-title">
              Where your work lives
            </h2>
            <dl className="facts">
              <dt>Data folder</dt>
              <dd className="data-folder">
                <DataFolder info={info} />
              </dd>
              <dt>Database</dt>
              <dd>
                <code data-testid="settings-db-path">{info.databasePath}</code> <span className="muted">(schema {info.schemaVersion})</span>
              </dd>
              <dt>Media</dt>
              <dd>
                <MediaUsage />
              </dd>
              <dt>Keychain</dt>
              <dd data-testid="settings-keychain" data-available={info.vault.available}>
                {info.vault.available ? (
                  <span className="ok-text">
                    <Icon name="check" size={14} /> Available: account secrets are kept in the system keychain, never in the database.
                  </span>
                ) : (
                  <span className="warn-text">Not available. {info.vault.message}</span>
                )}
              </dd>
              <dt>Running as</dt>
              <dd>
                Loomcast {info.version}, {info.mode === 'desktop' ? 'desktop app' : info.service.headless ? `a service on ${info.service.hostname}` : 'browser mode (local web server)'}
              </dd>
            </dl>
          </section>
        ) : null}

        {info ? <StartAndNotifications info={info} /> : null}

        <BackupsSettings />

        <DeveloperApps focusPlatform={focus.platform} focusRequested={focus.requested} />

        <WritingSettings />
        <MediaBucket />
        <AlertsSettings />
        <AgentsSettings settings={settings} save={save} problem={problemIn('agents')} />
        <MoveWorkspace />
      </div>
    </Page>
  );
}
