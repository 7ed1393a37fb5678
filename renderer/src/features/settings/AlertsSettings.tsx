import { useEffect, useState } from 'react';
import { AlertRules, type AlertRule, type AlertRulesDto } from '../../../../shared/contract/features/alerts';
import { api } from '../../api/client';
import { showToast } from '../../app/ui.store';
import { toProblem, type Problem } from '../../lib/errors';
import { ProblemNote } from '../../ui/ProblemNote';
import { ALERT_RULE_NAMES } from './alert-rule-names';
import { WebhooksSettings } from './WebhooksSettings';
import './alerts-settings.css';

/** Each rule's thresholds (field, words before, words after); its name is ALERT_RULE_NAMES'. */
const RULES: { rule: AlertRule; fields: { key: string; before: string; after: string }[] }[] = [
  { rule: 'post_failed', fields: [] },
  { rule: 'post_unconfirmed', fields: [] },
  { rule: 'post_missed', fields: [] },
  { rule: 'thread_stopped', fields: [] },
  { rule: 'post_removed', fields: [] },
  { rule: 'zero_views', fields: [{ key: 'hours', before: 'A post still has 0 views', after: 'hours after it went out (only where the platform reports views)' }] },
  {
    rule: 'low_engagement',
    fields: [
      { key: 'hours', before: 'After', after: 'hours,' },
      { key: 'percentOfLow', before: 'engagement is under', after: '% of the low end of the platform’s target band' },
    ],
  },
  {
    rule: 'failure_rate',
    fields: [
      { key: 'percent', before: 'More than', after: '% of posts failed' },
      { key: 'hours', before: 'in the last', after: 'hours,' },
      { key: 'minPosts', before: 'once at least', after: 'posts went out or failed' },
    ],
  },
  { rule: 'backlog', fields: [{ key: 'count', before: 'More than', after: 'posts waiting in Review, or in the queue' }] },
  { rule: 'token_expiring', fields: [{ key: 'days', before: 'An account’s sign-in ends within', after: 'days' }] },
  { rule: 'account_needs_reconnect', fields: [] },
  { rule: 'metrics_failing', fields: [{ key: 'inARow', before: 'The last', after: 'looks at an account’s numbers failed or lacked permission' }] },
];

type Form = Record<AlertRule, Record<string, string | boolean>>;

const formOf = (r: AlertRulesDto): Form =>
  Object.fromEntries(Object.entries(r).map(([rule, v]) => [rule, Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'boolean' ? x : String(x)]))])) as Form;

const rulesOf = (f: Form): unknown =>
  Object.fromEntries(Object.entries(f).map(([rule, v]) => [rule, Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'boolean' ? x : x.trim() === '' ? Number.NaN : Number(x)]))]));

/** Settings → Alerts: each rule switched on or off with its thresholds, then the webhooks. */
export function AlertsSettings() {
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.call('alerts:rules', {}).then(
      (r) => setForm(formOf(r)),
      (err: unknown) => setProblem(toProblem(err)),
    );
  }, []);

  const set = (rule: AlertRule, key: string, value: string | boolean) => {
    setForm((f) => (f ? { ...f, [rule]: { ...f[rule], [key]: value } } : f));
    setErrors((e) => {
      const next = { ...e };
      delete next[`${rule}.${key}`];
      return next;
    });
  };

  const save = async () => {
    if (!form) return;
    const parsed = AlertRules.safeParse(rulesOf(form));
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      setForm(formOf(await api.call('alerts:setRules', parsed.data)));
      showToast('Alert rules saved');
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  const check = async () => {
    try {
      const r = await api.call('alerts:check', {});
      showToast(r.opened === 0 && r.resolved === 0 ? 'Looked at every rule: nothing new' : `Looked at every rule: ${r.opened} new, ${r.resolved} cleared`);
    } catch (err) {
      setProblem(toProblem(err));
    }
  };

  return (
    <>
      <section className="card" aria-labelledby="settings-alerts" data-testid="settings-alerts">
        <h2 id="settings-alerts" className="card-title">
          Alerts
        </h2>
        <p className="muted">
          Each rule opens one alert per post or account while it holds: you get one notice, and it clears by itself when the problem goes away. Loomcast looks after every change and every five minutes.
        </p>
        {!form ? (
          <p className="muted">Reading the rules…</p>
        ) : (
          <ul className="alert-rules">
            {RULES.map(({ rule, fields }) => (
              <li key={rule} className="alert-rule" data-testid={`alert-rule-${rule}`}>
                <label className="checkbox">
                  {/* The rule's name is also a notification's and a webhook event's: the name heard says which. */}
                  <input
                    type="checkbox"
                    data-testid={`alert-rule-${rule}-enabled`}
                    aria-label={`${ALERT_RULE_NAMES[rule]}, alert rule`}
                    checked={form[rule].enabled === true}
                    onChange={(e) => set(rule, 'enabled', e.target.checked)}
                  />
                  <strong>{ALERT_RULE_NAMES[rule]}</strong>
                </label>
                {fields.length > 0 ? (
                  <p className="alert-rule-thresholds">
                    {fields.map(({ key, before, after }) => {
                      const id = `alert-rule-${rule}-${key}`;
                      const error = errors[`${rule}.${key}`];
                      return (
                        <span key={key} className="alert-rule-field">
                          <label htmlFor={id}>{before}</label>{' '}
                          <input
                            id={id}
                            data-testid={id}
                            className="text-input alert-rule-number"
                            inputMode="numeric"
                            value={String(form[rule][key] ?? '')}
                            aria-invalid={error ? true : undefined}
                            aria-describedby={error ? `${id}-error` : undefined}
                            disabled={form[rule].enabled !== true}
                            onChange={(e) => set(rule, key, e.target.value)}
                          />{' '}
                          {after}{' '}
                          {error ? (
                            <span className="field-error" id={`${id}-error`} data-testid={`${id}-error`} role="alert">
                              {error}
                            </span>
                          ) : null}
                        </span>
                      );
                    })}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {problem ? <ProblemNote problem={problem} /> : null}
        <div className="setting-actions">
          <button type="button" className="btn btn-primary" data-testid="alerts-rules-save" disabled={!form || busy} onClick={() => void save()}>
            Save alert rules
          </button>
          <button type="button" className="btn" data-testid="alerts-check" onClick={() => void check()}>
            Check now
          </button>
        </div>
      </section>
      <WebhooksSettings />
    </>
  );
}
