import { useState } from 'react';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';
import { useVoices } from './useVoices';
import { VoiceEditor } from './VoiceEditor';
import './voices.css';

/** The creator's brand voices, and the one open for editing. */
export function VoicesTab() {
  const { voices, problem } = useVoices();
  const [open, setOpen] = useState<string | 'new' | null>(null);
  const current = open && open !== 'new' ? (voices?.find((v) => v.id === open) ?? null) : null;

  return (
    <div className="library-split">
      <div className="template-browser">
        <div className="template-browser-head">
          <h2 className="lib-subtitle">Voices</h2>
          <button type="button" className="btn btn-small" data-testid="voice-new" onClick={() => setOpen('new')}>
            <Icon name="plus" size={14} />
            New voice
          </button>
        </div>
        {problem ? <ProblemNote problem={problem} /> : null}
        {voices === null ? (
          <p className="muted">Loading voices…</p>
        ) : voices.length === 0 ? (
          <div className="library-empty" data-testid="voices-empty">
            <p>No voices yet. A voice keeps your posts sounding like you: the tone, the words you reach for, and the ones you never use.</p>
          </div>
        ) : (
          <ul className="template-list">
            {voices.map((v) => (
              <li key={v.id}>
                <button type="button" className="template-item" data-testid="voice-item" aria-current={open === v.id ? 'true' : undefined} onClick={() => setOpen(v.id)}>
                  <span className="template-item-name">{v.name}</span>
                  {v.tone ? <span className="template-item-desc">{v.tone}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="library-pane">
        {open === 'new' ? (
          <VoiceEditor key="new" voice={null} onDone={setOpen} />
        ) : current ? (
          <VoiceEditor key={current.id} voice={current} onDone={setOpen} />
        ) : (
          <div className="library-hint">
            <p>Pick a voice to edit it, or add a new one.</p>
            <p className="muted">Give each pillar a voice and posts made in that pillar speak in it; the template preview warns when a text uses a word the voice avoids.</p>
          </div>
        )}
      </div>
    </div>
  );
}
