import { useEffect, useRef } from 'react';
import type { AlertItemDto as AlertDto } from '../../../../shared/contract/features/alerts';
import { dayKey } from '../../../../shared/domain/time';
import { navigate } from '../../app/router';
import { openPost } from '../../app/ui.store';
import { useZone } from '../../data/useAppData';
import { useNow } from '../../data/useNow';
import { clockTime, shortWhen } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { acknowledgeAlert, dismissAlert, setAlertsOpen, snoozeAlert, unseenCount, useAlertsStore, useDismissedAlerts } from './alerts.store';
import { showToast } from '../../app/ui.store';
import { useAlertsFeed } from './useAlertsFeed';
import './alerts.css';

function openSubject(alert: AlertDto): void {
  setAlertsOpen(false);
  if (alert.subject?.kind === 'post') {
    navigate('calendar');
    openPost(alert.subject.id);
  } else if (alert.subject?.kind === 'account') {
    navigate('accounts');
  }
}

const HOUR = 3_600_000;

/**
 * Dismisses an alert and gives the keyboard somewhere to be once its row has gone: the next
 * alert's Dismiss (else the one above), or the list's heading when none is left; never the page.
 */
function dismissKeepingFocus(button: HTMLElement, id: number): void {
  const row = button.closest('li');
  const neighbour = (row?.nextElementSibling ?? row?.previousElementSibling) as HTMLElement | null;
  const next = neighbour?.dataset.alertId ?? null;
  dismissAlert(id);
  requestAnimationFrame(() => {
    const target = next ? document.querySelector<HTMLElement>(`[data-alert-id="${next}"] [data-testid="alert-dismiss"]`) : document.getElementById('alerts-title');
    target?.focus();
  });
}

/**
 * Acknowledges an alert; its Acknowledge button goes with it, so the keyboard moves on to the next
 * alert's first action (else the list's heading) rather than dropping to the page.
 */
function acknowledgeKeepingFocus(button: HTMLElement, id: number): void {
  const next = (button.closest('li')?.nextElementSibling as HTMLElement | null)?.dataset.alertId ?? null;
  act(
    acknowledgeAlert(id).then(() => {
      requestAnimationFrame(() => {
        // Only if the keyboard was still on the gone button, not somewhere the creator moved it since.
        const at = document.activeElement;
        if (at && at !== document.body && at !== button) return;
        const target = next ? document.querySelector<HTMLElement>(`[data-alert-id="${next}"] button`) : document.getElementById('alerts-title');
        target?.focus();
      });
    }),
    'Acknowledged: no more notices for this one',
  );
}

function act(p: Promise<void>, done: string): void {
  p.then(
    () => showToast(done),
    () => showToast('That didn’t work. Try again.', { tone: 'attention' }),
  );
}

/** Where it stands: cleared, snoozed, acknowledged, or seen more than once. */
function Standing({ alert, zone, now }: { alert: AlertDto; zone: string; now: number }) {
  const when = (iso: string) => shortWhen(Date.parse(iso), zone, now);
  if (alert.state === 'resolved') return <span data-testid="alert-standing">Cleared {alert.resolvedAt ? when(alert.resolvedAt) : ''}</span>;
  const parts: string[] = [];
  if (alert.occurrences > 1) parts.push(`seen ${alert.occurrences} times`);
  if (alert.snoozedUntil && Date.parse(alert.snoozedUntil) > now) parts.push(`snoozed until ${when(alert.snoozedUntil)}`);
  if (alert.acknowledgedAt) parts.push('acknowledged');
  return parts.length > 0 ? <span data-testid="alert-standing">{parts.join(', ')}</span> : null;
}

