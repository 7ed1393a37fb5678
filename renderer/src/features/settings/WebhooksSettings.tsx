import { useCallback, useEffect, useState } from 'react';
import { ALERT_RULES, WEBHOOK_EVENTS, type WebhookDeliveryDto, type WebhookDto, type WebhookEventName } from '../../../../shared/contract/features/alerts';
import { api } from '../../api/client';
import { showToast } from '../../app/ui.store';
import { useZone } from '../../data/useAppData';
import { toProblem, type Problem } from '../../lib/errors';
import { dayTime } from '../../lib/format';
import { ProblemNote } from '../../ui/ProblemNote';
import { ALERT_RULE_NAMES } from './alert-rule-names';

/** The alert rules by their shared names, and the two events that are not alerts. */
const EVENT_NAMES: Record<WebhookEventName, string> = {
  ...ALERT_RULE_NAMES,
  'post.published': 'A post went out',
  'post.failed': 'A post failed (every time)',
};

const DELIVERY_STATES = { pending: 'Waiting to try again', delivered: 'Delivered', failed: 'Failed' } as const;

function Deliveries({ webhookId, version }: { webhookId: string; version: number }) {
  const [list, setList] = useState<WebhookDeliveryDto[] | null>(null);
  const zone = useZone();
  useEffect(() => {
    api.call('webhooks:deliveries', { webhookId, limit: 10 }).then(setList, () => setList([]));
  }, [webhookId, version]);
  if (!list) return null;
  if (list.length === 0) return <p className="muted">Nothing sent yet.</p>;
  return (
    <ul className="webhook-deliveries" data-testid="webhook-deliveries">
      {list.map((d) => (
        <li key={d.id} data-testid="webhook-delivery" data-state={d.state} data-event={d.event}>
          {dayTime(Date.parse(d.createdAt), zone, { withYear: true })} · {EVENT_NAMES[d.event as WebhookEventName] ?? (d.event === 'test' ? 'Test' : d.event)} · {DELIVERY_STATES[d.state]}
          {d.attempts > 1 ? ` after ${d.attempts} tries` : ''}
          {d.lastStatus ? ` (answer ${d.lastStatus})` : ''}
          {d.state !== 'delivered' && d.lastError ? ` · ${d.lastError}` : ''}
        </li>
      ))}
    </ul>
  );
}

function EventPicker({ value, onChange }: { value: WebhookEventName[]; onChange: (next: WebhookEventName[]) => void }) {
  return (
    <fieldset className="webhook-events">
      <legend className="field-label">What it gets</legend>
      {WEBHOOK_EVENTS.map((e) => (
        <label key={e} className="checkbox">
          {/* The same words as an alert rule and a notification: the name heard says which. */}
          <input
            type="checkbox"
            data-testid={`webhook-event-${e}`}
            aria-label={`${EVENT_NAMES[e]}, sent to this webhook`}
            checked={value.includes(e)}
            onChange={(x) => onChange(x.target.checked ? [...value, e] : value.filter((v) => v !== e))}
          />
          {EVENT_NAMES[e]}
        </label>
      ))}
    </fieldset>
  );
}

