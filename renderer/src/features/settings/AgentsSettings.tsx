import { useEffect, useRef, useState } from 'react';
import type { SettingsDto } from '../../../../shared/contract';
import type { ApiTokenDto } from '../../../../shared/contract/features/api-tokens';
import { SCOPE_LABELS } from '../../../../shared/contract/access';
import { useZone } from '../../data/useAppData';
import { useNow } from '../../data/useNow';
import type { Problem } from '../../lib/errors';
import { dayTime, relative } from '../../lib/format';
import { ProblemNote } from '../../ui/ProblemNote';
import { ApiTokenForm, NewTokenSecret } from './ApiTokenForm';
import { useApiTokens } from './useApiTokens';
import type { SaveSetting } from './useSettingsForm';
import './agents.css';
import { CheckWithHint } from '../../ui/Field';

function RevokeConfirm({ token, busy, onRevoke, onCancel }: { token: ApiTokenDto; busy: boolean; onRevoke: () => void; onCancel: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="confirm" role="group" aria-labelledby={`token-revoke-${token.id}`} data-testid="token-revoke-confirm">
      <p id={`token-revoke-${token.id}`}>
        <strong>Revoke “{token.name}”?</strong> Whatever uses it is refused from now on. This can’t be undone: to let it in again, make a new token.
      </p>
      <div className="confirm-actions">
        <button type="button" className="btn btn-danger" data-testid="token-revoke-yes" disabled={busy} onClick={onRevoke}>
          Revoke token
        </button>
        <button ref={cancel} type="button" className="btn" data-testid="token-revoke-no" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/**
 * Settings → Agents and scripts: whether agents' posts wait in Review, and the tokens scripts and
 * agents use for the local API (read only, drafts only or full access), made and revoked here.
 */
export function AgentsSettings({ settings, save, problem: saveProblem }: { settings: SettingsDto; save: SaveSetting; problem: Problem | null }) {
  const { tokens, problem, busy, create, revoke, nameError, clearNameError } = useApiTokens();
  const zone = useZone();
  const now = useNow(60_000);
  const [adding, setAdding] = useState(false);
  const [made, setMade] = useState<{ name: string; secret: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const newButton = useRef<HTMLButtonElement>(null);
  const closeForm = () => {
    setAdding(false);
    setMade(null);
    clearNameError();
    // Back to where the creator started, so the keyboard doesn't lose its place.
    requestAnimationFrame(() => newButton.current?.focus());
  };

  return (
    <section className="card" aria-labelledby="settings-agents" data-testid="settings-agents">
      <h2 id="settings-agents" className="card-title">
        Agents and scripts
      </h2>
      <p className="setting-help">
        Scripts, the <code>loomcast</code> command and AI agents (through <code>loomcast mcp</code>) work with Loomcast through its local API on this computer. Give each one its own
        token, limited to what it needs; your posts stay on this machine either way.
      </p>
      <CheckWithHint
        wrapperClassName="setting"
        className="setting-check"
        label="Posts made by agents wait in Review"
        hintId="settings-agent-review-hint"
        hint="Anything an agent writes or schedules waits for your approval, and agents can’t approve or post right away."
      >
        {(aria) => (
          <input
            type="checkbox"
            data-testid="settings-agent-review"
            checked={settings.agentPostsWaitInReview}
            onChange={(e) => void save({ agentPostsWaitInReview: e.target.checked }, e.target.checked ? 'Posts made by agents wait in Review' : 'Agents’ posts follow your own review setting', 'agents')}
            {...aria}
          />
        )}
      </CheckWithHint>
      {saveProblem ? <ProblemNote problem={saveProblem} testId="settings-agents-problem" /> : null}

      <h3 className="token-heading">Tokens</h3>
      {tokens === null ? null : tokens.length === 0 ? (
        <p className="muted" data-testid="token-empty">
          No tokens yet. Scripts on this computer can also use the app’s own token; a token made here can be limited and revoked.
        </p>
      ) : (
        <ul className="token-list" data-testid="token-list">
          {tokens.map((t) => (
            <li key={t.id} className="token-row" data-testid="token-row" data-token-id={t.id} data-scope={t.scope} data-revoked={t.revokedAt !== null}>
              <div className="token-facts">
                <strong className="token-name">{t.name}</strong>
                <span className="token-scope-label">{SCOPE_LABELS[t.scope]}</span>
                <span className="muted">
                  Made {dayTime(Date.parse(t.createdAt), zone, { withYear: true })} ·{' '}
                  {t.revokedAt ? `revoked ${dayTime(Date.parse(t.revokedAt), zone, { withYear: true })}` : t.lastUsedAt ? `last used ${relative(Date.parse(t.lastUsedAt), now)}` : 'never used'}
                </span>
                {t.revokedAt === null ? (
                  <button type="button" className="btn btn-ghost btn-quiet-danger" data-testid="token-revoke" disabled={busy || confirming === t.id} onClick={() => setConfirming(t.id)}>
                    Revoke…
                  </button>
                ) : (
                  <span className="token-revoked">Revoked</span>
                )}
              </div>
              {confirming === t.id ? (
                <RevokeConfirm
                  token={t}
                  busy={busy}
                  onCancel={() => setConfirming(null)}
                  onRevoke={() =>
                    void revoke(t.id).then(() => {
                      setConfirming(null);
                      requestAnimationFrame(() => newButton.current?.focus());
                    })
                  }
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}

      {made ? (
        <NewTokenSecret name={made.name} secret={made.secret} onDone={closeForm} />
      ) : adding ? (
        <ApiTokenForm
          busy={busy}
          nameError={nameError}
          onCancel={closeForm}
          onCreate={(name, scope) =>
            void create(name, scope).then((r) => {
              if (r) setMade({ name: r.token.name, secret: r.secret });
            })
          }
        />
      ) : (
        <div className="setting-actions">
          <button ref={newButton} type="button" className="btn" data-testid="token-new" onClick={() => setAdding(true)}>
            New token…
          </button>
        </div>
      )}
      {problem ? <ProblemNote problem={problem} testId="tokens-problem" /> : null}
    </section>
  );
}
