import { PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';

/**
 * The colour of a platform's small mark (a dot) in the current theme: theme.css --platform-*,
 * which keeps 3:1 against the surfaces in both themes (the brand colour of X, #111, would vanish on dark).
 */
export const platformMarkColor = (platform: Platform): string => `var(--platform-${platform})`;

/** A platform as a small coloured dot and its name; colour never carries meaning alone. */
export function PlatformMark({ platform, compact = false }: { platform: Platform; compact?: boolean }) {
  return (
    <span className={compact ? 'platform-mark compact' : 'platform-mark'} data-platform={platform}>
      <span className="platform-dot" style={{ background: platformMarkColor(platform) }} aria-hidden="true" />
      <span className="platform-name">{PLATFORM_NAMES[platform]}</span>
    </span>
  );
}

export function PlatformMarks({ platforms, compact = false }: { platforms: readonly Platform[]; compact?: boolean }) {
  return (
    <span className="platform-marks">
      {platforms.map((p) => (
        <PlatformMark key={p} platform={p} compact={compact} />
      ))}
    </span>
  );
}
