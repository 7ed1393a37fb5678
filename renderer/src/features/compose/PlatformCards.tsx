import type { AccountDto } from '../../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import { textFor, type ComposeForm } from './compose.store';
import { errorIdOf } from './compose-checks';
import type { FieldErrors } from './compose-form';
import { textRules } from './Counters';
import { FieldError } from './FieldError';
import { isImage } from './mediaRules';
import { PostPreview } from './PostPreview';
import { platformsWith } from './ThreadFields';
import { useCapabilities } from './useCapabilities';
import './platform-cards.css';

interface Props {
  form: ComposeForm;
  accounts: AccountDto[];
  /** Without it the cards are read-only (Review): no switch to a platform's own words. */
  onOverrides?: (overrides: ComposeForm['overrides']) => void;
  errors?: FieldErrors;
}

/**
 * One card per chosen platform: how the post will look there, and a switch to give that
 * platform its own words. Only customised platforms show a second text box.
 */
export function PlatformCards({ form, accounts, onOverrides, errors = {} }: Props) {
  const caps = useCapabilities();
  if (form.platforms.length === 0) return null;
  const accountFor = (p: Platform): AccountDto | null => accounts.find((a) => a.platform === p) ?? null;
  const threadTo = platformsWith(form, caps, 'threads');
  const commentTo = platformsWith(form, caps, 'firstComment');
  const capOf = (p: Platform) => caps?.find((c) => c.platform === p) ?? null;
  // Each preview shows what that platform will get: no images where it takes none, no videos
  // where it takes no video (until the capabilities are known, everything).
  const mediaFor = (p: Platform) => {
    const c = capOf(p);
    return c ? form.media.filter((m) => (isImage(m.mime) ? c.images : c.video)) : form.media;
  };

  const customise = (p: Platform) => onOverrides?.({ ...form.overrides, [p]: form.text });
  const share = (p: Platform) => {
    const next = { ...form.overrides };
    delete next[p];
    onOverrides?.(next);
  };

  return (
    <section className="field platform-cards" aria-label="How it looks on each platform" data-testid="compose-previews">
      <h2 className="field-label">Preview</h2>
      <div className="platform-card-list">
        {form.platforms.map((p) => {
          const own = form.overrides[p] !== undefined;
          const name = PLATFORM_NAMES[p];
          const error = errors[`override.${p}`];
          return (
            <div key={p} className="platform-card" data-testid={`compose-card-${p}`} data-customised={own ? 'true' : undefined}>
              <div className="platform-card-bar">
                <span className="platform-card-name">{name}</span>
                {onOverrides ? (
                  <button
                    type="button"
                    className="btn btn-ghost btn-small"
                    aria-pressed={own}
                    data-testid={`compose-customise-${p}`}
                    onClick={() => (own ? share(p) : customise(p))}
                  >
                    {own ? 'Use the shared text' : `Customise for ${name}`}
                  </button>
                ) : own ? (
                  <span className="muted">Its own text</span>
                ) : null}
              </div>
              {own && onOverrides ? (
                <div className="platform-override">
                  <label htmlFor={`compose-override-${p}`} className="visually-hidden">
                    Text for {name}
                  </label>
                  <textarea
                    id={`compose-override-${p}`}
                    data-testid={`compose-override-${p}`}
                    className="compose-override"
                    rows={3}
                    value={form.overrides[p]}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? errorIdOf(`override.${p}`) : undefined}
                    onChange={(e) => onOverrides({ ...form.overrides, [p]: e.target.value })}
                  />
                  <FieldError id={errorIdOf(`override.${p}`)} message={error} />
                </div>
              ) : null}
              <PostPreview
                platform={p}
                text={textFor(form, p)}
                account={accountFor(p)}
                rules={textRules}
                media={mediaFor(p)}
                thread={threadTo.includes(p) ? form.thread : []}
                firstComment={commentTo.includes(p) ? form.firstComment : ''}
                maxImages={capOf(p)?.maxImages || 4}
              />
            </div>
          );
        })}
      </div>
    </section>
  );
}