function AlertItem({ alert, zone, now }: { alert: AlertDto; zone: string; now: number }) {
  const at = Date.parse(alert.at);
  const sameDay = dayKey(at, zone) === dayKey(now, zone);
  const open = alert.state === 'open';
  return (
    <li
      className={open ? 'alert-item' : 'alert-item alert-item-resolved'}
      data-testid="alert-item"
      data-kind={alert.kind}
      data-state={alert.state}
      data-alert-id={alert.id}
      data-read={alert.readAt ? 'true' : 'false'}
    >
      <Icon name="alert" size={15} />
      <div className="alert-item-body">
        <p className="alert-item-title">{alert.title}</p>
        <p className="alert-item-text">{alert.body}</p>
        <p className="alert-item-meta">
          <time dateTime={alert.at}>{sameDay ? clockTime(at, zone) : shortWhen(at, zone, now)}</time>
          <Standing alert={alert} zone={zone} now={now} />
          {alert.subject ? (
            <button type="button" className="btn-link" data-testid="alert-open" onClick={() => openSubject(alert)}>
              {alert.subject.kind === 'post' ? 'Open the post' : 'Open Accounts'}
            </button>
          ) : null}
          {open && !alert.acknowledgedAt ? (
            <button type="button" className="btn-link" data-testid="alert-ack" onClick={(e) => acknowledgeKeepingFocus(e.currentTarget, alert.id)}>
              Acknowledge
            </button>
          ) : null}
          {open ? (
            <>
              <button type="button" className="btn-link" data-testid="alert-snooze-hour" onClick={() => act(snoozeAlert(alert.id, HOUR), 'Snoozed for an hour')}>
                Snooze 1 h
              </button>
              <button type="button" className="btn-link" data-testid="alert-snooze-day" onClick={() => act(snoozeAlert(alert.id, 24 * HOUR), 'Snoozed for a day')}>
                Snooze 1 day
              </button>
            </>
          ) : null}
          <button type="button" className="btn-link alert-dismiss" data-testid="alert-dismiss" onClick={(e) => dismissKeepingFocus(e.currentTarget, alert.id)}>
            Dismiss
          </button>
        </p>
      </div>
    </li>
  );
}

/** The bell in the top bar: a count of alerts not yet seen, and the list of recent alerts. */
export function AlertsBell() {
  useAlertsFeed();
  const all = useAlertsStore((s) => s.alerts);
  const loaded = useAlertsStore((s) => s.loaded);
  const open = useAlertsStore((s) => s.open);
  const dismissed = useDismissedAlerts((s) => s.ids);
  const alerts = all.filter((a) => !dismissed.includes(a.id));
  const unseen = unseenCount(all, dismissed);
  const zone = useZone();
  const now = useNow();
  const root = useRef<HTMLDivElement>(null);
  const bell = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!open) return;
    heading.current?.focus();
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setAlertsOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        setAlertsOpen(false);
        bell.current?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="alerts" ref={root}>
      <button
        ref={bell}
        type="button"
        className="btn btn-icon alerts-bell"
        data-testid="alerts-bell"
        aria-label={unseen > 0 ? `Alerts: ${unseen} new` : 'Alerts'}
        title="Alerts"
        aria-expanded={open}
        aria-controls="alerts-popover"
        onClick={() => setAlertsOpen(!open)}
      >
        <Icon name="bell" size={18} />
        {unseen > 0 ? (
          <span className="alerts-badge" data-testid="alerts-unseen" aria-hidden="true">
            {unseen > 9 ? '9+' : unseen}
          </span>
        ) : null}
      </button>
      {open ? (
        <div id="alerts-popover" className="alerts-popover" role="dialog" aria-labelledby="alerts-title" data-testid="alerts-list">
          <header className="alerts-head">
            <h2 id="alerts-title" ref={heading} tabIndex={-1}>
              Alerts
            </h2>
            <span className="muted">Newest first</span>
          </header>
          {!loaded ? (
            <p className="alerts-empty">Reading alerts…</p>
          ) : alerts.length === 0 ? (
            <p className="alerts-empty" data-testid="alerts-empty">
              Nothing needs you. A post that fails, can’t be confirmed or is missed, an account that needs reconnecting, and the other rules in Settings → Alerts show up here and as a notice.
            </p>
          ) : (
            <ul className="alerts-items">
              {alerts.map((a) => (
                <AlertItem key={a.id} alert={a} zone={zone} now={now} />
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
