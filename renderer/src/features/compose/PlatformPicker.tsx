import { PLATFORM_COLORS, PLATFORM_NAMES, PLATFORMS, type Platform } from '../../../../shared/domain/platforms';
import { FieldError } from './FieldError';

/** Ten toggle buttons, one per platform; pressed ones get the post. */
export function PlatformPicker({ selected, onToggle, error }: { selected: Platform[]; onToggle: (p: Platform) => void; error?: string }) {
  return (
    <fieldset className="field platform-picker" aria-describedby={error ? 'compose-platforms-error' : undefined}>
      <legend className="field-label">Platforms</legend>
      <div className="platform-toggles" data-testid="compose-platforms">
        {PLATFORMS.map((p) => {
          const on = selected.includes(p);
          return (
            <button key={p} type="button" className="platform-toggle" aria-pressed={on} data-testid={`compose-platform-${p}`} onClick={() => onToggle(p)}>
              <span className="platform-dot" style={{ background: PLATFORM_COLORS[p] }} aria-hidden="true" />
              {PLATFORM_NAMES[p]}
            </button>
          );
        })}
      </div>
      <FieldError id="compose-platforms-error" message={error} />
    </fieldset>
  );
}
