import { useEffect, useState } from 'react';
import type { AppInfoDto } from '../../../../shared/contract';
import { NOTIFICATION_KINDS, type LoginItemStateDto, type NotificationKind, type NotificationSwitchesDto } from '../../../../shared/contract/features/desktop';
import { api } from '../../api/client';
import { showToast } from '../../app/ui.store';
import { toProblem, type Problem } from '../../lib/errors';
import { ProblemNote } from '../../ui/ProblemNote';
import { ALERT_RULE_NAMES } from './alert-rule-names';

/** Each kind in the creator's words (the alert rules' shared names), in the order they matter. */
const KINDS: Record<NotificationKind, string> = {
  post_failed: ALERT_RULE_NAMES.post_failed,
  post_unconfirmed: ALERT_RULE_NAMES.post_unconfirmed,
  post_missed: ALERT_RULE_NAMES.post_missed,
  thread_stopped: ALERT_RULE_NAMES.thread_stopped,
  post_removed: ALERT_RULE_NAMES.post_removed,
  account_needs_reconnect: ALERT_RULE_NAMES.account_needs_reconnect,
  token_expiring: ALERT_RULE_NAMES.token_expiring,
  zero_views: ALERT_RULE_NAMES.zero_views,
  low_engagement: ALERT_RULE_NAMES.low_engagement,
  failure_rate: ALERT_RULE_NAMES.failure_rate,
  backlog: ALERT_RULE_NAMES.backlog,
  metrics_failing: ALERT_RULE_NAMES.metrics_failing,
  still_running: 'Loomcast is still running in the tray after you close its window',
};

/** "Start Loomcast when I log in": desktop only, its state read back from the system. */
function LaunchAtLogin({ info }: { info: AppInfoDto }) {
  const [state, setState] = useState<LoginItemStateDto | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (info.mode !== 'desktop') return;
    api.call('desktop:loginItem', {}).then(setState, (err: unknown) => setProblem(toProblem(err)));
  }, [info.mode]);

  if (info.mode !== 'desktop') {
    return (
      <div className="setting" data-testid="settings-login-browser">
        <p className="field-label">Start when you log in</p>
        {info.service.headless ? (
          <p className="setting-help">
            This Loomcast runs as a service on <strong>{info.service.hostname}</strong>: it keeps publishing when you close this tab, and starts with the machine if its service is enabled.
          </p>
        ) : (
          <p className="setting-help">
            Browser mode stops when you stop <code>npm run web</code>. To keep publishing without a window open, run it as a service:{' '}
            <code>npm run web -- --headless --token-file PATH</code> with the systemd user unit in <code>docs/loomcast.service</code>. Or use the desktop app, which can start when you log in.
          </p>
        )}
      </div>
    );
  }

  const toggle = async (enabled: boolean) => {
    setBusy(true);
    setProblem(null);
    const before = state;
    // Shown switched while the system is asked; what it then reports is what stays.
    setState((s) => (s ? { ...s, enabled } : s));
    try {
      const next = await api.call('desktop:setLoginItem', { enabled });
      setState(next);
      showToast(next.enabled ? 'Loomcast will start when you log in' : 'Loomcast won’t start when you log in');
    } catch (err) {
      setState(before);
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="setting">
      {state && !state.supported ? (
        <p className="setting-help">{state.note}</p>
      ) : (
        <>
          <label className="setting setting-check">
            <input type="checkbox" role="switch" data-testid="settings-login-item" checked={state?.enabled ?? false} disabled={!state || busy} onChange={(e) => void toggle(e.target.checked)} />
            <span>Start Loomcast when I log in</span>
          </label>
          <p className="setting-help">It starts in the tray, without opening its window, so scheduled posts go out.{state?.where ? ` The setting lives in ${state.where}.` : ''}</p>
          {state?.note ? (
            <p className="setting-help warn-text" data-testid="settings-login-note">
              {state.note}
            </p>
          ) : null}
        </>
      )}
      {problem ? <ProblemNote problem={problem} /> : null}
    </div>
  );
}

/** Which alerts also pop up as a notification; the inbox keeps every alert either way. */
function NotificationSwitches({ mode }: { mode: AppInfoDto['mode'] }) {
  const [switches, setSwitches] = useState<NotificationSwitchesDto | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    api.call('notifications:switches', {}).then(setSwitches, (err: unknown) => setProblem(toProblem(err)));
  }, []);
  const change = async (kind: NotificationKind, on: boolean) => {
    setProblem(null);
    // Shown switched at once; put back if the change could not be saved.
    setSwitches((s) => (s ? { ...s, [kind]: on } : s));
    try {
      setSwitches(await api.call('notifications:setSwitches', { [kind]: on }));
      showToast(`${KINDS[kind]}: notification ${on ? 'on' : 'off'}`);
    } catch (err) {
      setSwitches((s) => (s ? { ...s, [kind]: !on } : s));
      setProblem(toProblem(err));
    }
  };
  return (
    <fieldset className="setting">
      <legend className="field-label">Notifications</legend>
      <p className="setting-help">
        {mode === 'desktop'
          ? 'Which alerts also show as a notification on your desktop. Each alert stays in the bell’s list either way; a click on a notification opens what it is about.'
          : 'Browser mode shows alerts in the bell’s list. These switches apply when the desktop app opens this data folder.'}
      </p>
      {switches
        ? NOTIFICATION_KINDS.map((kind) => (
            <label key={kind} className="setting-check">
              {/* The same words as an alert rule and a webhook event: the name heard says which. */}
              <input type="checkbox" data-testid={`settings-notify-${kind}`} aria-label={`${KINDS[kind]}, desktop notification`} checked={switches[kind]} onChange={(e) => void change(kind, e.target.checked)} />
              <span>{KINDS[kind]}</span>
            </label>
          ))
        : null}
      {problem ? <ProblemNote problem={problem} /> : null}
    </fieldset>
  );
}

/** Settings → Start and notifications. */
export function StartAndNotifications({ info }: { info: AppInfoDto }) {
  return (
    <section className="card" aria-labelledby="settings-start">
      <h2 id="settings-start" className="card-title">
        Start and notifications
      </h2>
      <LaunchAtLogin info={info} />
      <NotificationSwitches mode={info.mode} />
    </section>
  );
}
