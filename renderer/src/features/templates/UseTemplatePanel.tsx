import { useRef, useState } from 'react';
import type { PostDto } from '../../../../shared/contract';
import type { TemplateDto } from '../../../../shared/contract/features/library';
import { PLATFORM_NAMES, PLATFORMS, type Platform } from '../../../../shared/domain/platforms';
import { parseTemplate, renderTemplate, splitThread, wordsFound } from '../../../../shared/domain/template-text';
import { navigate } from '../../app/router';
import { openPost, showToast } from '../../app/ui.store';
import { splitIssues, type Problem } from '../../lib/errors';
import { platformList } from '../../lib/format';
import { Field as FormField } from '../../ui/Field';
import { useFocusFirstInvalid } from '../../ui/focusFirstInvalid';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';
import { useAccounts } from '../accounts/useAccounts';
import { usePillars, useVoices } from '../voices/useVoices';
import { useLibraryStore } from './library.store';
import { createPostFromTemplate } from './useTemplates';
import { platformMarkColor } from '../../ui/PlatformMark';
import { VoiceSelect } from '../voices/VoiceSelect';

type UseField = 'platforms' | 'pillar' | 'voice' | `var:${string}`;

/**
 * The field an issue of templates:use belongs to: a blank by its key ([values, benefit]), where
 * the post goes ([platforms], [platforms, x] when several accounts of X are connected, and
 * [accounts] when none is left to post to), the pillar and the voice (gone in another window).
 */
function fieldOf(path: (string | number)[]): UseField | null {
  const [head, sub] = path;
  if (head === 'values' && typeof sub === 'string') return `var:${sub}`;
  if (head === 'platforms' || head === 'accounts') return 'platforms';
  if (head === 'pillarId') return 'pillar';
  if (head === 'voiceId') return 'voice';
  return null;
}