/** The webhooks section of Settings → Alerts: add, test, switch off, delete; what was sent. */
export function WebhooksSettings() {
  const [hooks, setHooks] = useState<WebhookDto[] | null>(null);
  const [version, setVersion] = useState(0);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [secret, setSecret] = useState<{ id: string; secret: string } | null>(null);
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<'json' | 'slack' | 'discord'>('json');
  const [events, setEvents] = useState<WebhookEventName[]>([...ALERT_RULES]);
  /** The webhook the form edits; null: the form adds one. */
  const [editing, setEditing] = useState<WebhookDto | null>(null);

  const reload = useCallback(() => {
    api.call('webhooks:list', {}).then(
      (list) => {
        setHooks(list);
        setVersion((v) => v + 1);
      },
      (err: unknown) => setProblem(toProblem(err)),
    );
  }, []);
  useEffect(() => {
    reload();
    return api.subscribe('webhooks:changed', reload);
  }, [reload]);

  const run = async (what: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await what();
    } catch (err) {
      setProblem(toProblem(err));
    }
  };

  const add = () =>
    run(async () => {
      const made = await api.call('webhooks:create', { name, url, format, events });
      setSecret({ id: made.id, secret: made.secret });
      setName('');
      setUrl('');
      showToast(`Webhook “${made.name}” added`);
    });

  const edit = (w: WebhookDto) => {
    setProblem(null);
    setEditing(w);
    setName(w.name);
    setUrl('');
    setFormat(w.format);
    setEvents(w.events);
  };
  const stopEditing = () => {
    setEditing(null);
    setName('');
    setUrl('');
    setFormat('json');
    setEvents([...ALERT_RULES]);
  };
  // An empty address keeps the one in the keychain.
  const save = () =>
    run(async () => {
      if (!editing) return;
      const saved = await api.call('webhooks:update', { id: editing.id, name, url, format, events });
      stopEditing();
      showToast(`Webhook “${saved.name}” saved`);
    });

  return (
    <section className="card" aria-labelledby="settings-webhooks" data-testid="settings-webhooks">
      <h2 id="settings-webhooks" className="card-title">
        Webhooks
      </h2>
      <p className="muted">
        Loomcast posts each new alert, and posts going out or failing, to these addresses: as JSON, or as a Slack or Discord message. An address lets whoever has it post, so it is kept in your keychain and only its site is shown here. Every request carries X-Loomcast-Timestamp (when it was sent) and is signed (X-Loomcast-Signature: sha256 HMAC, with the webhook’s secret, of the timestamp, a dot and the body), so a receiver can refuse an old request sent again; its X-Loomcast-Delivery id stays the same when it is tried again.
      </p>
      {hooks && hooks.length > 0 ? (
        <ul className="webhook-list">
          {hooks.map((w) => (
            <li key={w.id} className="webhook" data-testid="webhook" data-webhook-id={w.id}>
              <p>
                <strong>{w.name}</strong> <span className="muted">{w.format === 'json' ? 'JSON' : w.format === 'slack' ? 'Slack' : 'Discord'} · {w.url}</span>
              </p>
              <p className="muted">{w.events.length === 0 ? 'Gets nothing yet: pick what it gets.' : w.events.map((e) => EVENT_NAMES[e]).join(', ')}</p>
              {secret?.id === w.id ? (
                <p className="webhook-secret" data-testid="webhook-secret">
                  Signing secret (kept in your keychain): <code>{secret.secret}</code>
                </p>
              ) : null}
              <div className="setting-actions">
                <button type="button" className="btn" data-testid="webhook-test" onClick={() => void run(async () => {
                  const d = await api.call('webhooks:test', { id: w.id });
                  showToast(d.state === 'delivered' ? 'Test delivered' : d.state === 'pending' ? 'The test didn’t go through yet; Loomcast tries again' : 'The test failed', d.lastError ? { detail: d.lastError } : undefined);
                  reload();
                })}>
                  Send test
                </button>
                <button type="button" className="btn" data-testid="webhook-show-secret" onClick={() => void run(async () => setSecret({ id: w.id, ...(await api.call('webhooks:secret', { id: w.id })) }))}>
                  Show secret
                </button>
                <button type="button" className="btn" data-testid="webhook-edit" onClick={() => edit(w)}>
                  Edit
                </button>
                <button type="button" className="btn" data-testid="webhook-toggle" onClick={() => void run(() => api.call('webhooks:update', { id: w.id, enabled: !w.enabled }))}>
                  {w.enabled ? 'Pause' : 'Resume'}
                </button>
                <button type="button" className="btn" data-testid="webhook-delete" onClick={() => void run(() => api.call('webhooks:delete', { id: w.id }))}>
                  Delete
                </button>
              </div>
              <Deliveries webhookId={w.id} version={version} />
            </li>
          ))}
        </ul>
      ) : null}
      <div className="webhook-form" data-testid="webhook-form" data-editing={editing?.id ?? undefined}>
        {editing ? (
          <p className="field-label" data-testid="webhook-form-title">
            Editing “{editing.name}”
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="webhook-name" className="field-label">
            Name
          </label>
          <input id="webhook-name" data-testid="webhook-name" className="text-input" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="webhook-url" className="field-label">
            Address
          </label>
          <input
            id="webhook-url"
            data-testid="webhook-url"
            className="text-input"
            type="url"
            placeholder={editing ? 'Leave empty to keep the current address' : 'https://hooks.slack.com/services/…'}
            aria-describedby="webhook-url-hint"
            autoComplete="off"
            value={url}
            spellCheck={false}
            onChange={(e) => setUrl(e.target.value)}
          />
          <p id="webhook-url-hint" className="muted" data-testid="webhook-url-hint">
            {editing
              ? `Now ${editing.url}, kept in your keychain. Leave this empty to keep it, or enter a new address to replace it.`
              : 'Kept in your keychain; only its site is shown here.'}
          </p>
        </div>
        <div className="field">
          <label htmlFor="webhook-format" className="field-label">
            Format
          </label>
          <select id="webhook-format" data-testid="webhook-format" value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
            <option value="json">Loomcast JSON</option>
            <option value="slack">Slack</option>
            <option value="discord">Discord</option>
          </select>
        </div>
        <EventPicker value={events} onChange={setEvents} />
        <div className="setting-actions">
          {editing ? (
            <>
              <button type="button" className="btn btn-primary" data-testid="webhook-save" onClick={() => void save()}>
                Save changes
              </button>
              <button type="button" className="btn" data-testid="webhook-cancel" onClick={stopEditing}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-primary" data-testid="webhook-add" onClick={() => void add()}>
              Add webhook
            </button>
          )}
        </div>
      </div>
      {problem ? <ProblemNote problem={problem} testId="webhooks-problem" /> : null}
    </section>
  );
}
