import { useState } from 'react';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';
import { useAccounts } from '../accounts/useAccounts';
import { PillarEditor } from './PillarEditor';
import { usePillars, useVoices } from './useVoices';
import './voices.css';

/** Content pillars: the themes, their colours, accounts and voices. */
export function PillarsTab() {
  const { pillars, problem } = usePillars();
  const { voices } = useVoices();
  const { accounts } = useAccounts();
  const [open, setOpen] = useState<string | 'new' | null>(null);
  const current = open && open !== 'new' ? (pillars?.find((p) => p.id === open) ?? null) : null;

  return (
    <div className="library-split">
      <div className="template-browser">
        <div className="template-browser-head">
          <h2 className="lib-subtitle">Pillars</h2>
          <button type="button" className="btn btn-small" data-testid="pillar-new" onClick={() => setOpen('new')}>
            <Icon name="plus" size={14} />
            New pillar
          </button>
        </div>
        {problem ? <ProblemNote problem={problem} /> : null}
        {pillars === null ? (
          <p className="muted">Loading pillars…</p>
        ) : pillars.length === 0 ? (
          <div className="library-empty" data-testid="pillars-empty">
            <p>No pillars yet. Pillars are the few themes you post about, for example one per channel when you run four TikTok accounts. Each gets its own colour.</p>
          </div>
        ) : (
          <ul className="template-list">
            {pillars.map((p) => {
              const voice = voices?.find((v) => v.id === p.voiceId);
              const handles = (accounts ?? []).filter((a) => p.accountIds.includes(a.id)).map((a) => a.handle);
              return (
                <li key={p.id}>
                  <button type="button" className="template-item" data-testid="pillar-item" data-pillar-id={p.id} aria-current={open === p.id ? 'true' : undefined} onClick={() => setOpen(p.id)}>
                    <span className="template-item-top">
                      <span className="pillar-swatch" data-testid="pillar-swatch" data-color={p.color} style={{ background: p.color }} aria-hidden="true" />
                      <span className="template-item-name">{p.name}</span>
                    </span>
                    <span className="template-item-meta">
                      {[handles.length ? handles.join(', ') : 'No accounts', voice ? `voice: ${voice.name}` : null, `${p.postCount} post${p.postCount === 1 ? '' : 's'}`]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <div className="library-pane">
        {open === 'new' ? (
          <PillarEditor key="new" pillar={null} onDone={setOpen} />
        ) : current ? (
          <PillarEditor key={current.id} pillar={current} onDone={setOpen} />
        ) : (
          <div className="library-hint">
            <p>Pick a pillar to edit it, or add a new one.</p>
            <p className="muted">Tie a pillar to the accounts that post it and to a voice; “Use template” in a pillar starts from those accounts’ platforms and that voice.</p>
          </div>
        )}
      </div>
    </div>
  );
}