/** Where the post goes (platforms, pillar, voice) and the button that makes it a draft. */
export function UseTemplatePanel({ template, values, onFieldErrors }: { template: TemplateDto; values: Record<string, string>; onFieldErrors: (errors: Record<string, string>) => void }) {
  const platforms = useLibraryStore((s) => s.platforms);
  const { pillars } = usePillars();
  const { voices } = useVoices();
  const { accounts } = useAccounts();
  const [pillarId, setPillarId] = useState('');
  // undefined follows the pillar's voice; a string (or '' for none) is the creator's choice.
  const [voiceChoice, setVoiceChoice] = useState<string | undefined>(undefined);
  const [errors, setErrors] = useState<Partial<Record<UseField, string>>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<PostDto | null>(null);
  // The blanks are drawn by TemplateDetail, above this panel: the first field in error may be there.
  const panel = useRef<HTMLElement>(null);
  const focusFirstError = useFocusFirstInvalid(panel, (el) => el.closest('.template-detail') ?? el);

  const pillar = pillars?.find((p) => p.id === pillarId) ?? null;
  const voiceId = voiceChoice ?? pillar?.voiceId ?? '';
  const voice = voices?.find((v) => v.id === voiceId) ?? null;
  const rendered = renderTemplate(template.body, values);
  const avoid = voice ? wordsFound(rendered.text, voice.wordsToAvoid) : [];
  const used = voice ? wordsFound(rendered.text, voice.wordsToUse) : [];

  const setPlatforms = (next: Platform[]) => {
    useLibraryStore.setState({ platforms: next });
    setErrors(({ platforms: _gone, ...rest }) => rest);
  };
  const toggle = (p: Platform) => setPlatforms(platforms.includes(p) ? platforms.filter((x) => x !== p) : [...platforms, p]);

  const choosePillar = (id: string) => {
    setPillarId(id);
    const chosen = pillars?.find((p) => p.id === id);
    // A pillar's accounts say where its posts go; start from their platforms.
    const from = [...new Set((accounts ?? []).filter((a) => chosen?.accountIds.includes(a.id)).map((a) => a.platform))];
    if (from.length > 0) setPlatforms(from);
  };

  async function submit() {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setMade(null);
    try {
      // Values kept for blanks the template no longer has (it was edited since) stay typed, but are not sent.
      const blanks = new Set(parseTemplate(template.body).variables.map((v) => v.key));
      const current = Object.fromEntries(Object.entries(values).filter(([key]) => blanks.has(key)));
      const post = await createPostFromTemplate({ templateId: template.id, values: current, platforms, schedule: null, pillarId: pillarId || null, voiceId: voiceId || null });
      setErrors({});
      onFieldErrors({});
      setMade(post);
      showToast(`Draft created from “${template.name}” for ${platformList(post.targets.map((t) => t.platform))}`);
    } catch (err) {
      const split = splitIssues(err, fieldOf);
      const varErrors: Record<string, string> = {};
      for (const [field, message] of Object.entries(split.fields)) if (field.startsWith('var:') && message) varErrors[field.slice(4)] = message;
      onFieldErrors(varErrors);
      setErrors(split.fields);
      // Variable problems show at their fields, and the summary says which ones.
      setProblem(split.form ?? (Object.keys(varErrors).length ? { message: (err as Error).message } : null));
      if (Object.keys(split.fields).length > 0) focusFirstError();
    } finally {
      setBusy(false);
    }
  }

  const parts = splitThread(rendered.text);
  return (
    <section className="use-panel" aria-labelledby="use-title" data-testid="template-use" ref={panel}>
      <h3 id="use-title" className="lib-subtitle">
        Use this template
      </h3>

      <fieldset className="field" data-testid="use-platforms" {...(errors.platforms ? { 'aria-invalid': true, 'aria-describedby': 'use-platforms-error' } : {})}>
        <legend className="field-label">Platforms</legend>
        <div className="lib-toggles">
          {PLATFORMS.map((p) => (
            <button key={p} type="button" className="lib-toggle" aria-pressed={platforms.includes(p)} data-testid={`use-platform-${p}`} onClick={() => toggle(p)}>
              <span className="platform-dot" style={{ background: platformMarkColor(p) }} aria-hidden="true" />
              {PLATFORM_NAMES[p]}
            </button>
          ))}
        </div>
        {errors.platforms ? (
          <p className="field-error" id="use-platforms-error" data-testid="use-platforms-error" role="alert">
            {errors.platforms}
          </p>
        ) : null}
      </fieldset>

      <div className="use-row">
        <FormField id="use-pillar-field" label="Pillar" error={errors.pillar} errorId="use-pillar-error" errorTestId="use-pillar-error">
          {(aria) => (
            <select data-testid="use-pillar" value={pillarId} onChange={(e) => choosePillar(e.target.value)} {...aria}>
              <option value="">No pillar</option>
              {(pillars ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="use-voice-field" label="Voice" error={errors.voice} errorId="use-voice-error" errorTestId="use-voice-error">
          {(aria) => (
            <VoiceSelect testId="use-voice" voices={voices} value={voiceId} onChange={setVoiceChoice} {...aria} />
          )}
        </FormField>
      </div>

      {voice ? (
        <div className="voice-check" data-testid="use-voice-check">
          {voice.tone ? <p>Tone: {voice.tone}</p> : null}
          {avoid.length > 0 ? (
            <p className="field-note" data-testid="use-voice-avoid">
              {voice.name} avoids {avoid.map((w) => `“${w}”`).join(', ')}: the text uses {avoid.length === 1 ? 'it' : 'them'}.
            </p>
          ) : null}
          {voice.wordsToUse.length > 0 ? (
            <p className="muted">
              Uses {used.length} of {voice.wordsToUse.length} of {voice.name}’s words{used.length ? `: ${used.join(', ')}` : ''}.
            </p>
          ) : null}
        </div>
      ) : null}

      {problem ? <ProblemNote problem={problem} testId="use-problem" /> : null}

      <div className="use-actions">
        <button type="button" className="btn btn-primary" data-testid="template-use-submit" disabled={busy} onClick={() => void submit()}>
          <Icon name="draft" />
          {busy ? 'Creating…' : 'Create draft'}
        </button>
        <span className="muted">
          {parts.length > 1 ? `A thread of ${parts.length} posts · ` : ''}
          {[...(parts[0] ?? '')].length} characters{parts.length > 1 ? ' in the first' : ''}
        </span>
      </div>

      {made ? (
        <div className="use-made" data-testid="template-used" role="status">
          <p>
            <Icon name="check" /> Draft created for {platformList(made.targets.map((t) => t.platform))}. It remembers this template.
          </p>
          <blockquote data-testid="template-used-text">{made.text}</blockquote>
          <button
            type="button"
            className="btn btn-small"
            data-testid="template-used-open"
            onClick={() => {
              navigate('calendar');
              openPost(made.id);
            }}
          >
            Open the draft
          </button>
        </div>
      ) : null}
    </section>
  );
}
